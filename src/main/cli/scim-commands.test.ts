import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { runCli } from './run';
import { roster } from './test-support/cli';

async function enterprise() {
  const db = path.join(tempDir(), 'roster.db');
  expect((await roster('init', '--name', 'Acme', '--seats', '10', '--db', db)).status).toBe(0);
  return db;
}

/** Starts `roster scim serve` and resolves once its first line is out; stop() ends it as Ctrl+C would. */
function serve(...args: string[]) {
  const controller = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  let announce: (line: string) => void;
  const firstLine = new Promise<string>((resolve) => (announce = resolve));
  const done = runCli(['scim', 'serve', ...args], {
    out: (text) => {
      out.push(text);
      if (out.length === 1) announce(text);
    },
    err: (text) => err.push(text),
    env: {},
    signal: controller.signal,
  });
  void done.then(() => announce(''));
  return {
    firstLine,
    out,
    err,
    async stop() {
      controller.abort();
      return done;
    },
  };
}

describe('roster scim token', () => {
  it('creates a token, prints it once with a warning, and --json gives name, token and expiry', async () => {
    const db = await enterprise();
    const created = await roster('scim', 'token', 'create', '--name', 'Okta', '--db', db);
    expect(created.status).toBe(0);
    const lines = created.stdout.split('\n');
    expect(lines[0]).toBe('Created token "Okta"; it never expires.');
    expect(lines[2]).toMatch(/^roster_scim_[\w-]{43}$/);
    expect(created.stdout).toContain('This is the only time the token is shown');

    const json = await roster('scim', 'token', 'create', '--name', 'Entra', '--expires-days', '30', '--json', '--db', db);
    expect(json.status).toBe(0);
    const value = JSON.parse(json.stdout) as { name: string; token: string; expiresAt: string };
    expect(value).toMatchObject({ name: 'Entra', token: expect.stringMatching(/^roster_scim_/) });
    expect(Date.parse(value.expiresAt) - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    expect(value.token).not.toBe(lines[2]);
  });

  it('refuses a name already taken (any case) and an expiry out of range, creating nothing', async () => {
    const db = await enterprise();
    expect((await roster('scim', 'token', 'create', '--name', 'Okta', '--db', db)).status).toBe(0);
    const taken = await roster('scim', 'token', 'create', '--name', 'OKTA', '--db', db);
    expect(taken).toMatchObject({ status: 1, stderr: 'roster: There is a token named OKTA already; give this one another name.' });
    const tooLong = await roster('scim', 'token', 'create', '--name', 'Later', '--expires-days', '5000', '--db', db);
    expect(tooLong.status).toBe(1);
    expect(tooLong.stderr).toMatch(/at most 3650 days/);
    expect((await roster('scim', 'token', 'create', '--name', 'Later', '--expires-days', 'soon', '--db', db)).status).toBe(2);
    expect((await roster('scim', 'token', 'list', '--db', db)).stdout.split('\n')).toHaveLength(2);
  });

  it('lists tokens with status, created, last used and expiry, and revokes one by name', async () => {
    const db = await enterprise();
    expect((await roster('scim', 'token', 'list', '--db', db)).stdout).toBe('No SCIM tokens yet. Create one with: roster scim token create --name NAME');
    await roster('scim', 'token', 'create', '--name', 'Okta', '--db', db);
    await roster('scim', 'token', 'create', '--name', 'Soon', '--expires-days', '3', '--db', db);
    const today = new Date().toISOString().slice(0, 10);

    const list = await roster('scim', 'token', 'list', '--db', db);
    expect(list.status).toBe(0);
    const rows = list.stdout.split('\n');
    expect(rows[0]).toMatch(/^NAME\s+STATUS\s+CREATED\s+LAST USED\s+EXPIRES$/);
    expect(rows[1]).toMatch(new RegExp(`^Okta\\s+valid\\s+${today}\\s+never\\s+never$`));
    expect(rows[2]).toMatch(new RegExp(`^Soon\\s+expiring soon\\s+${today}\\s+never\\s+\\d{4}-\\d\\d-\\d\\d$`));

    const revoked = await roster('scim', 'token', 'revoke', '--name', 'okta', '--db', db);
    expect(revoked).toMatchObject({ status: 0, stdout: 'Revoked token "Okta": requests with it are refused from now on.' });
    const again = await roster('scim', 'token', 'revoke', '--name', 'Okta', '--db', db);
    expect(again).toMatchObject({ status: 0, stdout: `Token "Okta" was already revoked (${today}).` });
    expect((await roster('scim', 'token', 'revoke', '--name', 'Nobody', '--db', db))).toMatchObject({ status: 1, stderr: 'roster: There is no token named Nobody.' });

    const json = JSON.parse((await roster('scim', 'token', 'list', '--json', '--db', db)).stdout) as { name: string; status: string }[];
    expect(json.map(({ name, status }) => ({ name, status }))).toEqual([
      { name: 'Soon', status: 'expiringSoon' },
      { name: 'Okta', status: 'revoked' },
    ]);
    expect(JSON.stringify(json)).not.toContain('roster_scim_');
  });
});

describe('roster scim serve', () => {
  it('prints the base URL first, serves with a token, refuses without one, and stops cleanly', async () => {
    const db = await enterprise();
    const { token } = JSON.parse((await roster('scim', 'token', 'create', '--name', 'Okta', '--json', '--db', db)).stdout) as { token: string };
    const server = serve('--port', '0', '--db', db);
    const line = await server.firstLine;
    expect(line).toMatch(/^SCIM 2\.0 at http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    const base = line.slice('SCIM 2.0 at '.length);

    const config = await fetch(`${base}/ServiceProviderConfig`, { headers: { authorization: `Bearer ${token}` } });
    expect(config.status).toBe(200);
    expect(config.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect((await fetch(`${base}/ServiceProviderConfig`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);

    expect(await server.stop()).toBe(0);
    expect(server.out).toHaveLength(1);
    expect(server.err.at(-1)).toBe('Stopped the SCIM server.');
    await expect(fetch(`${base}/ServiceProviderConfig`)).rejects.toThrow();

    const listed = JSON.parse((await roster('scim', 'token', 'list', '--json', '--db', db)).stdout) as { lastUsedAt: string | null }[];
    expect(listed[0]!.lastUsedAt).not.toBeNull();
  });

  it('says so when no token is valid, and refuses a port that is taken or out of range', async () => {
    const db = await enterprise();
    const first = serve('--port', '0', '--db', db);
    const line = await first.firstLine;
    expect(first.err[0]).toMatch(/^No valid token yet/);
    const port = new URL(line.slice('SCIM 2.0 at '.length)).port;

    const taken = await roster('scim', 'serve', '--port', port, '--db', db);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toBe(`roster: Port ${port} on 127.0.0.1 is in use by another program; choose another port, or 0 for any free one.`);
    expect(await first.stop()).toBe(0);

    const range = await roster('scim', 'serve', '--port', '70000', '--db', db);
    expect(range).toMatchObject({ status: 2, stderr: 'roster: --port must be 0 (any free port) to 65535, not 70000' });
  });
});
