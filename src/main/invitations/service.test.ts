import { describe, expect, it } from 'vitest';
import { fixedClock, testCore } from '../test-support/temp-db';
import { addMembers, DAY_MS, snapshot, usage, value } from '../test-support/seats-helpers';

async function setUp(seats = 10) {
  const clock = fixedClock('2026-03-01T09:00:00.000Z');
  const core = testCore({ now: clock.now });
  value(await core.invoke('enterprise:create', { name: 'Northwind', seats }));
  const engineering = value(await core.invoke('orgs:create', { name: 'Engineering' }));
  const product = value(await core.invoke('orgs:create', { name: 'Product' }));
  return { core, clock, engineering, product };
}

describe('inviting', () => {
  it('invites an address into organizations with a role, as a member unless admin is chosen', async () => {
    const { core, engineering, product } = await setUp();
    const invitation = value(await core.invoke('invitations:create', { email: ' Ana.Lima@ACME.com ', orgIds: [product.id, engineering.id] }));
    expect(invitation).toMatchObject({
      email: 'Ana.Lima@acme.com',
      role: 'member',
      status: 'pending',
      sentAt: '2026-03-01T09:00:00.000Z',
      organizations: [
        { id: engineering.id, name: 'Engineering' },
        { id: product.id, name: 'Product' },
      ],
    });
    expect(value(await core.invoke('invitations:create', { email: 'bo@acme.com', role: 'admin' })).role).toBe('admin');
  });

  it('refuses a second live invitation to the same address, in any case, and says to resend', async () => {
    const { core } = await setUp();
    value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    const before = snapshot(core);
    expect(await core.invoke('invitations:create', { email: 'ANA@acme.com' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'ana@acme.com already has a pending invitation (sent 2026-03-01, expires 2026-03-31). Resend it instead.' },
    });
    expect(snapshot(core)).toEqual(before);
  });

  it('refuses an unknown organization, a bad address and an owner role, changing nothing', async () => {
    const { core } = await setUp();
    const before = snapshot(core);
    expect(await core.invoke('invitations:create', { email: 'ana@acme.com', orgIds: [999] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.invoke('invitations:create', { email: 'ana@' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'email', message: '"ana@" is not a valid email address: it needs a name, an @ and a domain' }] },
    });
    expect(await core.dispatch('invitations:create', { email: 'ana@acme.com', role: 'owner' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'role' }] },
    });
    expect(snapshot(core)).toEqual(before);
  });
});

describe('resending and revoking', () => {
  it('resending gives a new expiry from now', async () => {
    const { core, clock } = await setUp();
    const invitation = value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    clock.advance(10 * DAY_MS);
    const resent = value(await core.invoke('invitations:resend', { id: invitation.id }));
    expect(resent).toMatchObject({ sentAt: '2026-03-11T09:00:00.000Z', expiresAt: '2026-04-10T09:00:00.000Z', status: 'pending' });
  });

  it('resending an expired invitation needs a free seat again, since it starts holding one', async () => {
    const { core, clock } = await setUp(1);
    const invitation = value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    clock.advance(31 * DAY_MS);
    await addMembers(core, 'bo@acme.com');
    expect(await core.invoke('invitations:resend', { id: invitation.id })).toMatchObject({ ok: false, error: { code: 'NO_FREE_SEATS' } });
    value(await core.invoke('seats:set', { seats: 2 }));
    expect(value(await core.invoke('invitations:resend', { id: invitation.id })).status).toBe('pending');
    expect(await usage(core)).toMatchObject({ inUse: 2, free: 0 });
  });

  it('revoking frees the seat at once, and a revoked invitation cannot be resent or accepted', async () => {
    const { core } = await setUp(1);
    const invitation = value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    expect(value(await core.invoke('invitations:revoke', { id: invitation.id })).status).toBe('revoked');
    expect((await usage(core)).free).toBe(1);
    for (const channel of ['invitations:resend', 'invitations:accept', 'invitations:revoke'] as const) {
      expect(await core.invoke(channel, { id: invitation.id })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: 'The invitation to ana@acme.com was already revoked.' },
      });
    }
  });
});

describe('accepting', () => {
  it('an admin marks it accepted: the person becomes a member on the same seat and joins its organizations', async () => {
    const { core, engineering } = await setUp(1);
    const invitation = value(await core.invoke('invitations:create', { email: 'ana@acme.com', orgIds: [engineering.id], role: 'admin' }));
    expect(value(await core.invoke('invitations:accept', { id: invitation.id })).status).toBe('accepted');
    expect(await usage(core)).toMatchObject({ seats: 1, members: 1, pendingInvitations: 0, inUse: 1, free: 0 });
    const [row] = value(await core.invoke('seats:list')).rows;
    expect(row).toMatchObject({ email: 'ana@acme.com', source: 'invitation', organizations: [{ name: 'Engineering', role: 'admin' }] });
  });

  it('an expired invitation cannot be accepted until it is resent', async () => {
    const { core, clock } = await setUp();
    const invitation = value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    clock.advance(30 * DAY_MS);
    expect(await core.invoke('invitations:accept', { id: invitation.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'The invitation to ana@acme.com expired on 2026-03-31. Resend it first.' },
    });
  });

  it('is accepted when that address signs up, through the service imports and SCIM will call', async () => {
    const { core, product } = await setUp(1);
    value(await core.invoke('invitations:create', { email: 'ana@acme.com', orgIds: [product.id] }));
    const signedUp = value(core.services.members.recordSignup('Ana@Acme.com', 'Ana Lima', { type: 'import', name: 'events.ndjson' }));
    expect(signedUp.accepted).toBe(1);
    expect(value(await core.invoke('members:find', { email: 'ana@acme.com' }))).toMatchObject({ name: 'Ana Lima', source: 'invitation' });
    expect(value(await core.invoke('orgs:members', { orgId: product.id })).rows).toMatchObject([{ email: 'Ana@acme.com', role: 'member' }]);
  });

  it('is accepted when that address logs in to an account it already had', async () => {
    const { core, clock } = await setUp(2);
    const actor = { type: 'import' as const, name: 'events.ndjson' };
    value(core.services.members.recordSignup('ana@acme.com', 'Ana Lima', actor));
    expect((await usage(core)).members).toBe(0);
    value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    clock.advance(DAY_MS);
    const loggedIn = value(core.services.members.recordLogin('ANA@acme.com', clock.now(), actor));
    expect(loggedIn.accepted).toBe(1);
    expect(loggedIn.account.lastLoginAt).toBe('2026-03-02T09:00:00.000Z');
    expect(await usage(core)).toMatchObject({ members: 1, pendingInvitations: 0 });
    expect(core.services.members.recordLogin('nobody@acme.com', clock.now(), actor)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('never lowers a role the member already has in an organization', async () => {
    const { core, engineering } = await setUp();
    const [ana] = await addMembers(core, 'ana@acme.com');
    value(await core.invoke('orgs:addMembers', { orgId: engineering.id, accountIds: [ana!.accountId], role: 'owner' }));
    const invitation = value(await core.invoke('invitations:create', { email: 'ana@acme.com', orgIds: [engineering.id] }));
    value(await core.invoke('invitations:accept', { id: invitation.id }));
    expect(value(await core.invoke('orgs:members', { orgId: engineering.id })).rows).toMatchObject([{ email: 'ana@acme.com', role: 'owner' }]);
  });
});
