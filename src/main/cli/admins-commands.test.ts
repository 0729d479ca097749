import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { roster } from './test-support/cli';

async function store() {
  const db = path.join(tempDir(), 'roster.db');
  expect((await roster('init', '--name', 'Acme', '--seats', '10', '--db', db)).status).toBe(0);
  return db;
}

/** The audit log's actions and actors, read straight from the file. */
function auditActions(db: string): { action: string; actor_type: string }[] {
  const file = new Database(db, { readonly: true });
  try {
    return file.prepare("SELECT action, actor_type FROM audit_events WHERE action LIKE 'admin.%' ORDER BY id").all() as { action: string; actor_type: string }[];
  } finally {
    file.close();
  }
}

describe('roster admins', () => {
  it('adds, lists, changes the role of and removes admins; --json prints only JSON', async () => {
    const db = await store();
    expect(await roster('admins', 'list', '--db', db)).toMatchObject({ status: 0, stdout: expect.stringContaining('No admins yet') });
    expect(await roster('admins', 'add', '--email', 'Ana@Example.com', '--role', 'owner', '--name', 'Ana Ruiz', '--db', db)).toMatchObject({
      status: 0,
      stdout: 'Added Ana@example.com as owner.',
    });
    expect((await roster('admins', 'add', '--email', 'bo@example.com', '--role', 'auditor', '--db', db)).status).toBe(0);

    const listed = await roster('admins', 'list', '--db', db);
    expect(listed.stdout.split('\n')[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+ADDED$/);
    expect(listed.stdout).toMatch(/Ana@example\.com\s+Ana Ruiz\s+owner/);

    expect(await roster('admins', 'role', '--email', 'BO@example.com', '--role', 'admin', '--db', db)).toMatchObject({ status: 0, stdout: 'bo@example.com is admin now.' });
    const json = await roster('admins', 'list', '--json', '--db', db);
    expect(json.stderr).toBe('');
    expect((JSON.parse(json.stdout) as { email: string; role: string }[]).map((admin) => [admin.email, admin.role])).toEqual([
      ['Ana@example.com', 'owner'],
      ['bo@example.com', 'admin'],
    ]);

    expect(await roster('admins', 'remove', '--email', 'bo@example.com', '--db', db)).toMatchObject({ status: 0, stdout: 'Removed bo@example.com; they held no API token.' });
    expect(auditActions(db)).toEqual(['admin.add', 'admin.add', 'admin.role', 'admin.remove'].map((action) => ({ action, actor_type: 'cli' })));
  });

  it('refuses (exit 1) the last owner removed or demoted, a taken address and an unknown one; bad usage is exit 2', async () => {
    const db = await store();
    await roster('admins', 'add', '--email', 'ana@example.com', '--role', 'owner', '--db', db);
    const demote = await roster('admins', 'role', '--email', 'ana@example.com', '--role', 'auditor', '--db', db);
    expect(demote).toMatchObject({ status: 1, stdout: '' });
    expect(demote.stderr).toContain('last owner');
    expect((await roster('admins', 'remove', '--email', 'ana@example.com', '--db', db)).status).toBe(1);
    expect((await roster('admins', 'add', '--email', 'ANA@example.com', '--role', 'admin', '--db', db)).status).toBe(1);
    const unknown = await roster('admins', 'remove', '--email', 'nobody@example.com', '--json', '--db', db);
    expect(unknown.status).toBe(1);
    expect(JSON.parse(unknown.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });

    expect((await roster('admins', 'add', '--email', 'cy@example.com', '--role', 'king', '--db', db)).status).toBe(2);
    expect((await roster('admins', 'add', '--email', 'cy@example.com', '--db', db)).status).toBe(2);
    expect((await roster('admins', 'token', 'create', '--email', 'ana@example.com', '--name', 'x', '--expires-days', 'soon', '--db', db)).status).toBe(2);
    expect((await roster('admins', 'add', '--email', 'cy@example.com', '--role', 'owner', '--password', 'hunter2hunter2', '--db', db)).status).toBe(2);
  });
});

describe('roster admins token', () => {
  it('prints a new token once, as the last line, and lists tokens without it', async () => {
    const db = await store();
    await roster('admins', 'add', '--email', 'ana@example.com', '--role', 'owner', '--db', db);
    const created = await roster('admins', 'token', 'create', '--email', 'ana@example.com', '--name', 'ci', '--role', 'auditor', '--db', db);
    expect(created.status).toBe(0);
    const lines = created.stdout.split('\n');
    const secret = lines[lines.length - 1]!;
    expect(secret).toMatch(/^roster_api_[\w-]{43}$/);
    expect(lines[0]).toMatch(/^Created API token "ci" for ana@example\.com \(auditor\); it expires \d{4}-/);

    const json = await roster('admins', 'token', 'create', '--email', 'ana@example.com', '--name', 'deploy', '--expires-days', '7', '--json', '--db', db);
    const value = JSON.parse(json.stdout) as { name: string; admin: string; role: string; expiresAt: string; token: string };
    expect(value).toMatchObject({ name: 'deploy', admin: 'ana@example.com', role: 'owner', token: expect.stringMatching(/^roster_api_/) });
    expect(Date.parse(value.expiresAt) - Date.now()).toBeGreaterThan(6 * 24 * 3600 * 1000);
    expect(Date.parse(value.expiresAt) - Date.now()).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);

    const listed = await roster('admins', 'token', 'list', '--db', db);
    expect(listed.stdout.split('\n')[0]).toMatch(/^NAME\s+ADMIN\s+ROLE\s+STATUS\s+CREATED\s+LAST USED\s+EXPIRES$/);
    expect(listed.stdout).toMatch(/ci\s+ana@example\.com\s+auditor\s+valid\s+\S+\s+never/);
    expect(listed.stdout).not.toContain(secret);
    const listedJson = await roster('admins', 'token', 'list', '--json', '--db', db);
    expect(listedJson.stdout).not.toContain('roster_api_');
    expect((JSON.parse(listedJson.stdout) as { name: string }[]).map((token) => token.name)).toEqual(['ci', 'deploy']);
  });

  it('refuses a role above the admin’s and a taken name; revokes by admin and name, and with the admin', async () => {
    const db = await store();
    await roster('admins', 'add', '--email', 'ana@example.com', '--role', 'owner', '--db', db);
    await roster('admins', 'add', '--email', 'bo@example.com', '--role', 'admin', '--db', db);
    const above = await roster('admins', 'token', 'create', '--email', 'bo@example.com', '--name', 'ci', '--role', 'owner', '--db', db);
    expect(above).toMatchObject({ status: 1, stdout: '' });
    expect(above.stderr).toContain('at most admin');
    expect((await roster('admins', 'token', 'create', '--email', 'bo@example.com', '--name', 'ci', '--db', db)).status).toBe(0);
    expect((await roster('admins', 'token', 'create', '--email', 'bo@example.com', '--name', 'CI', '--db', db)).status).toBe(1);
    expect((await roster('admins', 'token', 'create', '--email', 'bo@example.com', '--name', 'nightly', '--db', db)).status).toBe(0);

    expect(await roster('admins', 'token', 'revoke', '--email', 'bo@example.com', '--name', 'ci', '--db', db)).toMatchObject({
      status: 0,
      stdout: 'Revoked API token "ci" of bo@example.com: requests with it are refused from now on.',
    });
    expect((await roster('admins', 'token', 'revoke', '--email', 'bo@example.com', '--name', 'ci', '--db', db)).stdout).toContain('was already revoked');
    expect((await roster('admins', 'token', 'revoke', '--email', 'bo@example.com', '--name', 'nope', '--db', db)).status).toBe(1);

    expect(await roster('admins', 'remove', '--email', 'bo@example.com', '--db', db)).toMatchObject({
      status: 0,
      stdout: 'Removed bo@example.com and revoked their 1 API token: nightly.',
    });
    const tokens = JSON.parse((await roster('admins', 'token', 'list', '--json', '--db', db)).stdout) as { name: string; status: string }[];
    expect(tokens.map((token) => [token.name, token.status])).toEqual([
      ['ci', 'revoked'],
      ['nightly', 'revoked'],
    ]);
  });
});
