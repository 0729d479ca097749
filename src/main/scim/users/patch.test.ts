import { describe, expect, it } from 'vitest';
import { addMembers, usage } from '../../test-support/seats-helpers';
import { scimServer } from '../test-support/client';
import { ENTERPRISE_USER_SCHEMA, patchBody, scimIdOf, userBody } from '../test-support/user-fixtures';

async function oneUser(seats = 10) {
  const scim = await scimServer({ seats });
  const created = await scim.post('/Users', userBody('pat@acme.example', { externalId: 'p-1' }));
  const id = created.body.id as string;
  const patch = (...operations: Record<string, unknown>[]) => scim.patch(`/Users/${id}`, patchBody(...operations));
  return { scim, id, created: created.body, patch };
}

describe('PATCH /Users/:id', () => {
  it('replaces, adds and removes by path, answering 200 with the user', async () => {
    const { patch } = await oneUser();
    const answer = await patch(
      { op: 'replace', path: 'displayName', value: 'Pat Q' },
      { op: 'add', path: 'name.middleName', value: 'ignored' },
      { op: 'replace', path: 'name.familyName', value: 'Quinn' },
      { op: 'remove', path: 'externalId' },
      { op: 'add', path: 'title', value: 'Lead' },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ displayName: 'Pat Q', name: { givenName: 'pat', familyName: 'Quinn' }, title: 'Lead' });
    expect(answer.body.externalId).toBeUndefined();
  });

  it('writes through value paths such as emails[type eq "work"].value, adding the value when none matches', async () => {
    const { patch } = await oneUser();
    const replaced = await patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'pat.q@acme.example' });
    expect(replaced.body.emails).toEqual([{ value: 'pat.q@acme.example', type: 'work', primary: true }]);
    const added = await patch({ op: 'replace', path: 'emails[type eq "home"].value', value: 'pat@home.example' });
    expect(added.body.emails).toEqual([
      { value: 'pat.q@acme.example', type: 'work', primary: true },
      { value: 'pat@home.example', type: 'home' },
    ]);
    const removed = await patch({ op: 'remove', path: 'emails[type eq "home"]' });
    expect(removed.body.emails).toHaveLength(1);
  });

  it('answers noTarget for a remove without path, or whose filter matches nothing', async () => {
    const { patch } = await oneUser();
    expect(await patch({ op: 'remove' })).toMatchObject({ status: 400, body: { scimType: 'noTarget' } });
    expect(await patch({ op: 'remove', path: 'emails[type eq "fax"]' })).toMatchObject({ status: 400, body: { status: '400', scimType: 'noTarget' } });
    expect(await patch({ op: 'replace', path: 'emails[type eq "fax"]', value: { value: 'x@acme.example' } })).toMatchObject({ status: 400, body: { scimType: 'noTarget' } });
  });

  it('refuses read-only attributes with 400 mutability', async () => {
    const { patch } = await oneUser();
    for (const operation of [
      { op: 'replace', path: 'id', value: '99' },
      { op: 'add', path: 'groups', value: [{ value: '1' }] },
      { op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' },
      { op: 'replace', value: { id: '99' } },
    ]) {
      expect(await patch(operation), JSON.stringify(operation)).toMatchObject({ status: 400, body: { scimType: 'mutability' } });
    }
  });

  it('refuses bad paths (invalidPath), bad values (invalidValue) and bodies that are not a PatchOp (invalidSyntax)', async () => {
    const { patch, scim, id } = await oneUser();
    expect(await patch({ op: 'replace', path: 'favouriteColour', value: 'red' })).toMatchObject({ status: 400, body: { scimType: 'invalidPath' } });
    expect(await patch({ op: 'replace', path: 'emails[type eq ', value: 'x' })).toMatchObject({ status: 400, body: { scimType: 'invalidPath' } });
    expect(await patch({ op: 'replace', path: 'displayName[type eq "x"]', value: 'x' })).toMatchObject({ status: 400, body: { scimType: 'invalidPath' } });
    expect(await patch({ op: 'replace', path: 'active', value: 'maybe' })).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(await patch({ op: 'replace', path: 'userName', value: '  ' })).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(await patch({ op: 'replace', path: 'name.bogus', value: 'x' })).toMatchObject({ status: 400, body: { scimType: 'invalidPath' } });
    expect(await patch({ op: 'replace', value: 'just text' })).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(await patch({ op: 'move', path: 'displayName' })).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
    expect(await scim.patch(`/Users/${id}`, { Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] })).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
    expect(await scim.patch(`/Users/${id}`, patchBody())).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
  });

  it('is atomic: when the second operation fails, the first is not applied', async () => {
    const { patch, scim, id, created } = await oneUser();
    const auditBefore = scim.core.services.audit.list().length;
    const failed = await patch({ op: 'replace', path: 'displayName', value: 'Changed' }, { op: 'replace', path: 'groups', value: [] });
    expect(failed.status).toBe(400);
    expect((await scim.get(`/Users/${id}`)).body).toEqual(created);
    expect(scim.core.services.audit.list().length).toBe(auditBefore);
  });

  it('is atomic across the seat: a rename with a reactivation that finds no seat changes nothing', async () => {
    const { patch, scim, id } = await oneUser(1);
    await patch({ op: 'replace', path: 'active', value: false });
    await addMembers(scim.core, 'taker@acme.example');
    const refused = await patch({ op: 'replace', path: 'displayName', value: 'Renamed' }, { op: 'replace', path: 'active', value: true });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('No free seats');
    expect((await scim.get(`/Users/${id}`)).body).toMatchObject({ displayName: 'pat Test', active: false });
    expect(scim.core.db.prepare("SELECT name FROM accounts WHERE email = 'pat@acme.example'").pluck().get()).toBe('pat Test');
  });

  it('checks If-Match before patching', async () => {
    const { scim, id, created } = await oneUser();
    const body = patchBody({ op: 'replace', path: 'displayName', value: 'X' });
    expect(await scim.patch(`/Users/${id}`, body, { 'If-Match': 'W/"stale"' })).toMatchObject({ status: 412, body: { status: '412' } });
    expect((await scim.patch(`/Users/${id}`, body, { 'If-Match': created.meta.version })).status).toBe(200);
  });

  it('writes the enterprise extension by attribute path, by its URN, and removes it', async () => {
    const { patch } = await oneUser();
    await patch({ op: 'add', path: `${ENTERPRISE_USER_SCHEMA}:department`, value: 'Sales' });
    const whole = await patch({ op: 'replace', path: ENTERPRISE_USER_SCHEMA, value: { costCenter: 'CC-1' } });
    expect(whole.body[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Sales', costCenter: 'CC-1' });
    expect(whole.body.schemas).toContain(ENTERPRISE_USER_SCHEMA);
    const manager = await patch({ op: 'replace', path: `${ENTERPRISE_USER_SCHEMA}:manager.value`, value: '12' });
    expect(manager.body[ENTERPRISE_USER_SCHEMA].manager).toEqual({ value: '12' });
    const removed = await patch({ op: 'remove', path: ENTERPRISE_USER_SCHEMA });
    expect(removed.body[ENTERPRISE_USER_SCHEMA]).toBeUndefined();
    expect(removed.body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User']);
  });

  it('follows the provider\'s name changes on the account, but never overwrites a name an admin gave', async () => {
    const { patch, scim } = await oneUser();
    await patch({ op: 'replace', path: 'displayName', value: 'Pat Quinn' });
    const name = () => scim.core.db.prepare("SELECT name FROM accounts WHERE email = 'pat@acme.example'").pluck().get();
    expect(name()).toBe('Pat Quinn');
    const [hand] = await addMembers(scim.core, 'hand@acme.example');
    scim.core.db.prepare("UPDATE accounts SET name = 'Admin Name' WHERE id = ?").run(hand!.accountId);
    await scim.patch(`/Users/${scimIdOf(scim.core, hand!.accountId)}`, patchBody({ op: 'replace', path: 'displayName', value: 'IdP Name' }));
    expect(scim.core.db.prepare('SELECT name FROM accounts WHERE id = ?').pluck().get(hand!.accountId)).toBe('Admin Name');
  });

  it('leaves a member added by hand untouched until the provider writes it, then keeps what it wrote', async () => {
    const scim = await scimServer();
    const [hand] = await addMembers(scim.core, 'manual@acme.example');
    const id = scimIdOf(scim.core, hand!.accountId);
    const snapshot = () => ({
      rows: scim.core.db.prepare('SELECT count(*) FROM scim_users').pluck().get(),
      audit: scim.core.services.audit.list().length,
    });
    const before = snapshot();
    await scim.get(`/Users/${id}`);
    await scim.get('/Users?filter=userName%20eq%20%22manual@acme.example%22');
    expect(snapshot()).toEqual(before);
    const written = await scim.patch(`/Users/${id}`, patchBody({ op: 'add', path: 'externalId', value: 'okta-77' }));
    expect(written.body).toMatchObject({ externalId: 'okta-77', userName: 'manual@acme.example', active: true });
    expect(scim.core.db.prepare('SELECT count(*) FROM scim_users').pluck().get()).toBe(1);
    const update = scim.core.services.audit.list().find((event) => event.action === 'scim.user.update')!;
    expect(update).toMatchObject({ actor: { type: 'scim', name: 'Okta' }, targetLabel: 'manual@acme.example', after: { externalId: 'okta-77' } });
    expect(scim.core.db.prepare('SELECT source FROM members').pluck().get()).toBe('manual');
  });

  it('answers 404 for a user that does not exist', async () => {
    const scim = await scimServer();
    expect(await scim.patch('/Users/12345', patchBody({ op: 'replace', path: 'displayName', value: 'x' }))).toMatchObject({ status: 404, body: { status: '404' } });
    expect((await usage(scim.core)).members).toBe(0);
  });
});
