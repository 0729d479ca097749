import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../browser/server';
import { keyIn, request, SESSION_HEADER } from '../browser/test-support/server';
import { coreWithEnterprise, tempDir } from '../test-support/temp-db';

const TOKEN = 'test-token-backups-0123';
let server: BrowserServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function get(port: number, route: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: route, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('browser mode: downloading a listed backup', () => {
  it('serves a listed backup by its id to the session only, and nothing else', async () => {
    const core = await coreWithEnterprise({ backupsDir: path.join(tempDir(), 'backups') });
    const rendererDir = tempDir();
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    server = await startBrowserServer({
      dispatch: core.dispatch,
      subscribe: () => () => undefined,
      rendererDir,
      token: TOKEN,
      backupFile: (id) => core.backups.fileOf(id),
    });
    const opened = await get(server.port, `/?token=${TOKEN}`);
    const cookie = opened.headers['set-cookie']![0]!.split(';')[0]!;
    const key = keyIn(opened.headers.location);
    const made = await core.invoke('backups:create');
    const id = made.ok && made.value.kind === 'stored' ? made.value.backup.id : '';

    // The page asks for a one-use address with its session key (browser/backup-download.ts), then downloads with the cookie.
    const issued = await request(server.port, { method: 'POST', path: `/api/backups/${id}`, headers: { Cookie: cookie, [SESSION_HEADER]: key, Origin: `http://127.0.0.1:${server.port}` } });
    expect(issued.status).toBe(200);
    const { url } = (JSON.parse(issued.body) as { value: { url: string } }).value;
    const download = await get(server.port, url, { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${id}"`);
    expect(download.body.equals(fs.readFileSync(core.backups.fileOf(id)!))).toBe(true);

    expect((await get(server.port, `/api/backups/${id}`)).status).toBe(401);
    expect((await get(server.port, `/api/backups/${id}`, { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    // Only listed backups get an address: never the database itself, never a path out of the folder.
    const auth = { Cookie: cookie, [SESSION_HEADER]: key, Origin: `http://127.0.0.1:${server.port}` };
    expect((await request(server.port, { method: 'POST', path: '/api/backups/roster.db', headers: auth })).status).toBe(404);
    expect((await request(server.port, { method: 'POST', path: '/api/backups/..%2Froster.db', headers: auth })).status).toBe(404);
    expect((await get(server.port, '/api/backups/roster.db', { Cookie: cookie })).status).toBe(401);
  });
});
