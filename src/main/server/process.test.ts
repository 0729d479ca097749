import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run';
import { fixtureFileName, loadDump } from '../db/test-support/fixtures/dump';
import { bundleWorker } from '../test-support/bundle-worker';
import { tempDir } from '../test-support/temp-db';
import { request, startServerProcess, type ServerProcess } from './test-support/server-process';

// `roster server` as a real process: what it prints, what it serves, how it stops.

let cli: { script: string; remove: () => void };
beforeAll(async () => {
  cli = await bundleWorker('src/main/cli/main.ts', 'roster-server', {
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

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** The command line in this process, on the test's own user-data folder; answers its stdout. */
async function rosterOut(env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text), env });
  if (status !== 0) throw new Error(`roster ${args.join(' ')}: ${err.join('\n')}`);
  return out.join('\n');
}

/** Its last line of stdout (where a new API token is printed). */
const roster = async (env: NodeJS.ProcessEnv, ...args: string[]) => (await rosterOut(env, ...args)).split('\n').at(-1)!;

/** A store with an enterprise, an owner with an API token, and a SCIM token. */
async function store() {
  const dir = tempDir();
  const env = { ROSTER_USER_DATA_DIR: path.join(dir, 'data') };
  const db = path.join(dir, 'roster.db');
  await roster(env, 'init', '--name', 'Acme', '--seats', '500', '--db', db);
  await roster(env, 'admins', 'add', '--email', 'ana@acme.example', '--role', 'owner', '--db', db);
  const token = await roster(env, 'admins', 'token', 'create', '--email', 'ana@acme.example', '--name', 'ops', '--db', db);
  const scimToken = JSON.parse(await rosterOut(env, 'scim', 'token', 'create', '--name', 'Okta', '--json', '--db', db)) as { token: string };
  return { dir, env, db, token, scimToken: scimToken.token };
}

async function serve(env: NodeJS.ProcessEnv, ...args: string[]) {
  const server = await startServerProcess(cli.script, args, env);
  running.push(server);
  return server;
}

const invoke = (server: ServerProcess, token: string, channel: string, body?: unknown) =>
  request(`${server.url}/api/invoke/${channel}`, { method: 'POST', token, body }).then((answer) => JSON.parse(answer.body));

describe('roster server, a real process', () => {
  it('says where it serves on its first line, then logs JSON lines with a request id and never the token', async () => {
    const { env, db, token } = await store();
    const server = await serve(env, '--db', db, '--port', '0');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await request(`${server.url}/healthz`)).status).toBe(200);
    expect(await invoke(server, token, 'orgs:list')).toEqual({ ok: true, value: [] });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const logged = server.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.some((line) => typeof line.reqId === 'string')).toBe(true);
    expect(server.lines.join('\n')).not.toContain(token);
  }, 30_000);

  it('takes every option from the environment, and refuses a bad one by name before opening anything', async () => {
    const { env, db } = await store();
    const server = await serve({ ...env, ROSTER_DB: db, ROSTER_PORT: '0', ROSTER_PUBLIC_URL: 'https://roster.acme.example/' });
    expect(server.url).toBe('https://roster.acme.example');
    const out = execFileOrError(cli.script, ['server', '--db', db, '--port', '70000'], env);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('--port must be a whole number from 0 (any free port) to 65535, not "70000"');
    const tls = execFileOrError(cli.script, ['server', '--db', db, '--tls-cert', db], env);
    expect(tls.stderr).toContain('--tls-cert and --tls-key go together');
  }, 30_000);

  it('sees the command line\u2019s changes on the same file within a second, new API tokens included', async () => {
    const { env, db, token } = await store();
    const server = await serve(env, '--db', db, '--port', '0');
    const events = await openEvents(`${server.url}/api/events`, token);
    try {
      await roster(env, 'orgs', 'add', '--name', 'Research', '--db', db);
      const changed = await events.next((message) => message.event === 'changed', 1500);
      expect(changed).toMatchObject({ event: 'changed' });
      expect(await invoke(server, token, 'orgs:list')).toMatchObject({ ok: true, value: [{ name: 'Research' }] });
      await roster(env, 'admins', 'add', '--email', 'bo@acme.example', '--role', 'auditor', '--db', db);
      const auditor = await roster(env, 'admins', 'token', 'create', '--email', 'bo@acme.example', '--name', 'audit', '--db', db);
      expect(await invoke(server, auditor, 'orgs:list')).toMatchObject({ ok: true });
      expect(await invoke(server, auditor, 'orgs:create', { name: 'Nope' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      events.close();
    }
  }, 30_000);

  it('on SIGTERM finishes the SCIM requests in flight: each is answered or not applied, and it exits 0 with the WAL checkpointed', async () => {
    const { env, db, scimToken } = await store();
    const server = await serve(env, '--db', db, '--port', '0');
    const sent = Array.from({ length: 60 }, (_, index) =>
      fetch(`${server.url}/scim/v2/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${scimToken}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify({ schemas: [USER], userName: `user${index}@acme.example`, active: true }),
      }).then(
        (answer) => ({ index, status: answer.status }),
        () => ({ index, status: 0 }),
      ),
    );
    // Stopped once the first is answered, with the rest in flight (or not yet sent), however loaded the machine.
    await new Promise<void>((resolve) => sent.forEach((answer) => void answer.then(({ status }) => status === 201 && resolve())));
    server.child.kill('SIGTERM');
    const answers = await Promise.all(sent);
    expect(await server.exited).toBe(0);
    // It waited for the requests, not for their connections to go idle (kept 65 s for proxies): nothing was cut off at the drain's limit.
    expect(server.lines.join('\n')).toContain('Stopped');
    expect(server.lines.join('\n')).not.toContain('Requests still in flight were cut off');
    expect(fs.statSync(`${db}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
    const check = new Database(db, { readonly: true });
    try {
      const present = new Set(check.prepare('SELECT email FROM accounts').pluck().all() as string[]);
      // Answered (201), or refused as the server closes (503: fastify's answer to a request that comes after close began), or cut off (0).
      expect(answers.filter((answer) => ![201, 503, 0].includes(answer.status))).toEqual([]);
      for (const { index, status } of answers) {
        const email = `user${index}@acme.example`;
        if (status === 201) expect(present.has(email), email).toBe(true);
        else expect(present.has(email), `${email} answered ${status}`).toBe(false);
      }
      expect(answers.some((answer) => answer.status === 201)).toBe(true);
    } finally {
      check.close();
    }
  }, 30_000);

  it('answers SCIM while a report export is open and unread, and the file is the moment the export began', async () => {
    const dir = tempDir();
    const env = { ROSTER_USER_DATA_DIR: path.join(dir, 'data') };
    const db = path.join(dir, 'roster.db');
    await rosterOut(env, 'demo', '--members', '3000', '--db', db);
    await roster(env, 'admins', 'add', '--email', 'ana@acme.example', '--role', 'owner', '--db', db);
    const token = await roster(env, 'admins', 'token', 'create', '--email', 'ana@acme.example', '--name', 'ops', '--db', db);
    const scimToken = (JSON.parse(await rosterOut(env, 'scim', 'token', 'create', '--name', 'Okta', '--json', '--db', db)) as { token: string }).token;
    const server = await serve(env, '--db', db, '--port', '0');

    // The export starts, and its reader takes nothing yet: the server writes what the connection takes, then waits for it.
    const exporting = await fetch(`${server.url}/api/export/report`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(exporting.status).toBe(200);
    const created = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        fetch(`${server.url}/scim/v2/Users`, {
          method: 'POST',
          headers: { authorization: `Bearer ${scimToken}`, 'content-type': 'application/scim+json' },
          body: JSON.stringify({ schemas: [USER], userName: `during${index}@acme.example`, active: true }),
        }).then((answer) => answer.status),
      ),
    );
    expect(created).toEqual([201, 201, 201, 201, 201]);
    // Now the reader takes the file: every member of the moment it began, none of those SCIM added since.
    const csv = await exporting.text();
    expect(csv.split('\n').length).toBeGreaterThan(3000);
    expect(csv).not.toContain('during0@acme.example');
    const report = await fetch(`${server.url}/api/export/report`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(await report.text()).toContain('during0@acme.example');
    // Both were read in the export worker, off the server's thread.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const streamed = server.lines.map((line) => JSON.parse(line) as { msg: string; thread?: string }).filter((line) => line.msg === 'Export streamed');
    expect(streamed.map((line) => line.thread)).toEqual(['worker', 'worker']);

    // A backup on request, made in the copy worker while SCIM goes on writing: a sound, self-contained copy.
    const scimDuring = (index: number) =>
      fetch(`${server.url}/scim/v2/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${scimToken}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify({ schemas: [USER], userName: `backup${index}@acme.example`, active: true }),
      }).then((answer) => answer.status);
    const [backedUp, ...duringBackup] = await Promise.all([invoke(server, token, 'backups:create'), ...Array.from({ length: 5 }, (_, index) => scimDuring(index))]);
    expect(duringBackup).toEqual([201, 201, 201, 201, 201]);
    expect(backedUp).toMatchObject({ ok: true, value: { kind: 'stored', backup: { kind: 'manual' } } });
    const listed = (await invoke(server, token, 'backups:list')) as { value: { folder: string } };
    const copy = new Database(path.join(listed.value.folder, backedUp.value.backup.id), { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.prepare('SELECT count(*) FROM members').pluck().get()).toBeGreaterThanOrEqual(3000);
    } finally {
      copy.close();
    }
  }, 60_000);

  it('serves HTTPS with a certificate made here, with HSTS, and SCIM on the same port', async () => {
    const { dir, env, db, token, scimToken } = await store();
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = await serve(env, '--db', db, '--port', '0', '--tls-cert', cert, '--tls-key', key);
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = fs.readFileSync(cert);
    const health = await request(`${server.url}/healthz`, { ca });
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
    const orgs = await request(`${server.url}/api/invoke/orgs:list`, { method: 'POST', token, ca });
    expect(JSON.parse(orgs.body)).toEqual({ ok: true, value: [] });
    const users = await request(`${server.url}/scim/v2/Users`, { token: scimToken, ca });
    expect(users.status).toBe(200);
    // Without the certificate authority, the client refuses the server.
    await expect(request(`${server.url}/healthz`)).rejects.toThrow();
  }, 30_000);

  it('keeps a copy of a store it is about to upgrade, in the backups folder, before migrating it', async () => {
    const dir = tempDir();
    const env = { ROSTER_USER_DATA_DIR: path.join(dir, 'data') };
    const db = path.join(dir, 'old.db');
    loadDump(db, fs.readFileSync(path.join(__dirname, '../db/test-support/fixtures', fixtureFileName(12)), 'utf8'));
    const server = await serve(env, '--db', db, '--port', '0');
    const backups = fs.readdirSync(path.join(dir, 'data', 'backups'), { recursive: true }).map(String);
    expect(backups.some((name) => /pre-upgrade-\d{4}-\d{2}-\d{2}T[\d-]+\.db$/.test(name))).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 30_000);
});

function execFileOrError(script: string, args: string[], env: NodeJS.ProcessEnv): { status: number; stderr: string } {
  try {
    execFileSync(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stderr: '' };
  } catch (error) {
    const failed = error as { status: number; stderr: Buffer };
    return { status: failed.status, stderr: failed.stderr.toString() };
  }
}

/** The server's event stream, read with fetch; next() waits for a message that matches. */
async function openEvents(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  if (response.status !== 200) throw new Error(`events: ${response.status}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  return {
    async next(matches: (message: { event: string }) => boolean, withinMs: number) {
      const deadline = Date.now() + withinMs;
      for (;;) {
        const frames = buffered.split('\n\n');
        buffered = frames.pop()!;
        for (const frame of frames) {
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (data) {
            const message = JSON.parse(data.slice(6)) as { event: string };
            if (matches(message)) return message;
          }
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event within ${withinMs} ms`);
        const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]);
        if (chunk === null) continue;
        if (chunk.done) throw new Error('the event stream ended');
        buffered += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}
