import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach } from 'vitest';
import { SESSION_KEY_HEADER } from '@shared/browser-session';
import { coreWithEnterprise, tempDir } from '../../test-support/temp-db';
import { startBrowserServer, type BrowserServer, type BrowserServerOptions } from '../server';

// Browser mode's server over a real core, for its tests: started per test, closed after it.

export const TOKEN = 'test-token-0123456789';
/** The header that carries the session key, which only the tab that opened the link holds. */
export const SESSION_HEADER = SESSION_KEY_HEADER;
let server: BrowserServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server a test started itself, closed after the test like the others. */
export function closeAfter(started: BrowserServer): BrowserServer {
  server = started;
  return started;
}

export function rendererDir(): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Roster</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

/** A server over a fresh core, its one-time link opened; `options` adds to or replaces the defaults. */
export async function start(options: Partial<BrowserServerOptions> = {}, hooks: { importStarted?: () => void } = {}) {
  const core = await coreWithEnterprise();
  server = await startBrowserServer({
    dispatch: core.dispatch,
    subscribe: (listener) => core.on('changed', (payload) => listener({ event: 'changed', payload })),
    rendererDir: rendererDir(),
    token: TOKEN,
    importUpload: (source) => {
      const importing = core.importEvents(source);
      hooks.importStarted?.();
      return importing;
    },
    ...options,
  });
  return { core, server, ...(await openLink(server.port)) };
}

/**
 * Opens the one-time link as the first browser does: keeps the session cookie
 * it sets and the key its redirect carries in the address's fragment (which a
 * browser never sends anywhere). `auth` is what the page sends on every call.
 */
export async function openLink(port: number, token = TOKEN) {
  const opened = await request(port, { path: `/?token=${token}` });
  const cookie = opened.headers['set-cookie']![0]!.split(';')[0]!;
  const key = keyIn(opened.headers.location);
  return { cookie, key, auth: { Cookie: cookie, [SESSION_HEADER]: key } };
}

/** The session key in a redirect's Location (`/#key=…`); '' when there is none. */
export function keyIn(location: string | undefined): string {
  return /#key=([^&]*)$/.exec(location ?? '')?.[1] ?? '';
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so tests can send the Host and Origin headers a browser would not let them. */
export function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { Host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export function invoke(port: number, auth: Record<string, string>, channel: string, body?: unknown, headers: Record<string, string> = {}) {
  return request(port, {
    method: 'POST',
    path: `/api/invoke/${channel}`,
    headers: { ...auth, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
