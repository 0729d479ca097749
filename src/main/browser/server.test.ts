import http from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import type { EventMessage } from '@shared/ipc/contract';
import { coreWithEnterprise } from '../test-support/temp-db';
import { startBrowserServer } from './server';
import { reportFigures } from '../security/test-support/figures';
import { cookieName } from './auth';
import { closeAfter, invoke, keyIn, openLink, rendererDir, request, start, TOKEN, type Answer } from './test-support/server';

describe('browser mode: the page', () => {
  it('prints an address that carries the token, on 127.0.0.1', async () => {
    const { server } = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('trades the token, once, for an HttpOnly, SameSite=Strict session cookie, and drops it from the address', async () => {
    const core = await coreWithEnterprise();
    const server = closeAfter(await startBrowserServer({ dispatch: core.dispatch, subscribe: () => () => {}, rendererDir: rendererDir(), token: TOKEN }));
    const answer = await request(server.port, { path: `/.//evil.example/?token=${TOKEN}` });
    expect(answer.status).toBe(303);
    // The key for the page's calls rides in the fragment, which the browser keeps and never sends.
    expect(answer.headers.location).toMatch(/^\/#key=[A-Za-z0-9_-]{43}$/);
    const [cookie] = answer.headers['set-cookie']!;
    expect(cookie).toMatch(new RegExp(`^${cookieName(server.port)}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(cookie).not.toContain(TOKEN);

    const again = await request(server.port, { path: `/?token=${TOKEN}` });
    expect(again.status).toBe(401);
    expect(again.body).toMatch(/used already/);
    expect(again.headers['set-cookie']).toBeUndefined();

    // The same link again in the browser that traded it: the page (another tab), with the same key, no new session.
    const sameBrowser = await request(server.port, { path: `/?token=${TOKEN}`, headers: { Cookie: cookie!.split(';')[0]! } });
    expect(sameBrowser.status).toBe(303);
    expect(keyIn(sameBrowser.headers.location)).toBe(keyIn(answer.headers.location));
    expect(sameBrowser.headers['set-cookie']).toBeUndefined();
  });

  it('serves the app with a strict Content-Security-Policy to a browser holding the cookie', async () => {
    const { server, cookie } = await start();
    const page = await request(server.port, { path: '/', headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Roster</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe');
    expect(page.headers['x-frame-options']).toBe('DENY');
    const script = await request(server.port, { path: '/assets/app.js', headers: { Cookie: cookie } });
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await request(server.port, { path: '/assets/missing.js', headers: { Cookie: cookie } })).status).toBe(404);
  });

  it('refuses the page without the token, with a wrong token, with the token as a cookie, or with a made-up session', async () => {
    const { server } = await start();
    for (const answer of [
      await request(server.port, { path: '/' }),
      await request(server.port, { path: '/?token=guess' }),
      await request(server.port, { path: '/', headers: { Cookie: `${cookieName(server.port)}=${TOKEN}` } }),
      await request(server.port, { path: '/', headers: { Cookie: `${cookieName(server.port)}=guess` } }),
    ]) {
      expect(answer.status).toBe(401);
      expect(answer.body).not.toContain('<title>Roster</title>');
    }
  });

  it('refuses any Host but 127.0.0.1 and localhost on its port, which stops DNS rebinding', async () => {
    const { server, cookie } = await start();
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1:1']) {
      const answer = await request(server.port, { path: '/', headers: { Host: host, Cookie: cookie } });
      expect(answer.status).toBe(403);
    }
    expect((await request(server.port, { path: '/', headers: { Host: `localhost:${server.port}`, Cookie: cookie } })).status).toBe(200);
  });
});

describe('browser mode: the contract over HTTP', () => {
  it('answers a call with the same Result as IPC', async () => {
    const { server, auth } = await start();
    const created = await invoke(server.port, auth, 'orgs:create', { name: 'Engineering' });
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { name: 'Engineering' } });
    const listed = await invoke(server.port, auth, 'orgs:list');
    expect(JSON.parse(listed.body)).toMatchObject({ ok: true, value: [{ name: 'Engineering' }] });
  });

  it('refuses a call without the session, even with the token itself', async () => {
    const { server } = await start();
    const attempts: Record<string, string>[] = [{}, { Authorization: `Bearer ${TOKEN}` }, { Cookie: `${cookieName(server.port)}=${TOKEN}` }];
    for (const headers of attempts) {
      const refused = await request(server.port, { method: 'POST', path: '/api/invoke/orgs:list', headers });
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('refuses a call from another origin, even with the cookie', async () => {
    const { core, server, auth } = await start();
    const answer = await invoke(server.port, auth, 'orgs:create', { name: 'Evil' }, { Origin: 'http://evil.example' });
    expect(answer.status).toBe(403);
    expect((await core.invoke('orgs:list')).ok && (await core.invoke('orgs:list'))).toMatchObject({ value: [] });
  });

  it('answers every malformed call with a Result that says what is wrong, and the right status', async () => {
    const { core, server, auth } = await start();
    const call = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
      request(server.port, { method: 'POST', path, ...init, headers: { ...auth, 'Content-Type': 'application/json', ...init.headers } });
    const cases: [Promise<Answer>, number, RegExp][] = [
      [call('/api/invoke/orgs:create', { body: '{"name": ' }), 400, /not valid/],
      [call('/api/invoke/orgs:%E0%A4%A', { body: '{}' }), 400, /not valid/],
      [call('/api/invoke/orgs:create', { headers: { 'Content-Type': 'text/plain' }, body: '{"name":"X"}' }), 415, /JSON/],
      [call('/api/invoke/orgs:create', { headers: { 'Content-Type': 'application/jsonfoo' }, body: '{"name":"X"}' }), 415, /JSON/],
      [call('/api/invoke/orgs:create', { body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }) }), 413, /too large/],
      [call('/api/invoke/orgs:list', { method: 'GET' }), 405, /POST/],
      [call('/api/events'), 405, /GET/],
      [call('/api/elsewhere'), 404, /nothing at this address/],
    ];
    for (const [answer, status, message] of cases) {
      const { status: got, body } = await answer;
      expect(got).toBe(status);
      expect(JSON.parse(body)).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
    }
    expect(await core.invoke('orgs:list')).toEqual({ ok: true, value: [] });
  });

  it('stops reading a chunked body as soon as it passes 1 MB', async () => {
    const { server, auth } = await start();
    const answer = await new Promise<Answer>((resolve, reject) => {
      let responded = false;
      const req = http.request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/invoke/orgs:create', headers: { Host: `127.0.0.1:${server.port}`, ...auth, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
        (res) => {
          responded = true;
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        },
      );
      // The server hangs up once it has answered; writes after that may fail, which is the point.
      req.on('error', (error) => {
        if (!responded) reject(error);
      });
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 20; i += 1) req.write(chunk);
      req.end();
    });
    expect(answer.status).toBe(413);
  });

  it('streams change events to the page, as IPC pushes them to a window', async () => {
    const { core, server, auth } = await start();
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: auth }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(': connected')) void core.invoke('orgs:create', { name: 'Product' });
          const frame = /data: (.*)\n\n/.exec(text);
          if (frame) {
            resolve(frame[1]!);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
    });
    expect(JSON.parse(await received)).toEqual({ event: 'changed', payload: { areas: ['orgs'] } });
  });
});

describe('browser mode: a page that connects while a job runs', () => {
  it('is told of the running jobs first, in the same stream as their ends', async () => {
    const core = await coreWithEnterprise();
    const running = { jobId: '6f1c7a52-3b8e-4d2a-9c41-0e5b7d9f2a13', label: 'Backing up the database', done: 3, total: 10, unit: 'pages', cancellable: true, state: 'running' } as const;
    let announce: (message: EventMessage) => void = () => {};
    const server = closeAfter(
      await startBrowserServer({
        dispatch: core.dispatch,
        subscribe: (listener) => {
          announce = listener;
          return () => {};
        },
        greeting: () => [{ event: 'progress', payload: running }],
        rendererDir: rendererDir(),
        token: TOKEN,
      }),
    );
    const { auth } = await openLink(server.port);
    const frames = await new Promise<unknown[]>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: auth }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(': connected')) announce({ event: 'progress', payload: { ...running, state: 'finished' } });
          const found = [...text.matchAll(/data: (.*)\n\n/g)].map((match) => JSON.parse(match[1]!) as unknown);
          if (found.length === 2) {
            resolve(found);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
    });
    expect(frames).toEqual([
      { event: 'progress', payload: running },
      { event: 'progress', payload: { ...running, state: 'finished' } },
    ]);
  });
});

describe('browser mode under hostile requests (docs/SECURITY.md)', () => {
  it('listens on loopback only: another address of this machine is refused', async () => {
    const { server } = await start();
    const { networkInterfaces } = await import('node:os');
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4');
    if (outside) {
      const reached = await new Promise<boolean>((resolve) => {
        const req = http.get({ host: outside.address, port: server.port, path: '/', timeout: 2000 }, () => resolve(true));
        req.on('error', () => resolve(false));
        req.on('timeout', () => {
          req.destroy();
          resolve(false);
        });
      });
      expect(reached).toBe(false);
    }
    expect(new URL(server.origin).hostname).toBe('127.0.0.1');
  });

  it('checks Host and Origin on every call, not only on the page, and changes nothing', async () => {
    const { core, server, auth } = await start();
    const attempts: Record<string, string>[] = [
      { Host: 'evil.example' },
      { Host: `evil.example:${server.port}` },
      { Host: `127.0.0.1.evil.example:${server.port}` },
      { Host: `[::1]:${server.port}` },
      { Origin: 'null' },
      { Origin: `http://127.0.0.1:${server.port + 1}` },
      { Origin: `https://127.0.0.1:${server.port}` },
      { Origin: 'http://evil.example' },
    ];
    for (const headers of attempts) {
      const answer = await invoke(server.port, auth, 'orgs:create', { name: 'Rebound' }, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await core.invoke('orgs:list')).toEqual({ ok: true, value: [] });
    reportFigures('browser-mode', { surface: 'browser mode (Host, Origin)', tried: attempts.length, accepted: 0 });
  });

  it('never prints the token or the session, even when a call fails inside', async () => {
    const printed: string[] = [];
    const spies = [process.stdout, process.stderr].map((stream) =>
      vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
        printed.push(String(chunk));
        return true;
      }) as typeof stream.write),
    );
    const errors = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
    const core = await coreWithEnterprise({ logError: (error, channel) => console.error(`[${channel}]`, error) });
    const server = closeAfter(await startBrowserServer({
      dispatch: async (channel, payload) => {
        if (channel === 'orgs:list') throw new Error('boom');
        return core.dispatch(channel, payload);
      },
      subscribe: () => () => {},
      rendererDir: rendererDir(),
      token: TOKEN,
      logError: (error, where) => void printed.push(`${where} ${String(error)}`),
    }));
    const { cookie, key, auth } = await openLink(server.port);
    const session = cookie.split('=')[1]!;
    await request(server.port, { path: `/?token=${TOKEN}` });
    await request(server.port, { path: `/api/invoke/${TOKEN}`, method: 'POST', headers: auth });
    await request(server.port, { path: `/api/invoke/orgs:list?token=${TOKEN}`, method: 'POST', headers: auth }).catch(() => undefined);
    await invoke(server.port, auth, 'orgs:create', { name: TOKEN.repeat(20) });
    spies.forEach((spy) => spy.mockRestore());
    errors.mockRestore();
    expect(printed.join('')).not.toContain(TOKEN);
    expect(printed.join('')).not.toContain(session);
    expect(printed.join('')).not.toContain(key);
    // The failure itself reached the log, by its address without the query.
    expect(printed).toContain('browser mode POST /api/invoke/orgs:list Error: boom');
  });
});
