import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roster } from '../cli/test-support/cli';
import { QUICK_CHECK_ON_OPEN_BYTES } from '../db/open';
import { coreWithEnterprise, fixedClock, tempDir, testCore, TEST_ACTOR } from '../test-support/temp-db';
import { auditCsv } from './export';

const BROKEN = '{"name": "Research", cut off';
const DAMAGED_AT = '2026-03-01T10:00:00.000Z';

/**
 * A database file whose org.rename event holds a `before` cell that is not
 * JSON, as a file restored from a damaged backup may: written past Roster's
 * trigger and CHECK, then closed, so every reader opens the real file.
 * Opening checks a file up to QUICK_CHECK_ON_OPEN_BYTES, and would refuse
 * this one whole; past that size the damaged cell reaches the readers, so
 * `large` first records one event big enough to take the file past it.
 */
async function damagedFile(options: { large?: boolean } = {}): Promise<{ file: string; dir: string }> {
  const dir = tempDir();
  const file = path.join(dir, 'roster.db');
  const clock = fixedClock('2026-03-01T09:00:00.000Z');
  const core = await coreWithEnterprise({ databasePath: file, now: clock.now });
  if (options.large) core.services.audit.record(clock.now(), TEST_ACTOR, { action: 'import.run', targetType: 'import', after: { padding: 'x'.repeat(QUICK_CHECK_ON_OPEN_BYTES) } });
  clock.advance(3_600_000);
  expect((await core.invoke('orgs:create', { name: 'Research' })).ok).toBe(true);
  expect((await core.invoke('orgs:rename', { id: 1, name: 'Research & Development' })).ok).toBe(true);
  core.db.exec('DROP TRIGGER audit_events_no_update');
  core.db.pragma('ignore_check_constraints = ON');
  core.db.prepare("UPDATE audit_events SET before = ? WHERE action = 'org.rename'").run(BROKEN);
  core.close();
  if (options.large) expect(fs.statSync(file).size).toBeGreaterThan(QUICK_CHECK_ON_OPEN_BYTES);
  return { file, dir };
}

/** The store over a damaged file, as a file too large for the check on opening opens. */
const openLarge = (file: string) => testCore({ databasePath: file, quickCheckUpToBytes: 0 });

describe('an audit event with a damaged before/after cell', () => {
  it('is listed (for the Audit screen) marked damaged, with the text it holds, and the rest of the log as usual', async () => {
    const { file } = await damagedFile();
    const core = openLarge(file);
    const page = await core.invoke('audit:list', {});
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.value.total).toBe(3);
    const renamed = page.value.rows[0]!;
    expect(renamed).toMatchObject({ action: 'org.rename', before: null, after: { name: 'Research & Development' }, damaged: { before: BROKEN } });
    expect(renamed.damaged?.after).toBeUndefined();
    expect(page.value.rows[1]).not.toHaveProperty('damaged');
  });

  it('is written to the CSV as damaged, with the text it holds, and every other row as usual', async () => {
    const { file } = await damagedFile();
    const core = openLarge(file);
    const csv = auditCsv(core.services.audit, { target: '' }, { bom: false, now: new Date('2026-03-02T00:00:00Z') });
    expect(csv.rows).toBe(3);
    const lines = csv.content.split('\r\n');
    expect(lines[3]).toBe(`${DAMAGED_AT},app,test admin,org.rename,organization,Research & Development,1,"(damaged, not JSON) {""name"": ""Research"", cut off","{""name"":""Research & Development""}"`);
  });

  it('breaks the chain where it was damaged, and verification says so', async () => {
    const { file } = await damagedFile();
    expect(openLarge(file).services.audit.verify()).toMatchObject({
      whole: false,
      checked: 2,
      broken: { eventId: 3, at: DAMAGED_AT, problem: expect.stringMatching(/changed after it was written/) },
    });
  });

  it('is shown by roster audit as damaged, as a table, as JSON and as CSV, and found by --verify, in a file too large to be checked on opening', async () => {
    const { file, dir } = await damagedFile({ large: true });
    const since = ['--since', DAMAGED_AT, '--db', file];
    const table = await roster('audit', ...since);
    expect(table).toMatchObject({ status: 0, stderr: '' });
    expect(table.stdout.split('\n').at(-1)).toMatch(/org\.rename\s+organization Research & Development \(damaged: before is not JSON\)$/);

    const json = await roster('audit', '--json', ...since);
    expect(json.status).toBe(0);
    expect((JSON.parse(json.stdout) as unknown[]).at(-1)).toMatchObject({ action: 'org.rename', before: null, damaged: { before: BROKEN } });

    const out = path.join(dir, 'audit.csv');
    expect(await roster('audit', '--out', out, ...since)).toMatchObject({ status: 0, stdout: `Wrote 2 audit events to ${out}.` });
    expect(fs.readFileSync(out, 'utf8')).toContain('"(damaged, not JSON) {""name"": ""Research"", cut off"');

    const verified = await roster('audit', '--verify', '--db', file);
    expect(verified.status).toBe(1);
    expect(verified.stderr).toMatch(/breaks at event #4 \(2026-03-01T10:00:00\.000Z\): it was changed after it was written/);
    // A file past the size checked on opening, written once and read four times: seconds on a busy machine.
  }, 30_000);
});
