import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { openDatabase } from '../../db/open';
import { fixtureFileName, loadDump } from '../../db/test-support/fixtures/dump';
import { addMembers } from '../../test-support/seats-helpers';
import { tempDir } from '../../test-support/temp-db';
import { scimServer } from '../test-support/client';
import { patchBody, userBody } from '../test-support/user-fixtures';

/**
 * Unsorted /Users pages find their first user from the users counted per block
 * of account ids (scim_user_blocks, migration 0018). The counts must be the
 * users' own at every moment, and pages that cross blocks of both sizes must be
 * the whole list sliced.
 */

/** What scim_user_blocks must hold: the users (a seat or a SCIM row, once) per block of each size. */
function recount(db: Db) {
  return db
    .prepare(
      `SELECT b.bits, u.id >> b.bits AS block, count(*) AS users
       FROM (SELECT account_id AS id FROM members UNION SELECT account_id FROM scim_users) u, (SELECT 10 AS bits UNION ALL SELECT 16) b
       GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();
}

const kept = (db: Db) => db.prepare('SELECT bits, block, users FROM scim_user_blocks WHERE users > 0 ORDER BY 1, 2').all();

/** An account that is no SCIM user (no seat, no SCIM row) at `id`: the accounts made after it get the ids after it. */
function skipTo(db: Db, id: number) {
  db.prepare("INSERT INTO accounts (id, email, email_key, name, created_at) VALUES (?, ?, ?, '', '2026-01-01T00:00:00.000Z')").run(id, `gap${id}@acme.example`, `gap${id}@acme.example`);
}

describe('SCIM user positions (scim_user_blocks)', () => {
  it('counts the users of a database upgraded from version 17', () => {
    const file = path.join(tempDir(), 'roster.db');
    loadDump(file, fs.readFileSync(path.join(__dirname, '..', '..', 'db', 'test-support', 'fixtures', fixtureFileName(17)), 'utf8'));
    const db = openDatabase(file);
    try {
      const users = recount(db);
      expect(users.length).toBeGreaterThan(0);
      expect(kept(db)).toEqual(users);
    } finally {
      db.close();
    }
  });

  it('keeps the counts, and pages across blocks as the whole list sliced, through creates, deactivations, seats and deletes', async () => {
    const scim = await scimServer({ seats: 100 });
    const db = scim.core.db;
    let made = 0;
    const create = async (count: number) => {
      for (let index = 0; index < count; index += 1, made += 1) {
        const answer = await scim.post('/Users', userBody(`user${String(made).padStart(2, '0')}@acme.example`, { active: made % 4 !== 1 }));
        expect(answer.status).toBe(201);
      }
    };
    // Users in small blocks 0, 1 and 68, and in large blocks 0, 1 and 3; members the provider never wrote among them.
    await create(5);
    await addMembers(scim.core, 'hand0@acme.example');
    skipTo(db, 1500);
    await create(5);
    skipTo(db, 70_000);
    await create(3);
    await addMembers(scim.core, 'hand1@acme.example');
    skipTo(db, 200_000);
    await create(4);
    expect(kept(db)).toEqual(recount(db));

    const all = async () => ((await scim.get('/Users?count=1000')).body.Resources as { id: string }[]).map((user) => user.id);
    const everyone = await all();
    // SCIM rows without a seat and seats without a SCIM row are users alike.
    expect(everyone).toHaveLength(made + 2);
    const expectPages = async (list: string[]) => {
      for (let startIndex = 1; startIndex <= list.length + 1; startIndex += 1) {
        for (const count of [1, 3, 7]) {
          const answer = await scim.get(`/Users?startIndex=${startIndex}&count=${count}`);
          expect(answer.body.totalResults, `startIndex ${startIndex}`).toBe(list.length);
          expect((answer.body.Resources as { id: string }[]).map((user) => user.id), `startIndex ${startIndex}, count ${count}`).toEqual(list.slice(startIndex - 1, startIndex - 1 + count));
        }
      }
    };
    await expectPages(everyone);

    // A deactivated user reactivated, an active one deactivated, one deleted: still one user each, or none.
    expect((await scim.patch(`/Users/${everyone[1]}`, patchBody({ op: 'replace', path: 'active', value: true }))).status).toBe(200);
    expect((await scim.patch(`/Users/${everyone[7]}`, patchBody({ op: 'replace', path: 'active', value: false }))).status).toBe(200);
    expect((await scim.delete(`/Users/${everyone[12]}`)).status).toBe(204);
    expect((await scim.delete(`/Users/${everyone[9]}`)).status).toBe(204);
    expect(kept(db)).toEqual(recount(db));
    const after = await all();
    expect(after).toEqual(everyone.filter((id) => id !== everyone[12] && id !== everyone[9]));
    await expectPages(after);
  });
});
