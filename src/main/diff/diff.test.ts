import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DiffResult, DiffSectionId } from '@shared/schemas/diff';
import { diffResultSchema } from '@shared/schemas/diff';
import { value } from '../test-support/seats-helpers';
import { tempDir } from '../test-support/temp-db';
import { computeDiff } from './diff';
import { knownChanges } from './test-support/known-changes';

const diffOf = (oldFile: string, newFile: string, options: { newAsOf?: string } = {}) =>
  computeDiff({ from: { file: oldFile, label: 'q1.roster' }, to: { file: newFile, label: 'q2.roster', ...(options.newAsOf ? { asOf: options.newAsOf } : {}) } });

const changesIn = (diff: DiffResult, id: DiffSectionId) => diff.sections.find((section) => section.id === id)!.changes;
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('roster diff: what changed between two copies (CMP1-CMP6)', () => {
  it('finds every known change, section by section', async () => {
    const { oldFile, newFile } = await knownChanges();
    const diff = value(diffOf(oldFile, newFile));
    expect(diffResultSchema.parse(diff)).toEqual(diff);
    expect(diff.from).toMatchObject({ label: 'q1.roster', enterprise: 'Acme', asOf: '2026-03-01T09:00:00.000Z' });
    expect(diff.to.asOf).toBe('2026-04-01T09:01:00.000Z');

    expect(diff.seats.old).toEqual({ total: 10, inUse: 6, free: 4, members: 3, pendingInvitations: 3 });
    expect(diff.seats.new).toEqual({ total: 12, inUse: 5, free: 7, members: 4, pendingInvitations: 1 });

    expect(changesIn(diff, 'members')).toEqual([
      { kind: 'left', subject: 'cy@acme.com', detail: '', old: 'Added by hand', new: null },
      { kind: 'joined', subject: 'dee@acme.com', detail: '', old: null, new: 'Invitation' },
      { kind: 'joined', subject: 'gus@acme.com', detail: '', old: null, new: 'Added by hand' },
    ]);
    expect(changesIn(diff, 'seatSources')).toEqual([{ kind: 'source changed', subject: 'ana@acme.com', detail: '', old: 'Added by hand', new: 'SCIM' }]);
    expect(changesIn(diff, 'teamMembers')).toEqual([
      { kind: 'added', subject: 'gus@acme.com', detail: 'Ops', old: null, new: 'member' },
      { kind: 'removed', subject: 'cy@acme.com', detail: 'QA', old: 'member', new: null },
    ]);
    // T4: Dev's role counts where Dev is linked; bo's direct admin in Product wins the tie, so bo's Product access is unchanged.
    expect(changesIn(diff, 'orgAccess')).toEqual([
      { kind: 'raised', subject: 'ana@acme.com', detail: 'Engineering', old: 'member (through Dev)', new: 'admin (through Dev)' },
      { kind: 'gained', subject: 'ana@acme.com', detail: 'Product', old: null, new: 'admin (through Dev)' },
      { kind: 'raised', subject: 'bo@acme.com', detail: 'Engineering', old: 'member (through Dev)', new: 'admin (through Dev)' },
      { kind: 'lost', subject: 'cy@acme.com', detail: 'Engineering', old: 'member (direct)', new: null },
      { kind: 'gained', subject: 'dee@acme.com', detail: 'Product', old: null, new: 'member (direct)' },
    ]);
    expect(changesIn(diff, 'teams')).toEqual([
      { kind: 'linked', subject: 'Dev', detail: 'Product', old: null, new: 'linked' },
      { kind: 'role changed', subject: 'Dev', detail: '', old: 'member', new: 'admin' },
      { kind: 'created', subject: 'Ops', detail: '', old: null, new: 'member' },
      { kind: 'renamed', subject: 'Quality', detail: '', old: 'QA', new: 'Quality' },
    ]);
    expect(changesIn(diff, 'organizations')).toEqual([{ kind: 'created', subject: 'Sales', detail: '', old: null, new: 'Sales' }]);
    expect(changesIn(diff, 'invitations')).toEqual([
      { kind: 'accepted', subject: 'dee@acme.com', detail: 'member', old: 'pending', new: 'accepted' },
      { kind: 'expired', subject: 'eve@acme.com', detail: 'member', old: 'pending', new: 'expired' },
      { kind: 'revoked', subject: 'fay@acme.com', detail: 'member', old: 'pending', new: 'revoked' },
      { kind: 'sent', subject: 'hal@acme.com', detail: 'member', old: null, new: 'pending' },
    ]);
    expect(changesIn(diff, 'domains')).toEqual([{ kind: 'capture', subject: 'acme.com', detail: '', old: 'off', new: 'on' }]);
    expect(changesIn(diff, 'scimTokens')).toEqual([
      { kind: 'created', subject: 'entra', detail: '', old: null, new: 'active' },
      { kind: 'revoked', subject: 'legacy', detail: '', old: 'active', new: 'revoked' },
    ]);
    const members = diff.sections.find((section) => section.id === 'members')!;
    expect(members).toMatchObject({ title: 'Members', counts: { left: 1, joined: 2 }, total: 3, omitted: 0 });
  });

  it('a file compared with itself has no change', async () => {
    const { oldFile } = await knownChanges();
    const diff = value(diffOf(oldFile, oldFile));
    expect(diff.sections.every((section) => section.total === 0)).toBe(true);
    expect(diff.seats.old).toEqual(diff.seats.new);
  });

  it('keeps the first changes of a section when asked, and counts all of them', async () => {
    const { oldFile, newFile } = await knownChanges();
    const diff = value(computeDiff({ from: { file: oldFile, label: 'a' }, to: { file: newFile, label: 'b' }, limit: 1 }));
    const access = diff.sections.find((section) => section.id === 'orgAccess')!;
    expect(access).toMatchObject({ total: 5, omitted: 4, counts: { raised: 2, gained: 2, lost: 1 } });
    expect(access.changes).toHaveLength(1);
  });

  it('reads the live store as of the moment given, and writes nothing to either file', async () => {
    const { oldFile, liveFile, core } = await knownChanges();
    const before = sha(oldFile);
    // Long after: hal's invitation has expired too.
    const diff = value(diffOf(oldFile, liveFile, { newAsOf: '2026-06-01T00:00:00.000Z' }));
    expect(diff.to.asOf).toBe('2026-06-01T00:00:00.000Z');
    expect(diff.seats.new).toMatchObject({ members: 4, pendingInvitations: 0 });
    expect(changesIn(diff, 'invitations').find((change) => change.subject === 'hal@acme.com')).toMatchObject({ kind: 'sent', new: 'expired' });
    expect(sha(oldFile)).toBe(before);
    expect(fs.existsSync(`${oldFile}-wal`) || fs.existsSync(`${oldFile}-journal`)).toBe(false);
    // The live store is still the app's to write.
    value(await core.invoke('orgs:create', { name: 'After' }));
  });

  it('takes a copy at the moment it was taken (its snapshot_info)', async () => {
    const { oldFile, newFile } = await knownChanges();
    const marked = new Database(newFile);
    marked.exec("CREATE TABLE snapshot_info (id INTEGER PRIMARY KEY, of TEXT, taken_at TEXT, taken_by TEXT); INSERT INTO snapshot_info VALUES (1, 'x', '2026-03-02T00:00:00.000Z', 'y')");
    marked.close();
    const diff = value(diffOf(oldFile, newFile));
    expect(diff.to).toMatchObject({ asOf: '2026-03-02T00:00:00.000Z', copyOf: 'x' });
    expect(diff.from.copyOf).toBeNull();
    expect(changesIn(diff, 'invitations').map((change) => change.kind)).not.toContain('expired');
  });
});

