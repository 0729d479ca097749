import { describe, expect, it } from 'vitest';
import { auditOf } from '../test-support/teams-helpers';
import { addMembers, DAY_MS, snapshot, usage, value } from '../test-support/seats-helpers';
import { fixedClock, testCore } from '../test-support/temp-db';

const IDP = { type: 'scim' as const, name: 'Okta token' };

async function setUp(seats = 10) {
  const clock = fixedClock('2026-03-01T09:00:00.000Z');
  const core = testCore({ now: clock.now });
  value(await core.invoke('enterprise:create', { name: 'Northwind', seats }));
  const engineering = value(await core.invoke('orgs:create', { name: 'Engineering' }));
  const platform = value(await core.invoke('teams:create', { name: 'Platform', role: 'admin' }));
  value(await core.invoke('teams:link', { teamId: platform.id, orgIds: [engineering.id] }));
  return { core, clock, engineering, platform };
}

const listed = async (core: Awaited<ReturnType<typeof setUp>>['core'], teamId: number) => value(await core.invoke('teams:invitations', { teamId }));

describe("a team's pending invitations", () => {
  it('lists those that name the team: live ones by soonest expiry, then expired ones, most recently expired first', async () => {
    const { core, clock, engineering, platform } = await setUp();
    const other = value(await core.invoke('teams:create', { name: 'Design' }));
    const first = value(await core.invoke('invitations:create', { email: 'old@acme.com', teamIds: [platform.id] }));
    clock.advance(DAY_MS);
    const expiredLater = value(await core.invoke('invitations:create', { email: 'older@acme.com', teamIds: [platform.id] }));
    clock.advance(20 * DAY_MS);
    const live = value(await core.invoke('invitations:create', { email: 'new@acme.com', teamIds: [platform.id, other.id], orgIds: [engineering.id] }));
    value(await core.invoke('invitations:create', { email: 'design-only@acme.com', teamIds: [other.id] }));
    const revoked = value(await core.invoke('invitations:create', { email: 'gone@acme.com', teamIds: [platform.id] }));
    value(await core.invoke('invitations:revoke', { id: revoked.id }));
    clock.advance(10 * DAY_MS);
    const soon = value(await core.invoke('invitations:create', { email: 'soon@acme.com', teamIds: [platform.id] }));
    clock.advance(DAY_MS);
    value(await core.invoke('invitations:resend', { id: live.id }));
    // old@ expired on March 31 and older@ on April 1; soon@ was sent on April 1, and new@ resent on April 2.

    const page = await listed(core, platform.id);
    expect(page.total).toBe(4);
    expect(page.rows.map((row) => [row.email, row.status])).toEqual([
      ['soon@acme.com', 'pending'],
      ['new@acme.com', 'pending'],
      ['older@acme.com', 'expired'],
      ['old@acme.com', 'expired'],
    ]);
    expect(page.rows[0]).toEqual({
      id: soon.id,
      email: 'soon@acme.com',
      status: 'pending',
      sentAt: '2026-04-01T09:00:00.000Z',
      expiresAt: '2026-05-01T09:00:00.000Z',
      holdsSeat: true,
      otherTeams: [],
      organizations: [],
    });
    // What else the same invitation names: revoking it from here takes that away too.
    expect(page.rows[1]).toMatchObject({ email: 'new@acme.com', otherTeams: [{ id: other.id, name: 'Design' }], organizations: [{ name: 'Engineering' }] });
    expect(page.rows.find((row) => row.id === expiredLater.id)).toMatchObject({ holdsSeat: false, expiresAt: '2026-04-01T09:00:00.000Z' });
    expect(page.rows.find((row) => row.id === first.id)).toMatchObject({ holdsSeat: false });
    expect((await listed(core, other.id)).rows.map((row) => row.email)).toEqual(['design-only@acme.com', 'new@acme.com']);
    expect(value(await core.invoke('teams:invitations', { teamId: platform.id, offset: 1, limit: 2 })).rows.map((row) => row.email)).toEqual(['new@acme.com', 'older@acme.com']);
  });

  it('marks an invitation to someone who holds a seat already as holding none', async () => {
    const { core, platform } = await setUp();
    await addMembers(core, 'ana@acme.com');
    value(await core.invoke('invitations:create', { email: 'ana@acme.com', teamIds: [platform.id] }));
    expect((await listed(core, platform.id)).rows).toMatchObject([{ email: 'ana@acme.com', status: 'pending', holdsSeat: false }]);
  });

  it('is emptied by revoking and accepting, and resending gives a new expiry', async () => {
    const { core, clock, platform } = await setUp();
    const ana = value(await core.invoke('invitations:create', { email: 'ana@acme.com', teamIds: [platform.id] }));
    const bo = value(await core.invoke('invitations:create', { email: 'bo@acme.com', teamIds: [platform.id] }));
    clock.advance(5 * DAY_MS);
    value(await core.invoke('invitations:resend', { id: ana.id }));
    expect((await listed(core, platform.id)).rows.find((row) => row.id === ana.id)?.expiresAt).toBe('2026-04-05T09:00:00.000Z');
    value(await core.invoke('invitations:revoke', { id: ana.id }));
    value(await core.invoke('invitations:accept', { id: bo.id }));
    expect(await listed(core, platform.id)).toEqual({ rows: [], total: 0 });
    expect(value(await core.invoke('teams:members', { teamId: platform.id })).rows.map((row) => row.email)).toEqual(['bo@acme.com']);
  });

  it('refuses an unknown team and a bad page, by code and field', async () => {
    const { core } = await setUp();
    expect(await core.invoke('teams:invitations', { teamId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no team with id 999; it may have been deleted meanwhile.' } });
    expect(await core.invoke('teams:invitations', { teamId: 1, limit: 501 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'limit', message: 'Limit is at most 500' }] } });
  });
});

describe('inviting into a team from its page', () => {
  it('sends someone without a seat an invitation naming the team, which holds a seat; accepting puts them in it', async () => {
    const { core, platform } = await setUp();
    const result = value(await core.invoke('teams:invite', { teamId: platform.id, email: ' Ana@Acme.com ' }));
    expect(result).toMatchObject({ outcome: 'invited', email: 'Ana@acme.com', accountId: null, expiresAt: '2026-03-31T09:00:00.000Z' });
    expect(await usage(core)).toMatchObject({ members: 0, pendingInvitations: 1 });
    const invitation = value(await core.invoke('invitations:find', { email: 'ana@acme.com' }));
    expect(invitation).toMatchObject({ id: result.invitationId, role: 'member', teams: [{ id: platform.id, name: 'Platform' }], organizations: [] });
    value(await core.invoke('invitations:accept', { id: invitation.id }));
    expect(value(await core.invoke('teams:members', { teamId: platform.id })).rows.map((row) => row.email)).toEqual(['Ana@acme.com']);
    // The team's role reaches its organizations: nothing more is given by the invitation itself.
    const [seat] = value(await core.invoke('seats:list')).rows;
    expect(value(await core.invoke('access:member', { accountId: seat!.accountId! })).organizations).toMatchObject([{ org: { name: 'Engineering' }, role: 'admin' }]);
  });

  it('puts someone who holds a seat in the team at once, taking no seat and sending nothing', async () => {
    const { core, platform } = await setUp();
    const [ana] = await addMembers(core, 'ana@acme.com');
    const seats = await usage(core);
    expect(value(await core.invoke('teams:invite', { teamId: platform.id, email: 'ANA@acme.com' }))).toEqual({
      outcome: 'added',
      email: 'ana@acme.com',
      accountId: ana!.accountId,
      invitationId: null,
      expiresAt: null,
    });
    expect(await usage(core)).toEqual(seats);
    expect((await listed(core, platform.id)).total).toBe(0);
    expect(auditOf(core, 'team.member.add')).toMatchObject([{ targetLabel: 'Platform', after: { accountId: ana!.accountId, email: 'ana@acme.com' } }]);

    const before = snapshot(core);
    expect(await core.invoke('teams:invite', { teamId: platform.id, email: 'ana@acme.com' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'ana@acme.com is in Platform already.', issues: [{ path: 'email', message: 'Already in Platform' }] },
    });
    expect(snapshot(core)).toEqual(before);
  });

  it('adds the team to a pending invitation the address has already, taking no second seat', async () => {
    const { core, engineering, platform } = await setUp();
    const first = value(await core.invoke('invitations:create', { email: 'ana@acme.com', orgIds: [engineering.id] }));
    const seats = await usage(core);
    expect(value(await core.invoke('teams:invite', { teamId: platform.id, email: 'ana@acme.com' }))).toEqual({
      outcome: 'addedToInvitation',
      email: 'ana@acme.com',
      accountId: null,
      invitationId: first.id,
      expiresAt: first.expiresAt,
    });
    expect(await usage(core)).toEqual(seats);
    expect(value(await core.invoke('invitations:find', { email: 'ana@acme.com' }))).toMatchObject({ id: first.id, teams: [{ name: 'Platform' }], organizations: [{ name: 'Engineering' }] });
    expect(auditOf(core, 'invitation.addTeam')).toMatchObject([{ targetType: 'invitation', targetLabel: 'ana@acme.com', before: { teams: [] }, after: { teams: ['Platform'] } }]);

    const before = snapshot(core);
    expect(await core.invoke('teams:invite', { teamId: platform.id, email: 'ana@acme.com' })).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'ana@acme.com is invited into Platform already (sent 2026-03-01, expires 2026-03-31). Resend that invitation to give it a new expiry.',
        issues: [{ path: 'email', message: 'Invited into Platform already (expires 2026-03-31): resend that invitation from the list instead' }],
      },
    });
    expect(snapshot(core)).toEqual(before);
  });

  it('refuses with no seat free, a team the identity provider manages, an unknown team and a bad address, changing nothing', async () => {
    const { core, platform } = await setUp(1);
    await addMembers(core, 'bo@acme.com');
    const synced = value(core.services.teams.create({ name: 'Okta Engineers', role: 'member' }, IDP, 'scim'));
    const before = snapshot(core);
    expect(await core.invoke('teams:invite', { teamId: platform.id, email: 'ana@acme.com' })).toMatchObject({
      ok: false,
      error: { code: 'NO_FREE_SEATS', message: 'No free seats: 1 of 1 in use (1 member, 0 pending invitations). Release a seat, or raise the seat count.' },
    });
    expect(await core.invoke('teams:invite', { teamId: synced.id, email: 'bo@acme.com' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Okta Engineers is managed by your identity provider: its members are set there, not by invitation.' },
    });
    expect(await core.invoke('teams:invite', { teamId: 999, email: 'ana@acme.com' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.invoke('teams:invite', { teamId: platform.id, email: 'ana@' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'email', message: '"ana@" is not a valid email address: it needs a name, an @ and a domain' }] },
    });
    expect(snapshot(core)).toEqual(before);
  });

  it('follows the invite rule in Settings, naming the address', async () => {
    const { core, platform } = await setUp();
    value(await core.invoke('settings:update', { inviteControl: { mode: 'list', domains: ['acme.com'] } }));
    const before = snapshot(core);
    const refused = await core.invoke('teams:invite', { teamId: platform.id, email: 'eve@elsewhere.example' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', issues: [{ path: 'email' }] } });
    expect(!refused.ok && refused.error.message).toContain('elsewhere.example');
    expect(snapshot(core)).toEqual(before);
    expect(value(await core.invoke('teams:invite', { teamId: platform.id, email: 'cy@acme.com' })).outcome).toBe('invited');
  });
});
