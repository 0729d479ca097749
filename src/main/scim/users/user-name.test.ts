import { describe, expect, it } from 'vitest';
import { scimServer } from '../test-support/client';
import { patchBody, USER_SCHEMA } from '../test-support/user-fixtures';

const user = (userName: string, emails: unknown[] | undefined, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName,
  ...(emails === undefined ? {} : { emails }),
  active: true,
  ...extra,
});

const addressOf = (scim: Awaited<ReturnType<typeof scimServer>>, id: string) =>
  scim.core.db.prepare('SELECT email FROM accounts WHERE scim_id = ?').pluck().get(id) as string | undefined;

const find = async (scim: Awaited<ReturnType<typeof scimServer>>, filter: string) =>
  ((await scim.get(`/Users?filter=${encodeURIComponent(filter)}`)).body.Resources as { userName: string }[]).map((found) => found.userName);

describe('userName is any unique string; the address comes from it or from emails', () => {
  it('takes an Entra guest name (#EXT#) as userName and as the address, and returns it exactly', async () => {
    const scim = await scimServer();
    const guest = 'ana_contoso.com#EXT#@fabrikam.onmicrosoft.com';
    const created = await scim.post('/Users', user(guest, [{ value: 'ana@contoso.com', type: 'work', primary: true }]));
    expect(created.status).toBe(201);
    expect(created.body.userName).toBe(guest);
    expect(addressOf(scim, created.body.id)).toBe(guest);
    expect((await scim.get(`/Users/${created.body.id}`)).body.userName).toBe(guest);
    expect(await find(scim, `userName eq "${guest.toUpperCase()}"`)).toEqual([guest]);
  });

  it("accepts addresses with + and ' in the part before the @", async () => {
    const scim = await scimServer();
    for (const address of ["o'brien@acme.example", 'ana+okta@acme.example']) {
      const created = await scim.post('/Users', user(address, undefined));
      expect(created.status, address).toBe(201);
      expect(addressOf(scim, created.body.id)).toBe(address);
    }
  });

  it('finds the address of a userName that is not one in emails: primary, else work, else the only one', async () => {
    const scim = await scimServer();
    const cases: [string, unknown[], string][] = [
      ['okta-prefix\\ana', [{ value: 'home@acme.example', type: 'home' }, { value: 'ana@acme.example', type: 'home', primary: true }], 'ana@acme.example'],
      ['EMP-0042', [{ value: 'home@bo.example', type: 'home' }, { value: 'bo@acme.example', type: 'work' }], 'bo@acme.example'],
      ['cy', [{ value: 'cy@acme.example' }], 'cy@acme.example'],
    ];
    for (const [userName, emails, address] of cases) {
      const created = await scim.post('/Users', user(userName, emails));
      expect(created.status, userName).toBe(201);
      expect(created.body.userName).toBe(userName);
      expect(addressOf(scim, created.body.id)).toBe(address);
    }
    expect(await find(scim, 'userName eq "emp-0042"')).toEqual(['EMP-0042']);
    expect(await find(scim, 'userName sw "okta-prefix"')).toEqual(['okta-prefix\\ana']);
    expect(await find(scim, 'emails[type eq "work"].value eq "bo@acme.example"')).toEqual(['EMP-0042']);
    expect(await find(scim, 'emails.value eq "cy@acme.example"')).toEqual(['cy']);
  });

  it('refuses a userName that is no address with no address in emails (400 invalidValue saying what is missing), creating nothing', async () => {
    const scim = await scimServer();
    const none = await scim.post('/Users', user('EMP-1', undefined));
    expect(none).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(none.body.detail).toContain('has no emails');
    const unmarked = await scim.post('/Users', user('EMP-2', [{ value: 'a@acme.example', type: 'home' }, { value: 'b@acme.example', type: 'other' }]));
    expect(unmarked).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(unmarked.body.detail).toContain('primary');
    const bad = await scim.post('/Users', user('EMP-3', [{ value: 'not an address', primary: true }]));
    expect(bad).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(scim.core.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(0);
  });

  it('keeps userName unique ignoring case, and an address to one user (409 naming the other)', async () => {
    const scim = await scimServer();
    const first = await scim.post('/Users', user('EMP-7', [{ value: 'ana@acme.example', primary: true }]));
    const again = await scim.post('/Users', user('emp-7', [{ value: 'other@acme.example', primary: true }]));
    expect(again).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
    expect(again.body.detail).toContain(first.body.id);
    const sameAddress = await scim.post('/Users', user('EMP-8', [{ value: 'Ana@acme.example', primary: true }]));
    expect(sameAddress).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
    expect(sameAddress.body.detail).toContain(`EMP-7 (id ${first.body.id})`);
    const second = await scim.post('/Users', user('EMP-9', [{ value: 'bo@acme.example', primary: true }]));
    const renamed = await scim.patch(`/Users/${second.body.id}`, patchBody({ op: 'replace', path: 'userName', value: 'Emp-7' }));
    expect(renamed).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
    const moved = await scim.patch(`/Users/${second.body.id}`, patchBody({ op: 'replace', path: 'emails[primary eq true].value', value: 'ana@acme.example' }));
    expect(moved).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
    expect(addressOf(scim, second.body.id)).toBe('bo@acme.example');
  });

  it('follows a new primary email as the address when userName is not one, and keeps it when userName is', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', user('EMP-5', [{ value: 'old@acme.example', primary: true }]));
    const moved = await scim.patch(`/Users/${created.body.id}`, patchBody({ op: 'replace', path: 'emails', value: [{ value: 'new@acme.example', primary: true }] }));
    expect(moved.status).toBe(200);
    expect(addressOf(scim, created.body.id)).toBe('new@acme.example');
    const renamed = await scim.patch(`/Users/${created.body.id}`, patchBody({ op: 'replace', path: 'userName', value: 'pat@acme.example' }));
    expect(renamed.body.userName).toBe('pat@acme.example');
    expect(addressOf(scim, created.body.id)).toBe('pat@acme.example');
  });
});
