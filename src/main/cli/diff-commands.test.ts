import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiffResult } from '@shared/schemas/diff';
import { knownChanges } from '../diff/test-support/known-changes';
import { addMembers, value } from '../test-support/seats-helpers';
import { tempDir } from '../test-support/temp-db';
import { roster } from './test-support/cli';

describe('roster diff', () => {
  it('prints the seats and each section with its changes', async () => {
    const { oldFile, newFile } = await knownChanges();
    const { status, stdout, stderr } = await roster('diff', '--from', oldFile, '--to', newFile);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`From OLD ${oldFile} (Acme, as of 2026-03-01T09:00:00.000Z)`);
    expect(lines).toContain('  total seats     10       12       +2');
    expect(lines).toContain('  seats in use     6        5       -1');
    expect(lines).toContain('  free seats       4        7       +3');
    expect(lines).toContain('Members: 1 left, 2 joined');
    expect(lines).toContain('  joined             dee@acme.com: Invitation');
    expect(lines).toContain('  raised             ana@acme.com · Engineering: member (through Dev) → admin (through Dev)');
    expect(lines).toContain('  lost               cy@acme.com · Engineering: was member (direct)');
    expect(lines).toContain('Organizations: 1 created');
    expect(lines).toContain('  capture            acme.com: off → on');
  });

  it('caps a long section with "and N more"', async () => {
    const { oldFile, core } = await knownChanges();
    value(await core.invoke('seats:set', { seats: 40 }));
    await addMembers(core, ...Array.from({ length: 23 }, (_, n) => `p${String(n).padStart(2, '0')}@acme.com`));
    const many = path.join(tempDir(), 'many.roster');
    core.db.prepare('VACUUM INTO ?').run(many);
    const { stdout } = await roster('diff', '--from', oldFile, '--to', many);
    const lines = stdout.split('\n');
    expect(lines).toContain('Members: 1 left, 25 joined');
    expect(lines).toContain('  and 6 more');
    expect(lines.filter((line) => line.startsWith('  joined ')).length).toBe(19);
  });

  it('--json gives the whole structure', async () => {
    const { oldFile, newFile } = await knownChanges();
    const { status, stdout } = await roster('diff', '--from', oldFile, '--to', newFile, '--json');
    expect(status).toBe(0);
    const diff = JSON.parse(stdout) as DiffResult;
    expect(diff.seats.new).toEqual({ total: 12, inUse: 5, free: 7, members: 4, pendingInvitations: 1 });
    expect(diff.sections.map((section) => [section.id, section.total])).toEqual([
      ['members', 3],
      ['seatSources', 1],
      ['teamMembers', 2],
      ['orgAccess', 5],
      ['teams', 4],
      ['organizations', 1],
      ['invitations', 4],
      ['domains', 1],
      ['scimTokens', 2],
    ]);
  });

  it('--out writes one CSV row per change, formula-safe', async () => {
    const { oldFile, newFile } = await knownChanges();
    const out = path.join(tempDir(), 'changes.csv');
    const { status, stdout } = await roster('diff', '--from', oldFile, '--to', newFile, '--out', out);
    expect(status).toBe(0);
    const csv = fs.readFileSync(out, 'utf8');
    const rows = csv.trimEnd().split('\r\n');
    expect(stdout).toBe(`Wrote ${rows.length - 1} changes to ${out}.`);
    expect(rows[0]).toBe('section,kind,subject,detail,old,new');
    // A cell a spreadsheet would run as a formula stays text.
    expect(rows).toContain("Seats,changed,total seats,'+2,10,12");
    expect(rows).toContain("Seats,changed,seats in use,'-1,6,5");
    expect(rows).toContain('Organization access,gained,ana@acme.com,Product,,admin (through Dev)');
    expect(rows).toContain('Invitations,expired,eve@acme.com,member,pending,expired');
    expect(rows).toContain('SCIM tokens,revoked,legacy,,active,revoked');
    expect(rows).toHaveLength(1 + 5 + 23);
  });

  it('without --to, compares with the live store (--db) as of now', async () => {
    const { oldFile, liveFile } = await knownChanges();
    const { status, stdout } = await roster('diff', '--from', oldFile, '--db', liveFile, '--json');
    expect(status).toBe(0);
    const diff = JSON.parse(stdout) as DiffResult;
    expect(diff.to.label).toBe(liveFile);
    // Now is long after hal's invitation expired (2026-05-01).
    expect(diff.seats.new.pendingInvitations).toBe(0);
  });

  it('refuses an unusable file with exit 1, and bad usage with exit 2', async () => {
    const { oldFile } = await knownChanges();
    const text = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(text, 'x'.repeat(200));
    const refused = await roster('diff', '--from', text, '--to', oldFile);
    expect(refused).toMatchObject({ status: 1, stdout: '' });
    expect(refused.stderr).toBe(`roster: OLD (${text}) is not a Roster database (it is not a SQLite file at all).`);
    const json = await roster('diff', '--from', text, '--to', oldFile, '--json');
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'DATABASE_UNUSABLE' } });

    expect((await roster('diff', '--to', oldFile)).status).toBe(2);
    expect((await roster('diff', '--from', oldFile, '--to', oldFile, '--bom')).stderr).toContain('--bom needs --out FILE');
    const both = await roster('diff', '--from', oldFile, '--to', oldFile, '--db', oldFile);
    expect(both.status).toBe(2);
    const remote = await roster('diff', '--from', oldFile, '--server', 'https://roster.example.com', '--token', 't');
    expect(remote.status).toBe(2);
    expect(remote.stderr).toContain('roster diff compares files on this computer');
  });
});
