import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run';
import { tempDir } from '../test-support/temp-db';
import { consoleServer } from './test-support/console-sign-in';
import { csrfField } from './test-support/native-flow';

/** The server listening on 127.0.0.1, with the admin's console session: the cookie of the browser that signs in. */
async function listeningServer() {
  const fixture = await consoleServer();
  await fixture.app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(fixture.app.server.address() as AddressInfo).port}`;
  const { cookie } = await fixture.session('admin');

  /** What the admin's browser does with the address: the confirmation, Allow, and back to the command line's listener. */
  async function browse(url: string) {
    const get = (address: string) => fetch(new URL(address, origin), { redirect: 'manual', headers: { cookie } });
    const consent = (await get(url)).headers.get('location')!;
    const page = await (await get(consent)).text();
    const answered = await fetch(new URL(consent, origin), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: csrfField(page), decision: 'allow' }),
    });
    await (await fetch(answered.headers.get('location')!)).text();
  }
  return { ...fixture, origin, browse };
}

/** `roster ...args` in this process, with its own config folder; `openBrowser` as the OS's opener would be. */
async function roster(args: string[], env: NodeJS.ProcessEnv, openBrowser?: (url: string) => Promise<void>, onErr?: (text: string) => void) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, {
    out: (text) => out.push(text),
    err: (text) => {
      err.push(text);
      onErr?.(text);
    },
    env,
    ...(openBrowser ? { openBrowser } : {}),
  });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('roster login', () => {
  it('signs in through the browser, keeps the token readable only by its user, and later commands use it', async () => {
    const server = await listeningServer();
    const env = { ROSTER_USER_DATA_DIR: path.join(tempDir(), 'config') };
    const opened: string[] = [];
    const login = await roster(['login', '--server', server.origin], env, (url) => {
      opened.push(url);
      void server.browse(url);
      return Promise.resolve();
    });
    expect(login).toMatchObject({ status: 0, stdout: expect.stringContaining(`Signed in to ${server.origin} as admin@acme.example (admin) until `) });
    expect(login.stderr).toContain(`Opened your browser to sign in to 127.0.0.1:`);
    expect(opened).toHaveLength(1);

    const file = path.join(env.ROSTER_USER_DATA_DIR, 'credentials.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(env.ROSTER_USER_DATA_DIR).mode & 0o777).toBe(0o700);
    const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as { servers: Record<string, { token: string; email: string; role: string }> };
    expect(Object.keys(kept.servers)).toEqual([server.origin]);
    expect(kept.servers[server.origin]).toMatchObject({ token: expect.stringMatching(/^roster_api_/), email: 'admin@acme.example', role: 'admin' });

    await roster(['orgs', 'add', '--name', 'Acme', '--server', server.origin], env);
    expect(await roster(['orgs', 'list', '--server', `${server.origin}/`], env)).toMatchObject({ status: 0, stdout: expect.stringContaining('Acme') });
    expect(await roster(['orgs', 'list'], { ...env, ROSTER_SERVER: server.origin })).toMatchObject({ status: 0, stdout: expect.stringContaining('Acme') });
    expect(server.admins.listTokens('admin@acme.example').map((token) => token.name)).toContain('roster login from 127.0.0.1 2026-12-07 14:17');
  });

  it('prints the address with --no-browser and never opens one', async () => {
    const server = await listeningServer();
    const env = { ROSTER_USER_DATA_DIR: path.join(tempDir(), 'config') };
    let opened = false;
    const login = await roster(
      ['login', '--no-browser', '--server', server.origin, '--json'],
      env,
      async () => void (opened = true),
      (text) => {
        const url = /http:\/\/127\.0\.0\.1:\d+\/auth\/native\/authorize\?\S+/.exec(text)?.[0];
        if (url) void server.browse(url);
      },
    );
    expect(opened).toBe(false);
    expect(login.stderr).toMatch(/^Open this address in a browser on this computer to sign in to 127\.0\.0\.1:\d+:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/auth\/native\/authorize\?response_type=code&client_id=roster-cli&/);
    expect(JSON.parse(login.stdout)).toMatchObject({ server: server.origin, email: 'admin@acme.example', role: 'admin', credentials: expect.stringContaining('credentials.json') });
  });

  it('puts flags before the environment, and the environment before the kept sign-in', async () => {
    const server = await listeningServer();
    const env = { ROSTER_USER_DATA_DIR: path.join(tempDir(), 'config') };
    await roster(['login', '--server', server.origin], env, async (url) => void server.browse(url));
    const refused = "This API token is not one of this Roster server's.";
    expect(await roster(['orgs', 'list', '--server', server.origin, '--token', 'roster_api_wrong'], env)).toMatchObject({ status: 1, stderr: `roster: ${refused}` });
    expect(await roster(['orgs', 'list', '--server', server.origin], { ...env, ROSTER_TOKEN: 'roster_api_wrong' })).toMatchObject({ status: 1, stderr: `roster: ${refused}` });
    expect(await roster(['orgs', 'list', '--server', server.origin, '--token', server.tokens.auditor], { ...env, ROSTER_TOKEN: 'roster_api_wrong' })).toMatchObject({ status: 0 });
    // Another server has no kept sign-in: its token must be given.
    expect(await roster(['orgs', 'list', '--server', 'http://127.0.0.1:9'], env)).toMatchObject({ status: 2, stderr: expect.stringContaining('run "roster login --server http://127.0.0.1:9"') });
  });

  it('says to sign in again when the kept token is revoked or has expired', async () => {
    const server = await listeningServer();
    const env = { ROSTER_USER_DATA_DIR: path.join(tempDir(), 'config') };
    await roster(['login', '--server', server.origin], env, async (url) => void server.browse(url));
    const [name] = server.admins.listTokens('admin@acme.example').map((token) => token.name).filter((token) => token.startsWith('roster login'));
    server.admins.revokeToken('admin@acme.example', name!, { type: 'cli', name: 'test' });
    const revoked = await roster(['orgs', 'list', '--server', server.origin], env);
    expect(revoked.status).toBe(1);
    expect(revoked.stderr).toMatch(/was revoked at .*\. Run "roster login --server http:\/\/127\.0\.0\.1:\d+" again\.$/);

    const file = path.join(env.ROSTER_USER_DATA_DIR, 'credentials.json');
    const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as { servers: Record<string, { expiresAt: string }> };
    kept.servers[server.origin]!.expiresAt = '2020-01-01T00:00:00.000Z';
    fs.writeFileSync(file, JSON.stringify(kept));
    expect(await roster(['orgs', 'list', '--server', server.origin, '--json'], env)).toEqual({
      status: 1,
      stdout: '',
      stderr: JSON.stringify({
        error: { code: 'UNAUTHENTICATED', message: `Your sign-in to ${server.origin} (admin@acme.example) expired at 2020-01-01T00:00:00.000Z: run "roster login --server ${server.origin}" again.` },
      }),
    });
  });

  it('needs a server, and says so', async () => {
    const env = { ROSTER_USER_DATA_DIR: path.join(tempDir(), 'config') };
    expect(await roster(['login'], env)).toMatchObject({ status: 2, stderr: expect.stringContaining('roster login needs the server: --server URL (or ROSTER_SERVER)') });
    expect(await roster(['login', '--server', 'roster.example.com'], env)).toMatchObject({ status: 2, stderr: expect.stringContaining('--server must be an address') });
    expect(fs.existsSync(env.ROSTER_USER_DATA_DIR)).toBe(false);
  });
});

describe('roster logout', () => {
  it('revokes the token on the server and forgets it here', async () => {
    const server = await listeningServer();
    const env = { ROSTER_USER_DATA_DIR: path.join(tempDir(), 'config') };
    await roster(['login', '--server', server.origin], env, async (url) => void server.browse(url));
    const token = (JSON.parse(fs.readFileSync(path.join(env.ROSTER_USER_DATA_DIR, 'credentials.json'), 'utf8')) as { servers: Record<string, { token: string }> }).servers[server.origin]!.token;
    expect(await roster(['logout'], env)).toEqual({ status: 0, stdout: `Signed out of ${server.origin}: the token of admin@acme.example is revoked there and forgotten here.`, stderr: '' });
    expect(server.admins.authenticate(token)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(await roster(['logout', '--server', server.origin], env)).toMatchObject({ status: 0, stdout: `Not signed in to ${server.origin}.` });
    expect(await roster(['orgs', 'list', '--server', server.origin], env)).toMatchObject({ status: 2 });
  });

  it('forgets the token when the server cannot be reached, and says it stays valid there', async () => {
    const server = await listeningServer();
    const env = { ROSTER_USER_DATA_DIR: path.join(tempDir(), 'config') };
    await roster(['login', '--server', server.origin], env, async (url) => void server.browse(url));
    await server.app.close();
    const out = await roster(['logout', '--server', server.origin], env);
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(`Signed out of ${server.origin}: the token of admin@acme.example is forgotten here.`);
    expect(out.stderr).toMatch(/could not be told to revoke it \(.*\); it stays valid until \d{4}-\d{2}-\d{2} unless an owner revokes it/);
    expect(await roster(['logout'], env)).toMatchObject({ status: 0, stdout: 'Not signed in to any Roster server.' });
  });
});
