import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { cookieName } from './auth';
import { invoke, keyIn, request, SESSION_HEADER, start, TOKEN } from './test-support/server';

// Cookies are not kept apart by port: any other server on 127.0.0.1 that the
// admin's browser visits receives roster_session_<port>. So the cookie alone
// opens nothing; every call also needs the session key, which reaches only the
// tab that opened the one-time link (in the redirect's fragment).

/** Opens the event stream and resolves with its status and first bytes, then hangs up. */
function openEvents(port: number, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/events', headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      res.setEncoding('utf8');
      res.once('data', (text: string) => {
        resolve({ status: res.statusCode!, text });
        req.destroy();
      });
    });
    req.on('error', reject);
  });
}

describe('browser mode: the cookie alone is not a session', () => {
  it('sends the key only in the fragment of the link redirect, apart from the cookie and the token', async () => {
    const { cookie, key } = await start();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie).not.toContain(key);
    expect(key).not.toBe(TOKEN);
  });

  it('refuses calls, the event stream and uploads that bring the cookie without the key', async () => {
    const { core, server, cookie, key } = await start();
    const attempts: Record<string, string>[] = [
      { Cookie: cookie },
      { Cookie: cookie, [SESSION_HEADER]: 'guess' },
      { Cookie: cookie, [SESSION_HEADER]: cookie.split('=')[1]! },
      { [SESSION_HEADER]: key },
    ];
    for (const headers of attempts) {
      const call = await invoke(server.port, headers, 'orgs:create', { name: 'Forged' });
      expect(call.status, JSON.stringify(Object.keys(headers))).toBe(401);
      expect(JSON.parse(call.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const events = await openEvents(server.port, headers);
      expect(events.status).toBe(401);
      expect(events.text).not.toContain(': connected');
      const upload = await request(server.port, { method: 'POST', path: '/api/import', headers: { ...headers, 'X-File-Name': 'e.ndjson' }, body: '' });
      expect(upload.status).toBe(401);
    }
    expect(await core.invoke('orgs:list')).toEqual({ ok: true, value: [] });
  });

  it('answers calls and opens the event stream for the cookie with the key', async () => {
    const { server, auth } = await start();
    expect(JSON.parse((await invoke(server.port, auth, 'orgs:create', { name: 'Engineering' })).body)).toMatchObject({ ok: true });
    const events = await openEvents(server.port, auth);
    expect(events.status).toBe(200);
    expect(events.text).toContain(': connected');
  });

  it('lets the admin in when another server planted cookies of the same name beside the good one', async () => {
    const { server, cookie, key } = await start();
    const name = cookieName(server.port);
    const planted = [`${name}=planted`, `${name}=`, `${name}`, `${name}=${key}`];
    for (const cookies of [[...planted, cookie], [cookie, ...planted], [planted[0]!, cookie, planted[1]!]]) {
      const headers = { Cookie: cookies.join('; '), [SESSION_HEADER]: key };
      expect((await invoke(server.port, headers, 'orgs:list')).status).toBe(200);
      expect((await openEvents(server.port, headers)).status).toBe(200);
      expect((await request(server.port, { path: '/', headers: { Cookie: cookies.join('; ') } })).status).toBe(200);
    }
    // Planted cookies alone, even one named for the key, are still no session.
    expect((await invoke(server.port, { Cookie: planted.join('; '), [SESSION_HEADER]: key }, 'orgs:list')).status).toBe(401);
  });

  it('never hands the key to a request that has only the cookie', async () => {
    const { server, cookie, key } = await start();
    const answers = [
      await request(server.port, { path: '/', headers: { Cookie: cookie } }),
      await request(server.port, { path: '/index.html', headers: { Cookie: cookie } }),
      await request(server.port, { path: '/assets/app.js', headers: { Cookie: cookie } }),
      await request(server.port, { path: '/?token=guess', headers: { Cookie: cookie } }),
      await request(server.port, { path: '/?token=', headers: { Cookie: cookie } }),
      await request(server.port, { method: 'POST', path: '/api/invoke/app:info', headers: { Cookie: cookie } }),
      await request(server.port, { path: '/api/events', headers: { Cookie: cookie } }),
    ];
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toContain(key);
    }
    // The printed link again, in the browser that traded it (another tab), does carry it: that needs the token too.
    const again = await request(server.port, { path: `/?token=${TOKEN}`, headers: { Cookie: cookie } });
    expect(keyIn(again.headers.location)).toBe(key);
    expect(again.headers['set-cookie']).toBeUndefined();
  });
});

describe('browser mode: downloading a backup', () => {
  const backupId = 'roster-backup-2026-01-01T00-00-00.db';

  async function withBackup(now: () => number = Date.now) {
    const dir = tempDir();
    const file = path.join(dir, backupId);
    fs.writeFileSync(file, 'SQLite format 3\0 and the rest');
    return start({ backupFile: (id) => (id === backupId ? file : null), now });
  }

  const ticketFor = async (port: number, headers: Record<string, string>, id = backupId) =>
    request(port, { method: 'POST', path: `/api/backups/${encodeURIComponent(id)}`, headers });

  it('serves the file once, to the cookie with a ticket that only the key could ask for', async () => {
    const { server, cookie, auth } = await withBackup();
    expect((await request(server.port, { path: `/api/backups/${backupId}`, headers: { Cookie: cookie } })).status).toBe(401);
    expect((await ticketFor(server.port, { Cookie: cookie })).status).toBe(401);

    const issued = await ticketFor(server.port, auth);
    expect(issued.status).toBe(200);
    const { url } = (JSON.parse(issued.body) as { value: { url: string } }).value;
    expect(url).toMatch(new RegExp(`^/api/backups/${backupId}\\?ticket=[A-Za-z0-9_-]{43}$`));
    expect((await request(server.port, { path: url })).status).toBe(401);
    const download = await request(server.port, { path: url, headers: { Cookie: cookie } });
    expect(download.status).toBe(200);
    expect(download.body).toContain('SQLite format 3');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${backupId}"`);
    // Spent.
    expect((await request(server.port, { path: url, headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('refuses a ticket for another backup, a made-up one, an expired one, and a ticket for no listed backup', async () => {
    let clock = 1_000_000;
    const { server, cookie, auth } = await withBackup(() => clock);
    const urlOf = async () => (JSON.parse((await ticketFor(server.port, auth)).body) as { value: { url: string } }).value.url;
    const other = (await urlOf()).replace(backupId, 'roster-backup-2026-01-02T00-00-00.db');
    expect((await request(server.port, { path: other, headers: { Cookie: cookie } })).status).toBe(401);
    expect((await request(server.port, { path: `/api/backups/${backupId}?ticket=guess`, headers: { Cookie: cookie } })).status).toBe(401);
    const late = await urlOf();
    clock += 61_000;
    expect((await request(server.port, { path: late, headers: { Cookie: cookie } })).status).toBe(401);
    expect((await ticketFor(server.port, auth, '../roster.db')).status).toBe(404);
  });
});
