import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run';
import { bundleWorker } from '../test-support/bundle-worker';
import { startServerProcess, type ServerProcess } from './test-support/server-process';

// The command line against a real `roster server` process: every command group, the same output, JSON and exit codes.

let cli: { script: string; remove: () => void };
let server: ServerProcess;
let dir: string;
let env: NodeJS.ProcessEnv;
let tokens: { owner: string; auditor: string };

/** The command line in this process; answers its exit status and what it printed. */
async function roster(environment: NodeJS.ProcessEnv, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text), env: environment });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** As the owner (`--server` and `--token` after the command), or as whoever `token` is. */
const remote = (token: string, ...args: string[]) => roster(env, ...args, '--server', server.url, '--token', token);
const owner = (...args: string[]) => remote(tokens.owner, ...args);

beforeAll(async () => {
  cli = await bundleWorker('src/main/cli/main.ts', 'roster-remote');
  // Its own folder for the whole file (the temp-db helper empties its folders after each test).
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-remote-'));
  env = { ROSTER_USER_DATA_DIR: path.join(dir, 'data') };
  const db = path.join(dir, 'roster.db');
  const local = async (...args: string[]) => {
    const done = await roster(env, ...args, '--db', db);
    if (done.status !== 0) throw new Error(done.stderr);
    return done.stdout.split('\n').at(-1)!;
  };
  await local('init', '--name', 'Acme', '--seats', '20');
  await local('admins', 'add', '--email', 'ana@acme.example', '--role', 'owner');
  await local('admins', 'add', '--email', 'bo@acme.example', '--role', 'auditor');
  tokens = {
    owner: await local('admins', 'token', 'create', '--email', 'ana@acme.example', '--name', 'cli'),
    auditor: await local('admins', 'token', 'create', '--email', 'bo@acme.example', '--name', 'cli'),
  };
  server = await startServerProcess(cli.script, ['--db', db, '--port', '0'], env);
}, 60_000);

