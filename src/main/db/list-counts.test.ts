import { describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { value } from '../test-support/seats-helpers';
import { coreWithEnterprise } from '../test-support/temp-db';

/** Every count 0019 keeps, beside the same count made from the rows: the two must agree. */
function keptAndCounted(core: Core) {
  const all = (sql: string) => core.db.prepare(sql).all();
  return {
    kept: {
      teams: all('SELECT id, member_count AS n FROM teams ORDER BY id'),
      orgs: all('SELECT id, member_count AS members, owner_count AS owners FROM organizations ORDER BY id'),
      seatless: core.db.prepare('SELECT account_id FROM seatless_accounts ORDER BY account_id').pluck().all(),
    },
    counted: {
      teams: all('SELECT t.id, (SELECT count(*) FROM team_members tm WHERE tm.team_id = t.id) AS n FROM teams t ORDER BY t.id'),
      orgs: all(`SELECT o.id, (SELECT count(*) FROM org_memberships om WHERE om.org_id = o.id) AS members,
        (SELECT count(*) FROM org_memberships om WHERE om.org_id = o.id AND om.role = 'owner') AS owners FROM organizations o ORDER BY o.id`),
      seatless: core.db.prepare('SELECT id FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.account_id = a.id) ORDER BY id').pluck().all(),
    },
  };
}

/** The accounts whose address or folded name contains `text`, by the trigram index. */
const indexed = (core: Core, text: string) =>
  core.db.prepare('SELECT rowid FROM accounts_search WHERE accounts_search MATCH ? ORDER BY rowid').pluck().all(`"${text}"`);

describe('migration 0019: counts kept as the rows change', () => {
  it('keeps team and organization member counts, owners and accounts without a seat through adds, role changes, removals and cascades', async () => {
    const core = await coreWithEnterprise();
    const ids: number[] = [];
    for (const email of ['ana@acme.com', 'bo@acme.com', 'cy@acme.com', 'di@acme.com']) ids.push(value(await core.invoke('members:add', { email })).accountId);
    const platform = value(await core.invoke('teams:create', { name: 'Platform' }));
    const design = value(await core.invoke('teams:create', { name: 'Design' }));
    const org = value(await core.invoke('orgs:create', { name: 'Engineering' }));
    value(await core.invoke('teams:addMembers', { teamId: platform.id, accountIds: ids }));
    value(await core.invoke('teams:addMembers', { teamId: design.id, accountIds: ids.slice(0, 2) }));
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: ids.slice(0, 3), role: 'member' }));
    value(await core.invoke('orgs:setMemberRole', { orgId: org.id, accountId: ids[0]!, role: 'owner' }));
    let state = keptAndCounted(core);
    expect(state.kept).toEqual(state.counted);
    expect(value(await core.invoke('teams:get', { id: platform.id })).memberCount).toBe(4);
    expect(value(await core.invoke('orgs:get', { id: org.id }))).toMatchObject({ memberCount: 3 });

    value(await core.invoke('teams:removeMembers', { teamId: platform.id, accountIds: [ids[3]!] }));
    value(await core.invoke('orgs:setMemberRole', { orgId: org.id, accountId: ids[0]!, role: 'admin' }));
    value(await core.invoke('orgs:removeMember', { orgId: org.id, accountId: ids[2]! }));
    // Removing a member takes them out of every team and organization (cascades), and leaves their account without a seat.
    value(await core.invoke('members:remove', { accountId: ids[1]! }));
    value(await core.invoke('teams:remove', { id: design.id }));
    state = keptAndCounted(core);
    expect(state.kept).toEqual(state.counted);
    expect(state.kept.seatless).toEqual([ids[1]]);
    expect(value(await core.invoke('teams:list')).map((team) => [team.name, team.memberCount])).toEqual([['Platform', 2]]);

    // Back with a seat: no longer seatless.
    value(await core.invoke('members:add', { email: 'bo@acme.com' }));
    state = keptAndCounted(core);
    expect(state.kept).toEqual(state.counted);
    expect(state.kept.seatless).toEqual([]);
  });

  it('keeps the trigram index of addresses and folded names as accounts are added, renamed and readdressed', async () => {
    const core = await coreWithEnterprise();
    const { accountId } = value(await core.invoke('members:add', { email: 'Zoe.Quist@Acme.com', name: 'Zoë Quist' }));
    expect(indexed(core, 'zoe.qu')).toEqual([accountId]);
    expect(indexed(core, 'oe qu')).toEqual([accountId]);
    core.db.prepare("UPDATE accounts SET name = 'Zoë Marsh', name_fold = 'zoe marsh' WHERE id = ?").run(accountId);
    expect(indexed(core, 'oe qu')).toEqual([]);
    expect(indexed(core, 'marsh')).toEqual([accountId]);
    core.db.prepare("UPDATE accounts SET email = 'zm@acme.com', email_key = 'zm@acme.com' WHERE id = ?").run(accountId);
    expect(indexed(core, 'zoe.qu')).toEqual([]);
    expect(indexed(core, 'zm@ac')).toEqual([accountId]);
    // FTS5 checks its index against the accounts table, and throws where they differ.
    expect(() => core.db.prepare("INSERT INTO accounts_search (accounts_search, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
  });
});
