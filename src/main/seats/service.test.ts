import { describe, expect, it } from 'vitest';
import { coreWithEnterprise, fixedClock, testCore } from '../test-support/temp-db';
import { addMembers, DAY_MS, snapshot, usage, value } from '../test-support/seats-helpers';

async function enterpriseWithSeats(seats: number, clock = fixedClock()) {
  const core = testCore({ now: clock.now });
  value(await core.invoke('enterprise:create', { name: 'Northwind', seats }));
  return core;
}

describe('seat arithmetic', () => {
  it('counts in use as members plus pending invitations', async () => {
    const core = await enterpriseWithSeats(10);
    expect(await usage(core)).toEqual({ seats: 10, members: 0, pendingInvitations: 0, inUse: 0, free: 10, overbookedBy: 0, nextExpiry: null });
    await addMembers(core, 'ana@acme.com', 'bo@acme.com');
    value(await core.invoke('invitations:create', { email: 'cy@acme.com' }));
    expect(await usage(core)).toMatchObject({ seats: 10, members: 2, pendingInvitations: 1, inUse: 3, free: 7 });
  });

  it('gives away exactly the last free seat, then refuses with the numbers and changes nothing', async () => {
    const core = await enterpriseWithSeats(3);
    await addMembers(core, 'ana@acme.com');
    value(await core.invoke('invitations:create', { email: 'bo@acme.com' }));
    expect((await usage(core)).free).toBe(1);
    await addMembers(core, 'cy@acme.com');
    expect((await usage(core)).free).toBe(0);

    const before = snapshot(core);
    expect(await core.invoke('members:add', { email: 'dee@acme.com' })).toEqual({
      ok: false,
      error: { code: 'NO_FREE_SEATS', message: 'No free seats: 3 of 3 in use (2 members, 1 pending invitation). Release a seat, or raise the seat count.' },
    });
    expect(await core.invoke('invitations:create', { email: 'eve@acme.com' })).toMatchObject({ ok: false, error: { code: 'NO_FREE_SEATS' } });
    expect(snapshot(core)).toEqual(before);
  });

  it('takes no second seat for an invitation to someone who already holds one', async () => {
    const core = await enterpriseWithSeats(1);
    await addMembers(core, 'ana@acme.com');
    const invitation = await core.invoke('invitations:create', { email: 'ANA@Acme.com' });
    expect(invitation).toMatchObject({ ok: true, value: { status: 'pending' } });
    expect(await usage(core)).toMatchObject({ seats: 1, members: 1, pendingInvitations: 0, inUse: 1, free: 0 });
  });

  it('frees the seat of an invitation the moment it expires, 30 days after it was sent, with no one acting', async () => {
    const clock = fixedClock('2026-03-01T09:00:00.000Z');
    const core = await enterpriseWithSeats(1, clock);
    const invitation = value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    expect(invitation.expiresAt).toBe('2026-03-31T09:00:00.000Z');

    clock.advance(30 * DAY_MS - 1);
    expect(await usage(core)).toMatchObject({ pendingInvitations: 1, free: 0 });
    clock.advance(1);
    expect(await usage(core)).toMatchObject({ pendingInvitations: 0, free: 1 });
    const expired = value(await core.invoke('seats:list', { filter: { status: 'expired' } }));
    expect(expired.rows).toMatchObject([{ email: 'ana@acme.com', status: 'expired', expiresAt: '2026-03-31T09:00:00.000Z' }]);
    expect(value(await core.invoke('seats:list')).total).toBe(0);
  });

  it('uses the expiry set in Settings for new invitations', async () => {
    const clock = fixedClock('2026-03-01T09:00:00.000Z');
    const core = await enterpriseWithSeats(5, clock);
    value(await core.invoke('settings:update', { invitationExpiryDays: 7 }));
    expect(value(await core.invoke('invitations:create', { email: 'ana@acme.com' })).expiresAt).toBe('2026-03-08T09:00:00.000Z');
  });
});

describe('changing the seat count', () => {
  it('raises and lowers it, never below the seats in use, and audits it', async () => {
    const core = await enterpriseWithSeats(5);
    await addMembers(core, 'ana@acme.com', 'bo@acme.com');
    value(await core.invoke('invitations:create', { email: 'cy@acme.com' }));

    expect(await core.invoke('seats:set', { seats: 2 })).toMatchObject({
      ok: false,
      error: { code: 'SEATS_IN_USE', message: 'Cannot lower the seats to 2: 3 of 5 in use (2 members, 1 pending invitation). Release seats first.' },
    });
    expect(value(await core.invoke('seats:set', { seats: 3 }))).toMatchObject({ seats: 3, free: 0 });
    expect(value(await core.invoke('seats:set', { seats: 100 }))).toMatchObject({ seats: 100, free: 97 });
    const audited = core.db.prepare("SELECT before, after FROM audit_events WHERE action = 'enterprise.seats' ORDER BY id").all();
    expect(audited).toEqual([
      { before: '{"seats":5}', after: '{"seats":3}' },
      { before: '{"seats":3}', after: '{"seats":100}' },
    ]);
  });
});

