import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { roster } from './test-support/cli';

/** A local store with an org and an owner holding an API token. */
async function store() {
  const dir = tempDir();
  const db = path.join(dir, 'acme.db');
  expect((await roster('init', '--name', 'Acme', '--seats', '50', '--db', db)).status).toBe(0);
  expect((await roster('orgs', 'add', '--name', 'Platform', '--db', db)).status).toBe(0);
  expect((await roster('admins', 'add', '--email', 'ana@acme.example', '--role', 'owner', '--db', db)).status).toBe(0);
  const token = (await roster('admins', 'token', 'create', '--email', 'ana@acme.example', '--name', 'ops', '--db', db)).stdout.split('\n').at(-1)!;
  return { dir, db, token };
}

describe('roster snapshot on a local store', () => {
  it('writes a copy with its sha256, records it in the audit log, and the copy reads like any store', async () => {
    const { dir, db, token } = await store();
    const out = path.join(dir, 'copy.db');
    const taken = await roster('snapshot', '--out', out, '--json', '--db', db);
    expect(taken.status).toBe(0);
    const value = JSON.parse(taken.stdout) as { path: string; sha256: string; of: string; takenBy: string };
    expect(value).toMatchObject({ path: out, of: 'acme.db' });
    expect(value.sha256).toBe(createHash('sha256').update(fs.readFileSync(out)).digest('hex'));
    const tokenHash = createHash('sha256').update(token).digest();
    expect(fs.readFileSync(out).includes(tokenHash)).toBe(false);

    const audit = await roster('audit', '--json', '--db', db);
    expect(audit.stdout).toContain('snapshot.take');
    expect(audit.stdout).toContain(value.sha256);

    // On the copy: the same commands answer, JSON stays on stdout, and stderr says it is a copy.
    const orgs = await roster('orgs', 'list', '--json', '--db', out);
    expect(orgs.status).toBe(0);
    expect((JSON.parse(orgs.stdout) as { name: string }[]).map((org) => org.name)).toEqual(['Platform']);
    expect(orgs.stderr).toMatch(/^roster: Offline copy of acme\.db, taken \d{4}-\d\d-\d\d \d\d:\d\d UTC by .+; it can be read, not changed\.$/);
  });

  it('refuses a change on a copy with exit 1, saying it is a copy, and leaves the file as it was', async () => {
    const { dir, db } = await store();
    const out = path.join(dir, 'copy.db');
    expect((await roster('snapshot', '--out', out, '--db', db)).status).toBe(0);
    const before = fs.readFileSync(out);
    const refused = await roster('orgs', 'add', '--name', 'Data', '--db', out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('This is an offline copy of acme.db');
    expect(refused.stderr).toContain('it can be read and exported, not changed');
    expect(fs.readFileSync(out).equals(before)).toBe(true);
    expect(fs.existsSync(`${out}-wal`) || fs.existsSync(`${out}-shm`)).toBe(false);
  });

  it('refuses an event import on a copy (which reaches the importer without dispatch), the file as it was', async () => {
    const { dir, db } = await store();
    const out = path.join(dir, 'copy.db');
    expect((await roster('snapshot', '--out', out, '--db', db)).status).toBe(0);
    const events = path.join(dir, 'events.ndjson');
    fs.writeFileSync(events, '{"type":"login","email":"ana@acme.example","at":"2026-12-01T10:00:00Z"}\n');
    const before = fs.readFileSync(out);
    const refused = await roster('import', events, '--db', out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('This is an offline copy of acme.db');
    expect(fs.readFileSync(out).equals(before)).toBe(true);
  });

  it('does not copy a copy', async () => {
    const { dir, db } = await store();
    const out = path.join(dir, 'copy.db');
    expect((await roster('snapshot', '--out', out, '--db', db)).status).toBe(0);
    const again = await roster('snapshot', '--out', path.join(dir, 'again.db'), '--db', out);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('is an offline copy of acme.db already');
    expect(fs.existsSync(path.join(dir, 'again.db'))).toBe(false);
  });
});

describe('roster restore from an offline copy', () => {
  it('is refused, saying it is a copy and not a backup, and the store is unchanged', async () => {
    const { dir, db } = await store();
    const out = path.join(dir, 'copy.db');
    expect((await roster('snapshot', '--out', out, '--db', db)).status).toBe(0);
    expect((await roster('orgs', 'add', '--name', 'Data', '--db', db)).status).toBe(0);
    const refused = await roster('restore', '--from', out, '--db', db);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${out} is an offline copy of acme.db, not a backup`);
    const orgs = await roster('orgs', 'list', '--json', '--db', db);
    expect((JSON.parse(orgs.stdout) as { name: string }[]).map((org) => org.name).sort()).toEqual(['Data', 'Platform']);
    expect(orgs.stderr).toBe('');
  });
});

describe('restoring over an offline copy', () => {
  it('is refused: a copy is never changed', async () => {
    const { dir, db } = await store();
    const out = path.join(dir, 'copy.db');
    const backup = path.join(dir, 'backup.db');
    expect((await roster('snapshot', '--out', out, '--db', db)).status).toBe(0);
    expect((await roster('backup', '--out', backup, '--db', db)).status).toBe(0);
    const before = fs.readFileSync(out);
    const refused = await roster('restore', '--from', backup, '--db', out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('This is an offline copy of acme.db');
    expect(fs.readFileSync(out).equals(before)).toBe(true);
  });
});

describe('serving an offline copy', () => {
  it('roster scim serve refuses a copy: an identity provider’s changes could not be kept', async () => {
    const { dir, db } = await store();
    const out = path.join(dir, 'copy.db');
    expect((await roster('snapshot', '--out', out, '--db', db)).status).toBe(0);
    const refused = await roster('scim', 'serve', '--port', '0', '--db', out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('This is an offline copy of acme.db');
  });
});
