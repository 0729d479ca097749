import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventMessage } from '@shared/ipc/contract';
import { fail, type Result } from '@shared/result';
import type { Dispatch } from '../ipc/dispatch';
import { allowedHosts, bearerToken, cookieName, createToken, readCookie, tokensMatch } from './auth';
import { loadStaticFiles } from './static-files';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MAX_BODY_BYTES = 1024 * 1024;
const API_PREFIX = '/api/invoke/';

export interface BrowserServerOptions {
  dispatch: Dispatch;
  /** Subscribes to change events; returns the unsubscribe. */
  subscribe: (listener: (message: EventMessage) => void) => () => void;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface BrowserServer {
  /** The one address to open: carries the token, which the page trades for a cookie. */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer, headers = {}) {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store', ...headers });
  response.end(body);
}

function sendJson(response: ServerResponse, result: Result<unknown>, status = 200) {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(result));
}

function sendText(response: ServerResponse, status: number, text: string) {
  send(response, status, 'text/plain; charset=utf-8', `${text}\n`);
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Browser mode: the same core that Electron's main process runs, serving the
 * built renderer and the contract to a browser on 127.0.0.1. A call here is
 * what an IPC call is in Electron: same dispatch, same Result, same events.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? createToken();
  const staticFile = loadStaticFiles(options.rendererDir);
  const streams = new Set<ServerResponse>();
  let port = 0;
  let hosts = new Set<string>();
  let origins = new Set<string>();

  const isAuthorised = (request: IncomingMessage) =>
    tokensMatch(token, readCookie(request, cookieName(port))) || tokensMatch(token, bearerToken(request));

  async function handleInvoke(request: IncomingMessage, response: ServerResponse, channel: string) {
    if (request.method !== 'POST') return sendText(response, 405, 'Use POST.');
    const origin = request.headers.origin;
    if (origin !== undefined && !origins.has(origin)) return sendText(response, 403, 'Cross-origin requests are refused.');
    const contentType = request.headers['content-type'] ?? '';
    const declared = Number(request.headers['content-length'] ?? 0);
    const body = declared > MAX_BODY_BYTES ? null : await readBody(request);
    if (body === null) {
      // Answer at once and drop the connection rather than read the rest.
      response.on('finish', () => request.destroy());
      return send(response, 413, 'text/plain; charset=utf-8', 'Request body too large.\n', { Connection: 'close' });
    }
    if (body.length > 0 && !contentType.startsWith('application/json')) {
      return sendText(response, 415, 'Send JSON with Content-Type: application/json.');
    }
    let payload: unknown;
    try {
      payload = body.length === 0 ? undefined : JSON.parse(body);
    } catch {
      return sendJson(response, fail('INVALID_INPUT', 'The request body is not valid JSON.'));
    }
    sendJson(response, await options.dispatch(decodeURIComponent(channel), payload));
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse) {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    streams.add(response);
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    request.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(response);
    });
  }

  function handlePage(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Use GET.');
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!tokensMatch(token, offered)) return sendText(response, 401, 'This link is not valid for this Roster. Use the address Roster printed when it started.');
      // Trade the token for a cookie and drop it from the address bar and history.
      url.searchParams.delete('token');
      return send(response, 303, 'text/plain; charset=utf-8', '', {
        Location: `${url.pathname}${url.search}`,
        'Set-Cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    if (!isAuthorised(request)) {
      return sendText(response, 401, 'Open Roster with the address it printed when browser mode started (it carries a one-time token).');
    }
    const file = staticFile(url.pathname);
    if (!file) return sendText(response, 404, 'Not found.');
    send(response, 200, file.contentType, request.method === 'HEAD' ? '' : file.body);
  }

  const server = http.createServer((request, response) => {
    if (!hosts.has(request.headers.host ?? '')) {
      return sendText(response, 403, 'Roster browser mode answers only to 127.0.0.1 and localhost.');
    }
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    if (url.pathname.startsWith('/api/')) {
      if (!isAuthorised(request)) {
        return sendJson(response, fail('FORBIDDEN', 'This browser has no valid Roster session. Open the address Roster printed.'), 401);
      }
      if (url.pathname === '/api/events') return handleEvents(request, response);
      if (url.pathname.startsWith(API_PREFIX)) {
        handleInvoke(request, response, url.pathname.slice(API_PREFIX.length)).catch(() => {
          if (!response.headersSent) sendText(response, 500, 'Unexpected error.');
        });
        return;
      }
      return sendText(response, 404, 'Not found.');
    }
    handlePage(request, response, url);
  });

  const unsubscribe = options.subscribe((message) => {
    const frame = `data: ${JSON.stringify(message)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(port);
  origins = new Set([...hosts].map((host) => `http://${host}`));
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
