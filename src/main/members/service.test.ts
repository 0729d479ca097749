import { describe, expect, it } from 'vitest';
import { createAuditRepository } from '../audit/repository';
import { fixedClock, testCore } from '../test-support/temp-db';
import { addMembers, DAY_MS, snapshot, usage, value } from '../test-support/seats-helpers';

async function setUp(seats = 10) {
  const clock = fixedClock('2026-03-01T09:00:00.000Z');
  const core = testCore({ now: clock.now });
  value(await core.invoke('enterprise:create', { name: 'Northwind', seats }));
  return { core, clock };
}

describe('adding a member by hand', () => {
  it('creates the account and gives it a seat, audited', async () => {
    const { core } = await setUp();
    const member = value(await core.invoke('members:add', { email: 'Ana@Acme.COM', name: ' Ana Lima ' }));
    expect(member).toEqual({ accountId: 1, email: 'Ana@acme.com', name: 'Ana Lima', source: 'manual', seatSince: '2026-03-01T09:00:00.000Z', lastActiveAt: null });
    const actions = createAuditRepository(core.db).list().map((event) => event.action);
    expect(actions.slice(-2)).toEqual(['account.create', 'member.add']);
  });

  it('refuses an address that already holds a seat, in any case', async () => {
    const { core } = await setUp();
    await addMembers(core, 'ana@acme.com');
    const before = snapshot(core);
    expect(await core.invoke('members:add', { email: 'ANA@ACME.COM' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'ana@acme.com already holds a seat (since 2026-03-01).', issues: [{ path: 'email', message: 'Already a member' }] },
    });
    expect(snapshot(core)).toEqual(before);
  });

  it.each([
    ['', /Email is required/],
    ['not-an-email', /it needs a name, an @ and a domain/],
    ['ana@acme', /not in the form name@domain.tld/],
    ['ana@acme.com/x', /the domain cannot be read/],
    ['a b@acme.com', /not in the form/],
    ['jörg@acme.com', /only plain \(ASCII\) letters/],
    [`${'x'.repeat(65)}@acme.com`, /longer than 64 characters/],
    [`ana@${'x'.repeat(64)}.com`, /longer than 63 characters/],
  ])('refuses the address %j, saying why', async (email, why) => {
    const { core } = await setUp();
    const result = await core.invoke('members:add', { email });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'email', message: expect.stringMatching(why) }] } });
  });

  it('stores an internationalised domain as punycode, and compares it as such', async () => {
    const { core } = await setUp();
    expect(value(await core.invoke('members:add', { email: 'joerg@München.de' })).email).toBe('joerg@xn--mnchen-3ya.de');
    expect(await core.invoke('members:add', { email: 'JOERG@xn--mnchen-3ya.de' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('uses the seat of a live invitation to that address, even with no seat free, and joins its organizations', async () => {
    const { core } = await setUp(1);
    const org = value(await core.invoke('orgs:create', { name: 'Design' }));
    value(await core.invoke('invitations:create', { email: 'ana@acme.com', orgIds: [org.id] }));
    expect((await usage(core)).free).toBe(0);
    expect(value(await core.invoke('members:add', { email: 'ana@acme.com' }))).toMatchObject({ source: 'manual' });
    expect(await usage(core)).toMatchObject({ seats: 1, members: 1, pendingInvitations: 0, inUse: 1, free: 0 });
    expect(value(await core.invoke('orgs:members', { orgId: org.id })).rows).toHaveLength(1);
  });
});

describe('removing a member from Licenses', () => {
  it('frees the seat at once and takes every organization with it; the account stays', async () => {
    const { core } = await setUp(2);
    const org = value(await core.invoke('orgs:create', { name: 'Design' }));
    const [ana] = await addMembers(core, 'ana@acme.com', 'bo@acme.com');
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [ana!.accountId], role: 'owner' }));
    expect((await usage(core)).free).toBe(0);

    expect(await core.invoke('members:remove', { accountId: ana!.accountId })).toEqual({ ok: true, value: { accountId: ana!.accountId } });
    expect(await usage(core)).toMatchObject({ members: 1, free: 1 });
    expect(value(await core.invoke('orgs:members', { orgId: org.id })).rows).toEqual([]);
    expect(core.db.prepare("SELECT email FROM accounts WHERE id = ?").pluck().get(ana!.accountId)).toBe('ana@acme.com');
    expect(createAuditRepository(core.db).list().at(-1)).toMatchObject({ action: 'member.remove', targetLabel: 'ana@acme.com', before: { source: 'manual' } });
  });

  it('can re-add them later, on a new seat with a new date', async () => {
    const { core, clock } = await setUp();
    const [ana] = await addMembers(core, 'ana@acme.com');
    value(await core.invoke('members:remove', { accountId: ana!.accountId }));
    clock.advance(5 * DAY_MS);
    const again = value(await core.invoke('members:add', { email: 'ana@acme.com' }));
    expect(again).toMatchObject({ accountId: ana!.accountId, seatSince: '2026-03-06T09:00:00.000Z' });
  });

  it('revokes their pending invitations too, so none of them takes the seat back', async () => {
    const { core } = await setUp();
    const [ana] = await addMembers(core, 'ana@acme.com');
    value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    value(await core.invoke('members:remove', { accountId: ana!.accountId }));
    expect(await usage(core)).toMatchObject({ members: 0, pendingInvitations: 0, inUse: 0 });
  });

  it('says so when the seat is already free', async () => {
    const { core } = await setUp();
    expect(await core.invoke('members:remove', { accountId: 42 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('finding members', () => {
  it('finds by address ignoring case, and searches by name or address', async () => {
    const { core } = await setUp();
    value(await core.invoke('members:add', { email: 'ana@acme.com', name: 'Ana Lima' }));
    value(await core.invoke('members:add', { email: 'bo@acme.com', name: 'Bo Zhang' }));
    expect(value(await core.invoke('members:find', { email: 'ANA@acme.com' })).name).toBe('Ana Lima');
    expect(await core.invoke('members:find', { email: 'cy@acme.com' })).toMatchObject({ ok: false, error: { message: 'cy@acme.com holds no seat in this enterprise.' } });
    expect(value(await core.invoke('members:search', { text: 'zha' })).map((m) => m.email)).toEqual(['bo@acme.com']);
    expect(value(await core.invoke('members:search', { text: 'acme' })).map((m) => m.email)).toEqual(['ana@acme.com', 'bo@acme.com']);
  });
});
