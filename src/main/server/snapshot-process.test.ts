import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run';
import { bundleWorker } from '../test-support/bundle-worker';
import { tempDir } from '../test-support/temp-db';
import { startServerProcess, type ServerProcess } from './test-support/server-process';

// `roster snapshot --server` against `roster server` as a real process, its copy made in the built copy worker.

let cli: { script: string; remove: () => void };
beforeAll(async () => {
  cli = await bundleWorker('src/main/cli/main.ts', 'roster-snapshot', {
    'export-worker': 'src/main/server/export-worker.ts',
    'copy-worker': 'src/main/backups/copy-worker.ts',
  });
}, 60_000);
afterAll(() => cli?.remove());

const running: ServerProcess[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await server.exited;
  }
});

async function roster(env: NodeJS.ProcessEnv, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text), env });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function must(env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> {
  const ran = await roster(env, ...args);
  if (ran.status !== 0) throw new Error(`roster ${args.join(' ')}: ${ran.stderr}`);
  return ran.stdout;
}

describe('roster snapshot from a real roster server', () => {
  it('an auditor takes a copy: checked by its sha256, no credential in it, marked as a copy of the server, and the audit log says who', async () => {
    const dir = tempDir();
    const env = { ROSTER_USER_DATA_DIR: path.join(dir, 'data') };
    const db = path.join(dir, 'roster.db');
    await must(env, 'init', '--name', 'Acme', '--seats', '500', '--db', db);
    await must(env, 'orgs', 'add', '--name', 'Platform', '--db', db);
    await must(env, 'admins', 'add', '--email', 'ana@acme.example', '--role', 'owner', '--db', db);
    await must(env, 'admins', 'add', '--email', 'aud@acme.example', '--role', 'auditor', '--db', db);
    const ownerToken = (await must(env, 'admins', 'token', 'create', '--email', 'ana@acme.example', '--name', 'ops', '--db', db)).split('\n').at(-1)!;
    const token = (await must(env, 'admins', 'token', 'create', '--email', 'aud@acme.example', '--name', 'audit', '--role', 'auditor', '--db', db)).split('\n').at(-1)!;
    const scim = JSON.parse(await must(env, 'scim', 'token', 'create', '--name', 'Okta', '--json', '--db', db)) as { token: string };

    const server = await startServerProcess(cli.script, ['--db', db, '--port', '0'], env);
    running.push(server);

    const out = path.join(dir, 'copy.db');
    const taken = await roster(env, 'snapshot', '--out', out, '--json', '--server', server.url, '--token', token);
    expect(taken.stderr).toBe('');
    expect(taken.status).toBe(0);
    const value = JSON.parse(taken.stdout) as { sha256: string; of: string; takenBy: string; takenAt: string };
    expect(value).toMatchObject({ of: '127.0.0.1', takenBy: 'aud@acme.example' });
    const bytes = fs.readFileSync(out);
    expect(value.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    for (const secret of [ownerToken, token, scim.token]) {
      expect(bytes.includes(createHash('sha256').update(secret).digest())).toBe(false);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    // Nothing of the copy is left beside the server's store.
    expect(fs.readdirSync(dir).filter((name) => name.includes('snapshot'))).toEqual([]);

    const orgs = await roster(env, 'orgs', 'list', '--json', '--db', out);
    expect((JSON.parse(orgs.stdout) as { name: string }[]).map((org) => org.name)).toEqual(['Platform']);
    expect(orgs.stderr).toContain('Offline copy of 127.0.0.1, taken');

    // A server serves a live store: started on the copy, it refuses, saying why.
    await expect(startServerProcess(cli.script, ['--db', out, '--port', '0'], env)).rejects.toThrow(/is an offline copy: a Roster server serves a live store/);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const live = new Database(db, { readonly: true });
    try {
      const event = live.prepare("SELECT actor_admin, actor_token, at, after FROM audit_events WHERE action = 'snapshot.take'").get() as Record<string, string> | undefined;
      expect(event).toBeDefined();
      expect(JSON.parse(String(event!.after))).toMatchObject({ sha256: value.sha256, takenBy: 'aud@acme.example' });
      expect(event!.at).toBe(value.takenAt);
      expect(event).toMatchObject({ actor_admin: 'aud@acme.example', actor_token: 'audit' });
    } finally {
      live.close();
    }
  }, 60_000);
});
