import { describe, expect, it } from 'vitest';
import { createAuditRepository } from '../audit/repository';
import { fixedClock, testCore } from '../test-support/temp-db';
import { addMembers, DAY_MS, usage, value } from '../test-support/seats-helpers';

async function enterprise(seats = 10, now?: () => Date) {
  const core = testCore(now ? { now } : {});
  value(await core.invoke('enterprise:create', { name: 'Northwind', seats }));
  return core;
}

/** A clock that moves on by a millisecond each time it is read: any second reading inside one change would see another moment. */
function tickingClock(startMs: number) {
  let current = startMs;
  return { now: () => new Date(current++), set: (ms: number) => (current = ms) };
}

describe('invitations to people who already hold a seat', () => {
  it('are listed as pending, holding no seat, and can be revoked', async () => {
    const core = await enterprise(1);
    await addMembers(core, 'ana@acme.com');
    const invitation = value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    const pending = value(await core.invoke('seats:list', { filter: { status: 'pending' } }));
    expect(pending.rows).toMatchObject([{ email: 'ana@acme.com', status: 'pending', holdsSeat: false, invitationId: invitation.id }]);
    const seats = value(await core.invoke('seats:list'));
    expect(seats.rows.map((row) => [row.kind, row.email])).toEqual([['member', 'ana@acme.com']]);
    expect(seats.total).toBe(1);
    expect(value(await core.invoke('invitations:revoke', { id: invitation.id })).status).toBe('revoked');
  });

  it('can be resent after expiring without a free seat, since the address holds one', async () => {
    const clock = fixedClock();
    const core = await enterprise(1, clock.now);
    await addMembers(core, 'ana@acme.com');
    const invitation = value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    clock.advance(40 * DAY_MS);
    expect(value(await core.invoke('invitations:resend', { id: invitation.id })).status).toBe('pending');
  });
});

describe('one moment per change', () => {
  it('adding a member the very millisecond before the invitation expires still uses its seat', async () => {
    const start = Date.parse('2026-03-01T09:00:00.000Z');
    const clock = tickingClock(start);
    const core = await enterprise(1, clock.now);
    const invitation = value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    clock.set(Date.parse(invitation.expiresAt) - 1);
    expect(await core.invoke('members:add', { email: 'ana@acme.com' })).toMatchObject({ ok: true, value: { email: 'ana@acme.com' } });
    expect(await usage(core)).toMatchObject({ members: 1, pendingInvitations: 0 });
  });

  it('marking accepted the millisecond before expiry accepts it, and says so', async () => {
    const clock = tickingClock(Date.parse('2026-03-01T09:00:00.000Z'));
    const core = await enterprise(1, clock.now);
    const invitation = value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    clock.set(Date.parse(invitation.expiresAt) - 1);
    expect(value(await core.invoke('invitations:accept', { id: invitation.id })).status).toBe('accepted');
    expect((await usage(core)).members).toBe(1);
  });
});

describe('the seat summary', () => {
  it('says when the next pending invitation expires, so screens can refresh then', async () => {
    const clock = fixedClock('2026-03-01T09:00:00.000Z');
    const core = await enterprise(10, clock.now);
    expect((await usage(core)).nextExpiry).toBeNull();
    value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    clock.advance(DAY_MS);
    value(await core.invoke('invitations:create', { email: 'bo@acme.com' }));
    expect((await usage(core)).nextExpiry).toBe('2026-03-31T09:00:00.000Z');
  });
});

describe('names beyond ASCII', () => {
  it('are searched ignoring case and accents, and sorted as a person expects', async () => {
    const core = await enterprise(10);
    for (const [email, name] of [['z@acme.com', 'zoë'], ['e@acme.com', 'Émile Zola'], ['a@acme.com', 'ana'], ['n@acme.com', '']] as const) {
      value(await core.invoke('members:add', { email, name }));
    }
    const names = value(await core.invoke('seats:list')).rows.map((row) => row.name || row.email);
    expect(names).toEqual(['ana', 'Émile Zola', 'n@acme.com', 'zoë']);
    expect(value(await core.invoke('seats:list', { filter: { search: 'EMILE' } })).rows.map((row) => row.email)).toEqual(['e@acme.com']);
    expect(value(await core.invoke('members:search', { text: 'zoe' })).map((member) => member.email)).toEqual(['z@acme.com']);
    const org = value(await core.invoke('orgs:create', { name: 'Paris' }));
    const ids = value(await core.invoke('seats:ids', {})).accountIds;
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: ids, role: 'member' }));
    expect(value(await core.invoke('orgs:members', { orgId: org.id, search: 'émile' })).total).toBe(1);
  });
});

describe('walking every member for the command line', () => {
  it('pages in address order after a cursor, each member once', async () => {
    const core = await enterprise(10);
    await addMembers(core, 'c@acme.com', 'a@acme.com', 'b@acme.com');
    const first = value(await core.invoke('members:list', { limit: 2 }));
    expect(first.rows.map((row) => row.email)).toEqual(['a@acme.com', 'b@acme.com']);
    const rest = value(await core.invoke('members:list', { after: first.next!, limit: 2 }));
    expect(rest).toMatchObject({ rows: [{ email: 'c@acme.com' }], next: null });
  });
});

describe('the audit log of seats', () => {
  it('records what releasing a seat took away, and the member an accepted invitation made', async () => {
    const core = await enterprise(10);
    const org = value(await core.invoke('orgs:create', { name: 'Design' }));
    const team = value(await core.invoke('teams:create', { name: 'Brand' }));
    value(await core.invoke('invitations:create', { email: 'ana@acme.com', orgIds: [org.id], teamIds: [team.id] }));
    value(core.services.members.recordSignup('ana@acme.com', 'Ana', { type: 'import', name: 'events.ndjson' }));
    const ana = value(await core.invoke('members:find', { email: 'ana@acme.com' }));
    value(await core.invoke('members:remove', { accountId: ana.accountId }));
    const events = createAuditRepository(core.db).list();
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(['account.create', 'member.add', 'invitation.accept', 'member.remove']));
    expect(events.find((event) => event.action === 'member.add')).toMatchObject({ actor: { type: 'import' }, after: { source: 'invitation' } });
    expect(events.at(-1)).toMatchObject({ action: 'member.remove', before: { organizations: [{ name: 'Design', role: 'member' }], teams: ['Brand'] } });
  });

  it('refuses a sign-up with a name that cannot be shown, or an address that is not one', async () => {
    const core = await enterprise(10);
    const actor = { type: 'import' as const, name: 'events.ndjson' };
    expect(core.services.members.recordSignup('ana@acme.com', 'Ana\nLima', actor)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(core.services.members.recordSignup('not-an-address', 'Ana', actor)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    value(core.services.members.recordSignup('joerg@münchen.de', 'Jörg', actor));
    expect(value(core.services.members.recordLogin('JOERG@MÜNCHEN.DE', new Date('2026-03-02T00:00:00Z'), actor)).account.email).toBe('joerg@xn--mnchen-3ya.de');
  });
});
