import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { passwordMatches } from '../admins/password';
import { tempDir } from '../test-support/temp-db';
import { runCli } from './run';

/** The command line with `input` on its standard input. */
async function rosterWithInput(input: string | null, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text), env: {}, ...(input === null ? {} : { readStdin: async () => input }) });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

function stored(db: string, email: string): { password_hash: string | null; after: string } {
  const file = new Database(db, { readonly: true });
  try {
    return file
      .prepare("SELECT a.password_hash, e.after FROM admins a JOIN audit_events e ON e.action = 'admin.add' AND e.target_id = CAST(a.id AS TEXT) WHERE a.email = ?")
      .get(email) as { password_hash: string | null; after: string };
  } finally {
    file.close();
  }
}

describe('roster admins add --password-stdin', () => {
  it('keeps only an argon2id hash of the first line of standard input, and the audit log says a password was set, never which', async () => {
    const db = path.join(tempDir(), 'roster.db');
    expect((await rosterWithInput(null, 'init', '--name', 'Acme', '--seats', '10', '--db', db)).status).toBe(0);
    const added = await rosterWithInput('correct horse battery staple\n', 'admins', 'add', '--email', 'ana@acme.example', '--role', 'owner', '--password-stdin', '--db', db);
    expect(added).toMatchObject({ status: 0, stdout: 'Added ana@acme.example as owner.' });
    const row = stored(db, 'ana@acme.example');
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await passwordMatches(row.password_hash!, 'correct horse battery staple')).toBe(true);
    expect(await passwordMatches(row.password_hash!, 'correct horse battery staple\n')).toBe(false);
    expect(JSON.parse(row.after)).toMatchObject({ password: 'set' });
    expect(row.after).not.toContain('horse');

    // Without the option, no password.
    expect((await rosterWithInput(null, 'admins', 'add', '--email', 'bo@acme.example', '--role', 'auditor', '--db', db)).status).toBe(0);
    expect(stored(db, 'bo@acme.example').password_hash).toBeNull();
  });

  it('refuses a short password by its rule, and adds nobody', async () => {
    const db = path.join(tempDir(), 'roster.db');
    expect((await rosterWithInput(null, 'init', '--name', 'Acme', '--seats', '10', '--db', db)).status).toBe(0);
    const short = await rosterWithInput('hunter2\n', 'admins', 'add', '--email', 'ana@acme.example', '--role', 'owner', '--password-stdin', '--db', db);
    expect(short).toMatchObject({ status: 1, stderr: 'roster: A password is at least 12 characters (password).' });
    expect((await rosterWithInput(null, 'admins', 'list', '--json', '--db', db)).stdout).toBe('[]');
    const none = await rosterWithInput(null, 'admins', 'add', '--email', 'ana@acme.example', '--role', 'owner', '--password-stdin', '--db', db);
    expect(none).toMatchObject({ status: 1, stderr: 'roster: There is no standard input to read the password from.' });
  });
});
