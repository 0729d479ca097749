import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { TeamPageInput, TeamSortColumn, TeamSummary } from '@shared/schemas/teams';
import { compareNames } from '@shared/schemas/names';
import type { Core } from '../core';
import { createServices } from '../services';
import { value } from '../test-support/seats-helpers';
import { coreWithEnterprise, testCore } from '../test-support/temp-db';

/**
 * Teams with names that sort and fold differently (accents, case, % and _),
 * both roles and sources, member counts with ties, and organizations linked:
 * none, one, two, all.
 */
async function teamsToPage(): Promise<Core> {
  const core = await coreWithEnterprise();
  const people: number[] = [];
  for (const email of ['ana@acme.com', 'bo@acme.com', 'cy@acme.com']) people.push(value(await core.invoke('members:add', { email })).accountId);
  const engineering = value(await core.invoke('orgs:create', { name: 'Engineering' }));
  const design = value(await core.invoke('orgs:create', { name: 'Design' }));
  const teams: [string, 'admin' | 'member', number][] = [
    ['Platform', 'admin', 3],
    ['Équipe Données', 'member', 1],
    ['equipe web', 'member', 1],
    ['Zeta', 'admin', 0],
    ['100% remote', 'member', 2],
    ['a_b', 'member', 0],
    ['ab', 'admin', 2],
    ['Design', 'member', 1],
    ['design ops', 'member', 0],
    ['Mobile', 'member', 3],
  ];
  for (const [name, role, members] of teams) {
    const team = value(await core.invoke('teams:create', { name, role }));
    if (members > 0) value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: people.slice(0, members) }));
  }
  const id = (name: string) => core.db.prepare('SELECT id FROM teams WHERE name = ?').pluck().get(name) as number;
  value(await core.invoke('teams:link', { teamId: id('Platform'), orgIds: [engineering.id, design.id] }));
  value(await core.invoke('teams:link', { teamId: id('Design'), orgIds: [design.id] }));
  value(await core.invoke('teams:link', { teamId: id('Zeta'), allOrgs: true }));
  // One the identity provider made: its source sorts after "manual".
  value(core.services.teams.create({ name: 'Okta Engineers', role: 'member' }, { type: 'scim', name: 'Okta token' }, 'scim'));
  return core;
}

const page = async (core: Core, input: Partial<TeamPageInput>) => value(await core.invoke('teams:page', input as TeamPageInput));
const names = (rows: TeamSummary[]) => rows.map((team) => team.name);

/** The order the Teams screen had when it sorted teams:list itself: by the column, ties in teams:list's order (by name). */
function expectedOrder(all: TeamSummary[], by: TeamSortColumn, desc: boolean): string[] {
  if (by === 'name') {
    const sorted = [...all].sort((a, b) => compareNames(a.name, b.name));
    return names(desc ? sorted.reverse() : sorted);
  }
  const key = (team: TeamSummary) => team[by];
  const sign = desc ? -1 : 1;
  return names([...all].sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : compareNames(a.name, b.name))));
}