describe('roster diff: files it refuses (CMP1)', () => {
  it('refuses a file that is not a Roster database, naming it', async () => {
    const { oldFile } = await knownChanges();
    const dir = tempDir();
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a database at all, just some words in a file that is long enough to have a header');
    const foreign = path.join(dir, 'other.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE things (x)');
    other.close();
    const foreignBytes = sha(foreign);

    const notSqlite = diffOf(oldFile, text);
    expect(notSqlite).toMatchObject({ ok: false, error: { code: 'DATABASE_UNUSABLE' } });
    expect(!notSqlite.ok && notSqlite.error.message).toContain('NEW (q2.roster) is not a Roster database');
    const notRoster = computeDiff({ from: { file: foreign, label: 'other.db' }, to: { file: oldFile, label: 'q1.roster' } });
    expect(!notRoster.ok && notRoster.error.message).toMatch(/^OLD \(other\.db\) is a SQLite database, but not one Roster made/);
    expect(sha(foreign)).toBe(foreignBytes);
    const missing = diffOf(path.join(dir, 'nope.roster'), oldFile);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'OLD (q1.roster) does not exist.' } });
  });

  it('refuses a file written by a newer Roster', async () => {
    const { oldFile, newFile } = await knownChanges();
    const newer = new Database(newFile);
    newer.prepare("INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (999, 'future', 'x', '2030-01-01')").run();
    newer.close();
    const refused = diffOf(oldFile, newFile);
    expect(!refused.ok && refused.error.message).toMatch(/^NEW \(q2\.roster\) was written by a newer version of Roster \(schema version 999/);
  });
});
