import { describe, expect, it } from 'vitest';
import { includesFolded } from '@shared/text';
import type { Core } from '../core';
import { value } from '../test-support/seats-helpers';
import { coreWithEnterprise } from '../test-support/temp-db';
import { createMemberPages } from './member-pages';

const NAMES = ['Émile Zola', 'emile durand', 'Zoë Lima', 'Ana Lima', 'Bo', '', 'Ólafur Arnalds', 'Lima Santos', 'ana_lima', '100% Lime'];

/** An enterprise of 30 members, 20 of them in Platform, with names and activity that tie and differ. */
async function setUp(): Promise<{ core: Core; teamId: number }> {
  const core = await coreWithEnterprise();
  const ids: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const name = NAMES[i % NAMES.length]!;
    const added = value(await core.invoke('members:add', { email: `person${i % 7}.${i}@acme.com`, ...(name ? { name } : {}) }));
    const active = i % 4 === 0 ? null : `2026-0${1 + (i % 5)}-1${i % 3}T09:00:00.000Z`;
    core.db.prepare('UPDATE accounts SET last_active_at = ? WHERE id = ?').run(active, added.accountId);
    ids.push(added.accountId);
  }
  const team = value(await core.invoke('teams:create', { name: 'Platform' }));
  value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: ids.filter((_, i) => i % 3 !== 1) }));
  return { core, teamId: team.id };
}

const SORTS = [
  { by: 'name', desc: false },
  { by: 'name', desc: true },
  { by: 'lastActive', desc: false },
  { by: 'lastActive', desc: true },
] as const;

describe("a team's member pages", () => {
  it('gives the same rows and total walking an accounts index (a big team) as sorting the team (a small one), for every sort and offset', async () => {
    const { core, teamId } = await setUp();
    const pages = createMemberPages(core.db);
    const size = core.db.prepare('SELECT member_count FROM teams WHERE id = ?').pluck().get(teamId) as number;
    expect(size).toBe(20);
    for (const sort of SORTS) {
      for (const offset of [0, 3, 19, 25]) {
        const input = { teamId, search: '', sort, offset, limit: 7 };
        // 20 of 30 members: walked. Told the enterprise holds a million: sorted.
        const walked = pages.page(input, size, 30);
        const sorted = pages.page(input, size, 1_000_000);
        expect(walked, `${sort.by} ${sort.desc ? 'desc' : 'asc'} from ${offset}`).toEqual(sorted);
        expect(walked.total).toBe(20);
      }
      const whole = pages.page({ teamId, search: '', sort, offset: 0, limit: 100 }, size, 30).rows;
      expect(whole).toHaveLength(20);
    }
  });

  it('finds by the trigram index exactly the members LIKE finds, short searches and LIKE wildcards included', async () => {
    const { core, teamId } = await setUp();
    const pages = createMemberPages(core.db);
    const everyone = value(await core.invoke('teams:members', { teamId, search: '', offset: 0, limit: 100 })).rows;
    for (const search of ['lima', 'LIMA', 'émile', 'emile', 'a l', 'ana_lima', '100%', '%', '_', 'li', 'person3.', 'acme.com', 'nobody']) {
      const expected = everyone.filter((row) => includesFolded(row.email.toLowerCase(), search) || includesFolded(row.name, search)).map((row) => row.email);
      for (const sort of SORTS) {
        const page = value(await core.invoke('teams:members', { teamId, search, sort, offset: 0, limit: 100 }));
        expect(page.rows.map((row) => row.email).sort(), `"${search}"`).toEqual([...expected].sort());
        expect(page.total, `"${search}"`).toBe(expected.length);
        // In the sort asked for: the same order the unsearched list gives them.
        const unsearched = pages.page({ teamId, search: '', sort, offset: 0, limit: 100 }, 20, 1_000_000).rows.map((row) => row.email);
        expect(page.rows.map((row) => row.email)).toEqual(unsearched.filter((email) => expected.includes(email)));
      }
    }
  });
});
