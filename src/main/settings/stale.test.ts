import { describe, expect, it } from 'vitest';
import type { Actor } from '@shared/schemas/audit';
import { value } from '../test-support/seats-helpers';
import { coreWithEnterprise, fixedClock } from '../test-support/temp-db';

/** Another admin, as the server records one who signed in (server/api.ts, actorOf). */
const BO: Actor = { type: 'app', name: 'bo@acme.example', admin: 'bo@acme.example' };

async function setUp() {
  const clock = fixedClock('2026-03-01T14:02:00.000Z');
  const core = await coreWithEnterprise({ now: clock.now });
  value(await core.invoke('admins:add', { email: 'bo@acme.example', name: 'Bo Lee', role: 'owner' }));
  return { core, clock };
}

describe('a stale edit of a setting (docs/RULES.md, V6)', () => {
  it('is refused with who changed it to what and when, and nothing is saved', async () => {
    const { core, clock } = await setUp();
    const page = value(await core.invoke('settings:get'));
    value(core.services.settings.update({ invitationExpiryDays: 14 }, BO));
    clock.advance(60_000);
    const stored = core.db.prepare('SELECT * FROM settings ORDER BY key').all();
    expect(await core.invoke('settings:update', { invitationExpiryDays: 60, dnsServers: ['1.1.1.1'], versions: page.versions })).toEqual({
      ok: false,
      error: {
        code: 'STALE',
        message: 'Bo Lee (bo@acme.example) changed the invitation expiry to 14 days at 14:02 UTC, after you opened it. Nothing was saved: review the invitation expiry and save again.',
      },
    });
    expect(core.db.prepare('SELECT * FROM settings ORDER BY key').all()).toEqual(stored);
    expect(value(await core.invoke('settings:get'))).toMatchObject({ invitationExpiryDays: 14, dnsServers: [] });
  });

  it('does not refuse a different setting saved from the same page', async () => {
    const { core } = await setUp();
    const page = value(await core.invoke('settings:get'));
    value(core.services.settings.update({ dnsServers: ['9.9.9.9'] }, BO));
    const saved = value(await core.invoke('settings:update', { invitationExpiryDays: 45, versions: page.versions }));
    expect(saved).toMatchObject({ invitationExpiryDays: 45, dnsServers: ['9.9.9.9'], versions: { invitationExpiryDays: 1, dnsServers: 1 } });
    // The other way round: the first admin's page is stale for the DNS servers only.
    expect(await core.invoke('settings:update', { dnsServers: ['1.1.1.1'], versions: page.versions })).toMatchObject({
      ok: false,
      error: { code: 'STALE', message: expect.stringMatching(/^Bo Lee \(bo@acme\.example\) changed the DNS servers to 9\.9\.9\.9 at 14:02 UTC/) },
    });
  });

  it('is accepted with the version now stored, which it moves on; without versions it applies as before', async () => {
    const { core } = await setUp();
    const page = value(await core.invoke('settings:get'));
    expect(page.versions).toEqual({ invitationExpiryDays: 0, dnsServers: 0, inviteControl: 0, reportRule: 0, auditRetentionDays: 0, backupKeep: 0 });
    const once = value(await core.invoke('settings:update', { backupKeep: 3, versions: { backupKeep: 0 } }));
    expect(once.versions.backupKeep).toBe(1);
    expect(value(await core.invoke('settings:update', { backupKeep: 4, versions: { backupKeep: 1 } })).versions.backupKeep).toBe(2);
    // The command line sends none.
    expect(value(await core.invoke('settings:update', { backupKeep: 5 }))).toMatchObject({ backupKeep: 5, versions: { backupKeep: 3 } });
    expect(await core.invoke('settings:update', { auditRetentionDays: 90, versions: { auditRetentionDays: 0, backupKeep: 0 } })).toMatchObject({ ok: true });
  });
});
