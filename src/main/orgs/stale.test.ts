import { describe, expect, it } from 'vitest';
import type { Actor } from '@shared/schemas/audit';
import { value } from '../test-support/seats-helpers';
import { coreWithEnterprise, fixedClock } from '../test-support/temp-db';

/** Another admin, as the server records one who signed in (server/api.ts, actorOf). */
const BO: Actor = { type: 'app', name: 'bo@acme.example', admin: 'bo@acme.example' };

async function setUp() {
  const clock = fixedClock('2026-03-01T14:02:00.000Z');
  const core = await coreWithEnterprise({ now: clock.now });
  value(await core.invoke('admins:add', { email: 'bo@acme.example', name: 'Bo Lee', role: 'admin' }));
  const org = value(await core.invoke('orgs:create', { name: 'Engineering' }));
  return { core, clock, org };
}

describe("a stale rename of an organization (docs/RULES.md, V6)", () => {
  it('is refused with who renamed it to what and when, and nothing changes', async () => {
    const { core, clock, org } = await setUp();
    const shown = value(await core.invoke('orgs:get', { id: org.id })).version;
    value(core.services.orgs.rename({ id: org.id, name: 'Platform' }, BO));
    clock.advance(60_000);
    const events = core.db.prepare('SELECT count(*) FROM audit_events').pluck().get();
    expect(await core.invoke('orgs:rename', { id: org.id, name: 'Eng', version: shown })).toEqual({
      ok: false,
      error: {
        code: 'STALE',
        message: 'Bo Lee (bo@acme.example) renamed Engineering to Platform at 14:02 UTC, after you opened it. Nothing was saved: review the new name and save again.',
      },
    });
    expect(value(await core.invoke('orgs:get', { id: org.id }))).toMatchObject({ name: 'Platform', version: 2 });
    expect(core.db.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(events);
  });

  it('says the day when it was not today, and names who acted on the command line', async () => {
    const { core, clock, org } = await setUp();
    value(core.services.orgs.rename({ id: org.id, name: 'Platform' }, { type: 'cli', name: 'dana' }));
    clock.advance(24 * 3600_000);
    expect(await core.invoke('orgs:rename', { id: org.id, name: 'Eng', version: 1 })).toMatchObject({
      ok: false,
      error: { message: 'dana, on the command line, renamed Engineering to Platform on 2026-03-01 at 14:02 UTC, after you opened it. Nothing was saved: review the new name and save again.' },
    });
  });

  it('says "You" when the change was made by the same person, elsewhere', async () => {
    const { core, org } = await setUp();
    // The command line, by the person at this machine whom the app's calls name too (TEST_ACTOR).
    value(core.services.orgs.rename({ id: org.id, name: 'Platform' }, { type: 'cli', name: 'test admin' }));
    expect(await core.invoke('orgs:rename', { id: org.id, name: 'Eng', version: 1 })).toMatchObject({
      ok: false,
      error: { message: 'You, on the command line, renamed Engineering to Platform at 14:02 UTC, after you opened it. Nothing was saved: review the new name and save again.' },
    });
    // On a server, the same admin through one of their API tokens.
    value(core.services.orgs.rename({ id: org.id, name: 'Core' }, { ...BO, token: 'CI' }));
    expect(core.services.orgs.rename({ id: org.id, name: 'Eng', version: 2 }, BO)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^You, with the API token "CI", renamed Platform to Core at 14:02 UTC/) },
    });
  });

  it('is accepted with the version now stored, which it moves on; without a version it applies as before', async () => {
    const { core, org } = await setUp();
    expect(org.version).toBe(1);
    expect(value(await core.invoke('orgs:rename', { id: org.id, name: 'Platform', version: 1 }))).toMatchObject({ name: 'Platform', version: 2 });
    expect(value(await core.invoke('orgs:get', { id: org.id })).version).toBe(2);
    expect(value(await core.invoke('orgs:rename', { id: org.id, name: 'Core' }))).toMatchObject({ name: 'Core', version: 3 });
    expect(value(await core.invoke('orgs:list'))[0]).toMatchObject({ name: 'Core', version: 3 });
  });
});
