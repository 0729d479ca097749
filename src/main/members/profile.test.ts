import { describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { scimServer } from '../scim/test-support/client';
import { accountIdOf, scimIdOf, userBody } from '../scim/test-support/user-fixtures';
import { DAY_MS, memberSeen, snapshot, value } from '../test-support/seats-helpers';
import { fixedClock, testCore } from '../test-support/temp-db';

const NOW = '2026-03-31T12:00:00.000Z';

async function setUp() {
  const clock = fixedClock(NOW);
  const core = testCore({ now: clock.now });
  value(await core.invoke('enterprise:create', { name: 'Acme', seats: 50 }));
  return { core, clock };
}

const profile = async (core: Core, accountId: number) => value(await core.invoke('members:get', { accountId }));

describe("a member's seat, as their page shows it", () => {
  it('says how and since when they hold the seat, and Last Active exactly as Licenses and the report do', async () => {
    const { core } = await setUp();
    const recent = await memberSeen(core, 'recent@acme.com', { active: '2026-03-30T09:15:00.000Z' });
    const blank = await memberSeen(core, 'blank@acme.com', { active: '2025-12-25T09:00:00.000Z' });
    const never = await memberSeen(core, 'never@acme.com');
    const legacy = await memberSeen(core, 'legacy@acme.com', { login: '2025-05-01T09:00:00.000Z' });

    expect(await profile(core, recent.accountId)).toEqual({
      accountId: recent.accountId,
      email: 'recent@acme.com',
      name: '',
      source: 'manual',
      seatSince: NOW,
      lastActiveAt: '2026-03-30T09:15:00.000Z',
      lastActive: '2026-03-30',
      lastActiveLegacy: false,
      idleDays: 1,
      lastLoginAt: null,
      scimManaged: false,
      invitations: [],
    });
    expect(await profile(core, legacy.accountId)).toMatchObject({ lastActive: '2025-05-01', lastActiveLegacy: true, lastLoginAt: '2025-05-01T09:00:00.000Z' });

    const seats = value(await core.invoke('seats:list', { limit: 100 })).rows;
    for (const { accountId } of [recent, blank, never, legacy]) {
      const row = seats.find((seat) => seat.accountId === accountId)!;
      const shown = await profile(core, accountId);
      expect({ email: shown.email, lastActive: shown.lastActive, idleDays: shown.idleDays }).toEqual({ email: row.email, lastActive: row.lastActive, idleDays: row.idleDays });
    }
    expect((await profile(core, blank.accountId)).lastActive).toBe('');
    expect((await profile(core, never.accountId)).lastActive).toBe('N/A');
  });

  it('lists the invitation still pending to their address, with its expiry, marked once expired, and no other', async () => {
    const { core, clock } = await setUp();
    const ana = await memberSeen(core, 'ana@acme.com');
    const team = value(await core.invoke('teams:create', { name: 'Platform' }));
    const org = value(await core.invoke('orgs:create', { name: 'Engineering' }));
    const revoked = value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    value(await core.invoke('invitations:revoke', { id: revoked.id }));
    value(await core.invoke('invitations:create', { email: 'diana@acme.com' }));
    clock.advance(5 * DAY_MS);
    const pending = value(await core.invoke('invitations:create', { email: 'ANA@acme.com', teamIds: [team.id], orgIds: [org.id], role: 'admin' }));

    expect((await profile(core, ana.accountId)).invitations).toEqual([
      {
        id: pending.id,
        email: 'ANA@acme.com',
        role: 'admin',
        status: 'pending',
        sentAt: '2026-04-05T12:00:00.000Z',
        expiresAt: '2026-05-05T12:00:00.000Z',
        organizations: [{ id: org.id, name: 'Engineering' }],
        teams: [{ id: team.id, name: 'Platform' }],
      },
    ]);
    clock.advance(31 * DAY_MS);
    expect((await profile(core, ana.accountId)).invitations).toMatchObject([{ id: pending.id, status: 'expired' }]);
  });

  it('says the source of a seat taken through an invitation', async () => {
    const { core } = await setUp();
    const invitation = value(await core.invoke('invitations:create', { email: 'bo@acme.com' }));
    value(await core.invoke('invitations:accept', { id: invitation.id }));
    const bo = value(await core.invoke('members:find', { email: 'bo@acme.com' }));
    expect(await profile(core, bo.accountId)).toMatchObject({ source: 'invitation', invitations: [] });
  });

  it('refuses an id that is no member, a malformed id and an extra field, by code and message, and changes nothing', async () => {
    const { core } = await setUp();
    const ana = await memberSeen(core, 'ana@acme.com');
    const before = snapshot(core);
    expect(await core.invoke('members:get', { accountId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no member with id 999; their seat may have been released.' },
    });
    expect(await core.invoke('members:get', { accountId: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'accountId', message: 'Id must be a positive number' }] },
    });
    expect(await core.invoke('members:get', { accountId: 'ana' } as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'accountId' }] } });
    expect(await core.invoke('members:get', { accountId: ana.accountId, email: 'x' } as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(snapshot(core)).toEqual(before);

    // Released from Licenses: the account stays, but it is no member any more.
    value(await core.invoke('members:remove', { accountId: ana.accountId }));
    expect(await core.invoke('members:get', { accountId: ana.accountId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses before an enterprise exists', async () => {
    const core = testCore();
    expect(await core.invoke('members:get', { accountId: 1 })).toMatchObject({ ok: false, error: { code: 'NO_ENTERPRISE' } });
  });
});

describe('whether the identity provider manages a member', () => {
  it('is so for a member it provisioned, and for one added by hand once it sends them; not for others', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('ana@acme.example'));
    const ana = accountIdOf(scim.core, created.body.id);
    const bo = value(await scim.core.invoke('members:add', { email: 'bo@acme.example' }));
    const cy = value(await scim.core.invoke('members:add', { email: 'cy@acme.example' }));
    expect(await profile(scim.core, ana)).toMatchObject({ source: 'scim', scimManaged: true });
    expect(await profile(scim.core, bo.accountId)).toMatchObject({ source: 'manual', scimManaged: false });

    // The provider takes over a member added by hand by writing them (docs/SCIM.md, "Members added by hand").
    expect((await scim.put(`/Users/${scimIdOf(scim.core, bo.accountId)}`, userBody('bo@acme.example'))).status).toBe(200);
    expect(await profile(scim.core, bo.accountId)).toMatchObject({ source: 'manual', scimManaged: true });
    expect(await profile(scim.core, cy.accountId)).toMatchObject({ scimManaged: false });
  });
});