describe('the Licenses list', () => {
  async function licensed() {
    const clock = fixedClock('2026-03-01T09:00:00.000Z');
    const core = await enterpriseWithSeats(20, clock);
    const engineering = value(await core.invoke('orgs:create', { name: 'Engineering' }));
    const [ana] = await addMembers(core, 'ana@acme.com');
    clock.advance(DAY_MS);
    value(await core.invoke('members:add', { email: 'bo@acme.com', name: 'Bo Zhang' }));
    clock.advance(DAY_MS);
    value(await core.invoke('invitations:create', { email: 'cy@acme.com', orgIds: [engineering.id], role: 'admin' }));
    value(await core.invoke('orgs:addMembers', { orgId: engineering.id, accountIds: [ana!.accountId], role: 'owner' }));
    return { core, clock, engineering };
  }

  it('lists every seat with why it is held, since when and its organizations', async () => {
    const { core, engineering } = await licensed();
    const page = value(await core.invoke('seats:list'));
    expect(page.total).toBe(3);
    expect(page.rows.map((row) => [row.email, row.status, row.source, row.since.slice(0, 10)])).toEqual([
      ['ana@acme.com', 'member', 'manual', '2026-03-01'],
      ['bo@acme.com', 'member', 'manual', '2026-03-02'],
      ['cy@acme.com', 'pending', 'invitation', '2026-03-03'],
    ]);
    expect(page.rows[0]!.organizations).toEqual([{ id: engineering.id, name: 'Engineering', role: 'owner' }]);
    expect(page.rows[2]!.organizations).toEqual([{ id: engineering.id, name: 'Engineering', role: 'admin' }]);
  });

  it('searches by email or name, filters by status and source, sorts, and pages', async () => {
    const { core } = await licensed();
    const emails = async (input: object) => value(await core.invoke('seats:list', input)).rows.map((row) => row.email);
    expect(await emails({ filter: { search: 'ZHANG' } })).toEqual(['bo@acme.com']);
    expect(await emails({ filter: { search: '%' } })).toEqual([]);
    expect(await emails({ filter: { status: 'pending' } })).toEqual(['cy@acme.com']);
    expect(await emails({ filter: { sources: ['invitation'] } })).toEqual(['cy@acme.com']);
    expect(await emails({ sort: { by: 'since', desc: true } })).toEqual(['cy@acme.com', 'bo@acme.com', 'ana@acme.com']);
    expect(await emails({ offset: 1, limit: 1 })).toEqual(['bo@acme.com']);
    expect(value(await core.invoke('seats:list', { offset: 1, limit: 1 })).total).toBe(3);
  });

  it('gives the ids behind a filter, for "select all"', async () => {
    const { core } = await licensed();
    const ids = value(await core.invoke('seats:ids', {}));
    expect(ids.accountIds).toHaveLength(2);
    expect(ids.invitationIds).toHaveLength(1);
  });
});

describe('releasing seats in bulk', () => {
  it('frees every chosen seat in one step: members lose access, invitations are revoked, accounts stay', async () => {
    const core = await coreWithEnterprise();
    const org = value(await core.invoke('orgs:create', { name: 'Product' }));
    const [ana, bo] = await addMembers(core, 'ana@acme.com', 'bo@acme.com', 'cy@acme.com');
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [ana!.accountId, bo!.accountId], role: 'member' }));
    const invitation = value(await core.invoke('invitations:create', { email: 'dee@acme.com' }));
    expect((await usage(core)).inUse).toBe(4);

    const released = await core.invoke('seats:release', { accountIds: [ana!.accountId, bo!.accountId], invitationIds: [invitation.id] });
    expect(released).toEqual({ ok: true, value: { members: 2, invitations: 1, alreadyFree: 0 } });
    expect(await usage(core)).toMatchObject({ members: 1, pendingInvitations: 0, inUse: 1 });
    expect(value(await core.invoke('orgs:members', { orgId: org.id })).rows).toEqual([]);
    expect(core.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(3);
  });

  it('releases what is still held, and counts apart the seats that were free already', async () => {
    const clock = fixedClock();
    const core = testCore({ now: clock.now });
    value(await core.invoke('enterprise:create', { name: 'Northwind', seats: 10 }));
    const [ana, bo] = await addMembers(core, 'ana@acme.com', 'bo@acme.com');
    const old = value(await core.invoke('invitations:create', { email: 'old@acme.com' }));
    clock.advance(31 * DAY_MS);
    value(await core.invoke('members:remove', { accountId: bo!.accountId }));
    const result = await core.invoke('seats:release', { accountIds: [ana!.accountId, bo!.accountId], invitationIds: [old.id] });
    // bo was released meanwhile and the invitation had expired: neither held a seat any more.
    expect(result).toEqual({ ok: true, value: { members: 1, invitations: 0, alreadyFree: 2 } });
    expect(await usage(core)).toMatchObject({ members: 0, inUse: 0 });
    expect(value(core.services.invitations.get(old.id)).status).toBe('revoked');
  });

  it('refuses an empty selection', async () => {
    const core = await coreWithEnterprise();
    expect(await core.invoke('seats:release', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'Choose at least one seat to release.' } });
  });
});