describe('teams:page, the Teams screen a page at a time', () => {
  it('gives every team once, in pages, each as teams:list has it (member count and organizations), with both counts', async () => {
    const core = await teamsToPage();
    const listed = value(await core.invoke('teams:list'));
    expect(listed).toHaveLength(11);
    const seen: TeamSummary[] = [];
    for (let offset = 0; offset < 11; offset += 4) {
      const answer = await page(core, { offset, limit: 4 });
      expect(answer).toMatchObject({ total: 11, all: 11 });
      seen.push(...answer.rows);
    }
    // teams:list is by name: the default page is the same teams, field for field.
    expect(seen).toEqual(listed);
    expect(seen.find((team) => team.name === 'Platform')).toMatchObject({ memberCount: 3, organizations: [{ name: 'Design' }, { name: 'Engineering' }] });
    expect(seen.find((team) => team.name === 'Zeta')).toMatchObject({ allOrgs: true, organizations: [] });
  });

  it('answers an offset at or past the end with no rows and the same counts', async () => {
    const core = await teamsToPage();
    expect(await page(core, { offset: 11, limit: 4 })).toEqual({ rows: [], total: 11, all: 11 });
    expect(await page(core, { offset: 1000 })).toEqual({ rows: [], total: 11, all: 11 });
    // The last by name: code point order of the name keys puts é after z, as teams:list does.
    expect(names((await page(core, { offset: 10, limit: 4 })).rows)).toEqual(['Équipe Données']);
  });

  it('sorts by each column both ways, ties by name, as the screen sorted the whole list', async () => {
    const core = await teamsToPage();
    const listed = value(await core.invoke('teams:list'));
    for (const by of ['name', 'role', 'source', 'memberCount'] as const) {
      for (const desc of [false, true]) {
        const whole = names((await page(core, { sort: { by, desc }, limit: 500 })).rows);
        expect(whole, `${by} ${desc ? 'desc' : 'asc'}`).toEqual(expectedOrder(listed, by, desc));
        // Pages of three put together are the same order: ties are broken the same way on every page.
        const paged: string[] = [];
        for (let offset = 0; offset < 11; offset += 3) paged.push(...names((await page(core, { sort: { by, desc }, offset, limit: 3 })).rows));
        expect(paged).toEqual(whole);
      }
    }
    // Spelled out once: most members first, ties by name; then the empty ones by name.
    expect(names((await page(core, { sort: { by: 'memberCount', desc: true }, limit: 500 })).rows)).toEqual([
      'Mobile',
      'Platform',
      '100% remote',
      'ab',
      'Design',
      'equipe web',
      'Équipe Données',
      'a_b',
      'design ops',
      'Okta Engineers',
      'Zeta',
    ]);
  });

  it('searches names ignoring case and accents, % and _ as themselves, and counts the matches beside every team', async () => {
    const core = await teamsToPage();
    const search = async (text: string, extra: Partial<TeamPageInput> = {}) => {
      const answer = await page(core, { search: text, limit: 500, ...extra });
      return { names: names(answer.rows), total: answer.total, all: answer.all };
    };
    expect(await search('EQUIPE donnees')).toEqual({ names: ['Équipe Données'], total: 1, all: 11 });
    expect(await search('  équipe ')).toEqual({ names: ['equipe web', 'Équipe Données'], total: 2, all: 11 });
    expect(await search('%')).toEqual({ names: ['100% remote'], total: 1, all: 11 });
    expect(await search('_')).toEqual({ names: ['a_b'], total: 1, all: 11 });
    expect(await search('design', { sort: { by: 'memberCount', desc: true } })).toEqual({ names: ['Design', 'design ops'], total: 2, all: 11 });
    expect(await search('nothing like it')).toEqual({ names: [], total: 0, all: 11 });
    // Blank is no search.
    expect(await search('   ')).toMatchObject({ total: 11, all: 11 });
    // A search's pages: the matches only, counted in full, past the end empty.
    const e = await search('e');
    expect(e.total).toBeGreaterThan(3);
    const first = await page(core, { search: 'e', offset: 0, limit: 3 });
    const rest = await page(core, { search: 'e', offset: 3, limit: 500 });
    expect([...names(first.rows), ...names(rest.rows)]).toEqual(e.names);
    expect(first.total).toBe(e.total);
    expect(await page(core, { search: 'e', offset: e.total })).toEqual({ rows: [], total: e.total, all: 11 });
  });

  it('answers the same on a read-only connection with no functions of the app (a server read worker)', async () => {
    const core = await teamsToPage();
    const db = new Database(core.db.name, { readonly: true, fileMustExist: true });
    try {
      const services = createServices(db, () => new Date());
      for (const input of [{ search: 'équipe', sort: { by: 'role', desc: true }, offset: 0, limit: 50 }, { search: '', sort: { by: 'name', desc: false }, offset: 2, limit: 5 }] as const) {
        expect(services.teams.page(input)).toEqual(await core.invoke('teams:page', input));
      }
    } finally {
      db.close();
    }
  });

  it('refuses a page over 500 rows and an unknown sort, and needs an enterprise', async () => {
    const core = await teamsToPage();
    expect(await core.dispatch('teams:page', { limit: 501 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.dispatch('teams:page', { sort: { by: 'organizations', desc: false } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.dispatch('teams:page', { offset: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.dispatch('teams:page', undefined)).toMatchObject({ ok: true, value: { total: 11, all: 11 } });
    expect(await testCore().invoke('teams:page', {} as TeamPageInput)).toMatchObject({ ok: false, error: { code: 'NO_ENTERPRISE' } });
  });
});
