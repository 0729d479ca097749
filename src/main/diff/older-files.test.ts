import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DiffResult, DiffSectionId } from '@shared/schemas/diff';
import { fixtureFileName, loadDump } from '../db/test-support/fixtures/dump';
import { bundledMigrations } from '../db/migrations';
import { openDatabase } from '../db/open';
import { value } from '../test-support/seats-helpers';
import { tempDir } from '../test-support/temp-db';
import { computeDiff } from './diff';

const CURRENT = bundledMigrations.length;
const OLDER = CURRENT - 1;
const fixture = (version: number) => fs.readFileSync(path.join(__dirname, '../db/test-support/fixtures', fixtureFileName(version)), 'utf8');

/** The file's bytes and modification time: what "never written" means. */
const stateOf = (file: string) => ({ sha: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'), mtimeMs: fs.statSync(file).mtimeMs });
const besides = (file: string) => ['-wal', '-shm', '-journal'].filter((suffix) => fs.existsSync(file + suffix));
/** The diff's temporary folders (none may outlive a comparison); one a crashed run left before this test is not counted. */
const leftBefore = new Set(fs.readdirSync(os.tmpdir()));
const scratchDirs = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('roster-diff-') && !leftBefore.has(name));

const diffOf = (oldFile: string, newFile: string) =>
  computeDiff({ from: { file: oldFile, label: path.basename(oldFile) }, to: { file: newFile, label: path.basename(newFile) } });
const changesIn = (diff: DiffResult, id: DiffSectionId) => diff.sections.find((section) => section.id === id)!.changes;

/**
 * Last quarter's file as the previous Roster left it (the committed fixture of
 * the schema version before this one), read-only as an archived copy often
 * is; and this quarter's: the same data upgraded by opening it with this
 * Roster, then changed.
 */
function quarters() {
  const dir = tempDir();
  const q3 = path.join(dir, 'q3.roster');
  const q4 = path.join(dir, 'q4.roster');
  loadDump(q3, fixture(OLDER));
  fs.chmodSync(q3, 0o444);
  loadDump(q4, fixture(OLDER));
  openDatabase(q4).close();
  return { q3, q4 };
}

function changeQ4(q4: string) {
  const db = new Database(q4);
  db.exec("UPDATE enterprise SET seats = seats + 5; UPDATE teams SET name = name || ' (renamed)' WHERE id = (SELECT min(id) FROM teams)");
  db.close();
}

describe('roster diff: a file an older Roster wrote (CMP1)', () => {
  it('compares it, read upgraded in memory, and leaves its bytes, its time and its folder as they were', () => {
    const { q3, q4 } = quarters();
    const before = stateOf(q3);
    const version = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.pragma('user_version', { simple: true });
      } finally {
        db.close();
      }
    };
    expect(version(q3)).toBe(OLDER);

    // The same data, older and upgraded: nothing changed.
    const same = value(diffOf(q3, q4));
    expect(same.sections.every((section) => section.total === 0)).toBe(true);
    expect(same.seats.old).toEqual(same.seats.new);
    expect(same.seats.old.members).toBeGreaterThan(0);
    expect(same.from.schemaVersion).toBe(OLDER);
    expect(same.to.schemaVersion).toBe(CURRENT);

    changeQ4(q4);
    const diff = value(diffOf(q3, q4));
    expect(diff.seats.new.total - diff.seats.old.total).toBe(5);
    expect(changesIn(diff, 'teams').map((change) => change.kind)).toEqual(['renamed']);

    expect(stateOf(q3)).toEqual(before);
    expect(besides(q3)).toEqual([]);
    expect(version(q3)).toBe(OLDER);
    expect(scratchDirs()).toEqual([]);
  });

  it('compares either way round, and two older files with each other', () => {
    const { q3, q4 } = quarters();
    changeQ4(q4);
    const before = stateOf(q3);
    const backwards = value(diffOf(q4, q3));
    expect(backwards.seats.old.total - backwards.seats.new.total).toBe(5);
    expect(backwards).toMatchObject({ from: { schemaVersion: CURRENT }, to: { schemaVersion: OLDER } });
    const itself = value(diffOf(q3, q3));
    expect(itself.sections.every((section) => section.total === 0)).toBe(true);
    expect(stateOf(q3)).toEqual(before);
    expect(besides(q3)).toEqual([]);
    expect(scratchDirs()).toEqual([]);
  });

  it('still refuses a file a newer Roster wrote, saying so, and leaves the older one as it was', () => {
    const { q3, q4 } = quarters();
    const newer = new Database(q4);
    newer.prepare("INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (999, 'future', 'x', '2030-01-01')").run();
    newer.close();
    const before = stateOf(q3);
    const refused = diffOf(q3, q4);
    expect(refused).toMatchObject({ ok: false, error: { code: 'DATABASE_UNUSABLE' } });
    expect(!refused.ok && refused.error.message).toMatch(
      new RegExp(`^NEW \\(q4\\.roster\\) was written by a newer version of Roster \\(schema version 999; this version knows up to ${CURRENT}\\)\\. Open it with that newer Roster`),
    );
    const reversed = diffOf(q4, q3);
    expect(!reversed.ok && reversed.error.message).toMatch(/^OLD \(q4\.roster\) was written by a newer version of Roster/);
    expect(stateOf(q3)).toEqual(before);
    expect(besides(q3)).toEqual([]);
    expect(scratchDirs()).toEqual([]);
  });
});