afterAll(async () => {
  if (server?.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  cli?.remove();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('roster --server URL --token T, against a real server', () => {
  it('runs the organizations, teams, members, seats, invitations and access commands, with the same output and JSON as on a file', async () => {
    expect(await owner('orgs', 'add', '--name', 'Research')).toMatchObject({ status: 0, stdout: expect.stringContaining('Research') });
    // The options naming the server may stand before the command too.
    const listed = await roster(env, '--server', server.url, '--token', tokens.owner, 'orgs', 'list', '--json');
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ name: 'Research' }]);
    expect((await owner('teams', 'add', '--name', 'Developers')).status).toBe(0);
    expect((await owner('teams', 'link', '--team', 'Developers', '--org', 'Research')).status).toBe(0);
    expect((await owner('members', 'add', '--email', 'cy@acme.example')).status).toBe(0);
    expect((await owner('teams', 'members', 'add', '--team', 'Developers', '--email', 'cy@acme.example')).status).toBe(0);
    expect(await owner('access', '--email', 'cy@acme.example')).toMatchObject({ status: 0, stdout: expect.stringContaining('Research') });
    expect(JSON.parse((await owner('seats', '--json')).stdout)).toMatchObject({ seats: 20, members: 1 });
    expect((await owner('invite', '--email', 'di@acme.example')).status).toBe(0);
    expect((await owner('invitations', 'list')).stdout).toContain('di@acme.example');
    expect(JSON.parse((await owner('members', 'list', '--json')).stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ email: 'cy@acme.example' })]));
  });

  it('runs domains, SCIM tokens, admins, the audit log and the database check', async () => {
    expect((await owner('domains', 'add', '--domain', 'acme.example')).status).toBe(0);
    expect((await owner('domains', 'list')).stdout).toContain('acme.example');
    const created = await owner('scim', 'token', 'create', '--name', 'Okta', '--json');
    expect(JSON.parse(created.stdout)).toMatchObject({ name: 'Okta', token: expect.any(String) });
    expect((await owner('scim', 'token', 'revoke', '--name', 'okta')).stdout).toBe('Revoked token "Okta": requests with it are refused from now on.');
    const audit = await owner('audit', '--json');
    const actions = (JSON.parse(audit.stdout) as { action: string; actor: { admin?: string; token?: string } }[]).filter((event) => event.action === 'org.create');
    expect(actions).toMatchObject([{ actor: { admin: 'ana@acme.example', token: 'cli' } }]);
    expect(await owner('audit', '--verify')).toMatchObject({ status: 0 });
    expect(JSON.parse((await owner('admins', 'list', '--json')).stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ email: 'bo@acme.example', role: 'auditor' })]));
    expect(await remote(tokens.auditor, 'admins', 'add', '--email', 'eve@acme.example', '--role', 'owner')).toMatchObject({ status: 1, stderr: expect.stringContaining('auditor') });
    expect(await owner('check')).toMatchObject({ status: 0, stdout: expect.stringContaining(server.url) });
  });

  it('streams the report and the audit log to this computer\u2019s disk, and imports an event file from it', async () => {
    const events = path.join(dir, 'events.ndjson');
    fs.writeFileSync(events, `${JSON.stringify({ type: 'open', email: 'cy@acme.example', at: new Date().toISOString() })}\n{"broken\n`);
    const imported = await owner('import', events);
    // One line rejected: exit 1, as on a file.
    expect(imported.status).toBe(1);
    expect(imported.stdout).toContain('events.ndjson');

    const report = path.join(dir, 'out', 'report.csv');
    fs.mkdirSync(path.dirname(report));
    const written = await remote(tokens.auditor, 'report', '--out', report);
    expect(written).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Wrote 1 member to .*report\.csv \(as of /) });
    const csv = fs.readFileSync(report, 'utf8');
    expect(csv).toContain('cy@acme.example');
    expect(csv.split('\n')[0]).toMatch(/Last Active/);

    const auditFile = path.join(dir, 'out', 'audit.csv');
    const audit = await remote(tokens.auditor, 'audit', '--out', auditFile, '--json');
    expect(JSON.parse(audit.stdout)).toMatchObject({ path: auditFile, events: expect.any(Number) });
    expect(fs.readFileSync(auditFile, 'utf8')).toContain('org.create');
    expect(fs.readdirSync(path.dirname(report)).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('refuses with exit 1 and the reason on stderr: a role that may not, a bad token, a command that needs the file', async () => {
    const auditorWrite = await remote(tokens.auditor, 'orgs', 'add', '--name', 'Nope');
    expect(auditorWrite).toMatchObject({ status: 1, stderr: expect.stringContaining('acts as an auditor') });
    const bad = await remote('roster_api_wrong', 'orgs', 'list', '--json');
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(bad.stdout).toBe('');
    const serve = await owner('scim', 'serve');
    expect(serve).toMatchObject({ status: 1, stderr: expect.stringContaining("run it on the server's machine with --db FILE") });
    const restore = await owner('restore', '--from', 'x.db');
    expect(restore.status).toBe(1);
  });

  it('says bad usage (exit 2) for a server without a token or beside --db, and names a server it cannot reach', async () => {
    expect(await roster(env, 'orgs', 'list', '--server', server.url)).toMatchObject({ status: 2, stderr: expect.stringContaining('--server needs a sign-in: run "roster login --server') });
    expect(await roster(env, 'orgs', 'list', '--server', server.url, '--token', 't', '--db', 'x.db')).toMatchObject({ status: 2 });
    const nowhere = await roster(env, 'orgs', 'list', '--server', 'http://127.0.0.1:1', '--token', tokens.owner);
    expect(nowhere).toMatchObject({ status: 1, stderr: 'roster: Roster cannot reach the server at http://127.0.0.1:1: nothing answers there (is roster server running?).' });
    // From the environment, in a real process of the command line.
    const fromEnv = await new Promise<{ code: number | null; stdout: string }>((resolve) =>
      execFile(process.execPath, [cli.script, 'orgs', 'list', '--json'], { env: { ...process.env, ...env, ROSTER_SERVER: server.url, ROSTER_TOKEN: tokens.auditor } }, (error, stdout) =>
        resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, stdout }),
      ),
    );
    expect(fromEnv.code).toBe(0);
    expect(JSON.parse(fromEnv.stdout)).toMatchObject([{ name: 'Research' }]);
  });
});
