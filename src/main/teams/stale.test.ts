import { describe, expect, it } from 'vitest';
import type { Actor } from '@shared/schemas/audit';
import type { Core } from '../core';
import { value } from '../test-support/seats-helpers';
import { coreWithEnterprise, fixedClock } from '../test-support/temp-db';
import { groupBody, groupsServer, patchOps, teamIdOf } from '../scim/test-support/group-fixtures';

/** Another admin, as the server records one who signed in (server/api.ts, actorOf). */
const BO: Actor = { type: 'app', name: 'bo@acme.example', admin: 'bo@acme.example' };

async function setUp() {
  const clock = fixedClock('2026-03-01T14:02:00.000Z');
  const core = await coreWithEnterprise({ now: clock.now });
  value(await core.invoke('admins:add', { email: 'bo@acme.example', name: 'Bo Lee', role: 'admin' }));
  const team = value(await core.invoke('teams:create', { name: 'Engineering' }));
  return { core, clock, team };
}

/** The team's row and the audit log's length: what a refusal must leave as it was. */
const stateOf = (core: Core) => ({
  teams: core.db.prepare('SELECT * FROM teams ORDER BY id').all(),
  events: core.db.prepare('SELECT count(*) FROM audit_events').pluck().get(),
});

describe("a stale edit of a team's role (docs/RULES.md, V6)", () => {
  it('is refused with who changed what and when, and nothing changes', async () => {
    const { core, clock, team } = await setUp();
    const shown = value(await core.invoke('teams:get', { id: team.id })).version;
    value(core.services.teams.setRole(team.id, 'admin', BO));
    clock.advance(3 * 60_000);
    const before = stateOf(core);
    expect(await core.invoke('teams:setRole', { id: team.id, role: 'member', version: shown })).toEqual({
      ok: false,
      error: {
        code: 'STALE',
        message: "Bo Lee (bo@acme.example) changed Engineering's role to Admin at 14:02 UTC, after you opened it. Nothing was saved: review the new role and save again.",
      },
    });
    // Even the role the other admin chose is refused: this admin chose it looking at what is no longer so.
    expect(await core.invoke('teams:setRole', { id: team.id, role: 'admin', version: shown })).toMatchObject({ ok: false, error: { code: 'STALE' } });
    expect(stateOf(core)).toEqual(before);
  });

  it('is accepted with the version now stored, which it moves on; without a version it applies as before', async () => {
    const { core, team } = await setUp();
    expect(team.version).toBe(1);
    const saved = value(await core.invoke('teams:setRole', { id: team.id, role: 'admin', version: 1 }));
    expect(saved).toMatchObject({ role: 'admin', version: 2 });
    expect(value(await core.invoke('teams:get', { id: team.id })).version).toBe(2);
    // The command line sends none.
    expect(value(await core.invoke('teams:setRole', { id: team.id, role: 'member' }))).toMatchObject({ role: 'member', version: 3 });
    // A save that changes nothing moves nothing.
    expect(value(await core.invoke('teams:setRole', { id: team.id, role: 'member', version: 3 })).version).toBe(3);
  });

  it("moves on with the team's own fields, not with its members or its links by name", async () => {
    const { core, team } = await setUp();
    const org = value(await core.invoke('orgs:create', { name: 'Product' }));
    const ana = value(await core.invoke('members:add', { email: 'ana@acme.example' }));
    value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [ana.accountId] }));
    value(await core.invoke('teams:link', { teamId: team.id, orgIds: [org.id] }));
    expect(value(await core.invoke('teams:get', { id: team.id })).version).toBe(1);
    value(core.services.teams.link({ teamId: team.id, allOrgs: true }, BO));
    expect(await core.invoke('teams:setRole', { id: team.id, role: 'admin', version: 1 })).toMatchObject({
      ok: false,
      error: { message: 'Bo Lee (bo@acme.example) linked Engineering to all organizations at 14:02 UTC, after you opened it. Nothing was saved: review where it applies and save again.' },
    });
    value(await core.invoke('teams:rename', { id: team.id, name: 'Platform', version: 2 }));
    expect(await core.invoke('teams:rename', { id: team.id, name: 'Core', version: 2 })).toMatchObject({
      ok: false,
      // This page's own admin, in another window.
      error: { code: 'STALE', message: 'You, in another window, renamed Engineering to Platform at 14:02 UTC, after you opened it. Nothing was saved: review the new name and save again.' },
    });
  });

  it("moves on when the identity provider renames its group, so an edit from a page opened before is refused", async () => {
    const scim = await groupsServer(['ana@acme.example']);
    const created = await scim.post('/Groups', groupBody('Sales', [scim.ids.ana!]));
    const teamId = teamIdOf(scim.core, created.body.id as string);
    const shown = value(await scim.core.invoke('teams:get', { id: teamId })).version;
    // Its members change: the team's version does not.
    expect((await scim.patch(`/Groups/${created.body.id}`, patchOps({ op: 'remove', path: 'members' }))).status).toBeLessThan(300);
    expect(value(await scim.core.invoke('teams:get', { id: teamId })).version).toBe(shown);
    expect((await scim.patch(`/Groups/${created.body.id}`, patchOps({ op: 'replace', value: { displayName: 'Sales EMEA' } }))).status).toBeLessThan(300);
    expect(await scim.core.invoke('teams:setRole', { id: teamId, role: 'admin', version: shown })).toMatchObject({
      ok: false,
      error: {
        code: 'STALE',
        message: 'Your identity provider (SCIM token "Okta") renamed Sales to Sales EMEA at 09:00 UTC, after you opened it. Nothing was saved: review the new name and save again.',
      },
    });
    expect(value(await scim.core.invoke('teams:get', { id: teamId })).role).toBe('member');
  });
});
