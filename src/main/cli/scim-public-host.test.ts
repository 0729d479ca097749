import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { runCli } from './run';
import { roster } from './test-support/cli';

/** GET with a chosen Host header, as a reverse proxy forwards it. */
function getWithHost(base: string, host: string, token: string): Promise<number> {
  const url = new URL(`${base}/ServiceProviderConfig`);
  return new Promise((resolve, reject) => {
    http
      .get({ host: url.hostname, port: url.port, path: url.pathname, headers: { Host: host, Authorization: `Bearer ${token}` } }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      })
      .on('error', reject);
  });
}

describe('roster scim serve --public-host', () => {
  it('answers the public names it is given and the loopback names, and refuses any other Host (403)', async () => {
    const db = path.join(tempDir(), 'roster.db');
    expect((await roster('init', '--name', 'Acme', '--seats', '10', '--db', db)).status).toBe(0);
    const { token } = JSON.parse((await roster('scim', 'token', 'create', '--name', 'Okta', '--json', '--db', db)).stdout) as { token: string };
    const controller = new AbortController();
    let announce: (line: string) => void = () => undefined;
    const firstLine = new Promise<string>((resolve) => (announce = resolve));
    const done = runCli(['scim', 'serve', '--port', '0', '--public-host', 'scim.acme.example', '--public-host', 'idp-tunnel.acme.example', '--db', db], {
      out: announce,
      err: () => undefined,
      env: {},
      signal: controller.signal,
    });
    const base = (await firstLine).slice('SCIM 2.0 at '.length);
    const port = new URL(base).port;
    expect(await getWithHost(base, 'scim.acme.example', token)).toBe(200);
    expect(await getWithHost(base, 'idp-tunnel.acme.example:443', token)).toBe(200);
    expect(await getWithHost(base, `localhost:${port}`, token)).toBe(200);
    expect(await getWithHost(base, 'evil.example', token)).toBe(403);
    expect(await getWithHost(base, 'scim.acme.example.evil.example', token)).toBe(403);
    controller.abort();
    expect(await done).toBe(0);
  });

  it('refuses a --public-host that is not a host name', async () => {
    const db = path.join(tempDir(), 'roster.db');
    expect((await roster('init', '--name', 'Acme', '--seats', '10', '--db', db)).status).toBe(0);
    for (const bad of ['https://scim.acme.example', 'scim.acme.example:443', 'scim.acme.example/scim']) {
      const answer = await roster('scim', 'serve', '--public-host', bad, '--db', db);
      expect(answer.status).toBe(2);
      expect(answer.stderr).toMatch(/--public-host takes a host name/);
    }
  });
});
