import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { openDatabase } from '../../db/open';
import { fixtureFileName, loadDump } from '../../db/test-support/fixtures/dump';
import { tempDir } from '../../test-support/temp-db';
import { groupBody, groupsServer, patchOps } from '../test-support/group-fixtures';
import { userBody } from '../test-support/user-fixtures';

/**
 * A group's version sums up its members (count, sum and sum of squares of their
 * account ids), kept by triggers in scim_group_digests (migration 0020) so that
 * no PATCH reads the whole group. The kept sums must be the members' own after
 * every change, however it is made.
 */

/** What scim_group_digests must hold: the sums over each group's stated members. */
const recount = (db: Db) =>
  db
    .prepare('SELECT team_id AS teamId, count(*) AS count, total(account_id) AS sum, total(account_id * account_id) AS squares FROM scim_group_members GROUP BY team_id ORDER BY team_id')
    .all();
const kept = (db: Db) => db.prepare('SELECT team_id AS teamId, members AS count, sum, squares FROM scim_group_digests WHERE members > 0 ORDER BY team_id').all();

describe('SCIM group digests (scim_group_digests)', () => {
  it('sums the members of a database upgraded from version 19', () => {
    const file = path.join(tempDir(), 'roster.db');
    loadDump(file, fs.readFileSync(path.join(__dirname, '..', '..', 'db', 'test-support', 'fixtures', fixtureFileName(19)), 'utf8'));
    const db = openDatabase(file);
    try {
      const sums = recount(db);
      expect(sums.length).toBeGreaterThan(0);
      expect(kept(db)).toEqual(sums);
    } finally {
      db.close();
    }
  });

  it('keeps the sums through creates, adds, removes, replaces, a deleted user and a deleted group, and the version moves with them', async () => {
    const scim = await groupsServer();
    const db = scim.core.db;
    const { ana, bo, cy, di } = scim.ids as Record<string, string>;
    const versions: string[] = [];
    const check = async (id: string) => {
      expect(kept(db)).toEqual(recount(db));
      const one = (await scim.get(`/Groups/${id}`)).body;
      const listed = (await scim.get('/Groups?count=100')).body.Resources.find((group: { id: string }) => group.id === id);
      expect(listed.meta.version).toBe(one.meta.version);
      expect(versions).not.toContain(one.meta.version);
      versions.push(one.meta.version);
    };
    const platform = (await scim.post('/Groups', groupBody('Platform', [ana!, bo!]))).body.id as string;
    const other = (await scim.post('/Groups', groupBody('Other', [bo!]))).body.id as string;
    await check(platform);
    expect((await scim.patch(`/Groups/${platform}`, patchOps({ op: 'add', path: 'members', value: [{ value: cy }, { value: di }] }))).status).toBe(204);
    await check(platform);
    expect((await scim.patch(`/Groups/${platform}`, patchOps({ op: 'remove', path: `members[value eq "${ana}"]` }))).status).toBe(204);
    await check(platform);
    expect((await scim.patch(`/Groups/${platform}`, patchOps({ op: 'replace', path: 'members', value: [{ value: ana }, { value: bo }] }))).status).toBe(204);
    await check(platform);
    // A user the provider made, then deleted: it leaves every group it was in.
    const eve = (await scim.post('/Users', userBody('eve@acme.example'))).body.id as string;
    expect((await scim.patch(`/Groups/${platform}`, patchOps({ op: 'add', path: 'members', value: [{ value: eve }] }))).status).toBe(204);
    await check(platform);
    expect((await scim.delete(`/Users/${eve}`)).status).toBe(204);
    await check(platform);
    expect((await scim.delete(`/Groups/${other}`)).status).toBe(204);
    expect(kept(db)).toEqual(recount(db));
    expect((await scim.patch(`/Groups/${platform}`, patchOps({ op: 'remove', path: 'members' }))).status).toBe(204);
    expect(kept(db)).toEqual([]);
    const emptied = (await scim.get(`/Groups/${platform}`)).body;
    expect(emptied.members ?? []).toEqual([]);
    expect(versions).not.toContain(emptied.meta.version);
  });
});
