import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESSION_KEY_FRAGMENT, SESSION_KEY_HEADER } from '@shared/browser-session';
import type { EventMessage } from '@shared/ipc/contract';
import { fail, type Result } from '@shared/result';
import type { ImportSource } from '../activity/import';
import type { Dispatch } from '../ipc/dispatch';
import { allowedHosts, cookieName, createGate, createToken, readCookies, type Session } from './auth';
import { createBackupDownloads } from './backup-download';
import { capConnections, DEFAULT_BROWSER_LIMITS, limitRequestBody, nodeServerOptions, type BrowserLimits } from './connection-limits';
import { send, SECURITY_HEADERS, sendResult, sendText } from './respond';
import { loadStaticFiles } from './static-files';

const MAX_BODY_BYTES = 1024 * 1024;
const API_PREFIX = '/api/invoke/';
const BACKUP_PREFIX = '/api/backups/';

export interface BrowserServerOptions {
  dispatch: Dispatch;
  /** Subscribes to change events; returns the unsubscribe. */
  subscribe: (listener: (message: EventMessage) => void) => () => void;
  /**
   * What a page that connects must know first (the long jobs running now),
   * written at the head of its event stream, so that it comes in order with
   * every event after it: a job's end can never arrive before its start.
   */
  greeting?: () => EventMessage[];
  rendererDir: string;
  /** Imports an event file the page uploads (POST /api/import), streamed as it arrives. */
  importUpload?: (source: ImportSource) => Promise<Result<unknown>>;
  /** The file of a listed backup by its id (backup-download.ts); null for any other id. */
  backupFile?: (id: string) => string | null;
  port?: number;
  token?: string;
  /** The clock download tickets expire by (tests move it). */
  now?: () => number;
  /** Timeouts and the connection cap (connection-limits.ts); tests make them short. */
  limits?: Partial<BrowserLimits>;
  /** Where a request's unexpected failure goes (the log file); the page gets a plain 500. */
  logError?: (error: unknown, where: string) => void;
}

export interface BrowserServer {
  /** The one address to open: it carries the one-time token, which the first browser trades for a session. */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** One event as a server-sent event frame. */
const frameOf = (message: EventMessage): string => `data: ${JSON.stringify(message)}\n\n`;

function isJson(request: IncomingMessage): boolean {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return mediaType === 'application/json';
}

/** The body as text, or null as soon as it passes the limit (the rest is not read) or the connection is cut. */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    request.once('close', () => resolve(null));
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
  const limits = { ...DEFAULT_BROWSER_LIMITS, ...options.limits };
  /** Uploads the request timeout spares: an import, from the session, reads its body as fast as it imports. */
  const longUploads = new WeakSet<IncomingMessage>();
  const gate = createGate(token);
  const backups = createBackupDownloads(options.backupFile, options.now ?? Date.now);
  const staticFile = loadStaticFiles(options.rendererDir);
  const streams = new Set<ServerResponse>();
  let port = 0;
  let hosts = new Set<string>();
  let origins = new Set<string>();

  const cookiesOf = (request: IncomingMessage) => readCookies(request, cookieName(port));
  const keyOf = (request: IncomingMessage) => {
    const key = request.headers[SESSION_KEY_HEADER.toLowerCase()];
    return typeof key === 'string' ? key : undefined;
  };
  const hasSession = (request: IncomingMessage) => gate.isSession(cookiesOf(request), keyOf(request));
  const refuseSession = (response: ServerResponse) =>
    sendResult(response, fail('FORBIDDEN', 'This tab has no Roster session. Open the address Roster printed when browser mode started, in this browser.'), 401);

  async function handleInvoke(request: IncomingMessage, response: ServerResponse, encodedChannel: string) {
    if (request.method !== 'POST') return sendResult(response, fail('INVALID_INPUT', 'Calls must be POST requests.'), 405);
    const origin = request.headers.origin;
    if (origin !== undefined && !origins.has(origin)) {
      return sendResult(response, fail('FORBIDDEN', 'Calls from another site are refused.'), 403);
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    const body = declared > MAX_BODY_BYTES ? null : await readBody(request);
    // Cut off for taking too long (limitRequestBody has answered).
    if (response.headersSent) return;
    if (body === null) {
      // Answer at once and drop the connection rather than read the rest.
      response.on('finish', () => request.destroy());
      return sendResult(response, fail('INVALID_INPUT', 'The request is too large (over 1 MB).'), 413, { Connection: 'close' });
    }
    if (body.length > 0 && !isJson(request)) {
      return sendResult(response, fail('INVALID_INPUT', 'Send the input as JSON (Content-Type: application/json).'), 415);
    }
    let channel: string;
    let payload: unknown;
    try {
      channel = decodeURIComponent(encodedChannel);
      payload = body.length === 0 ? undefined : JSON.parse(body);
    } catch {
      return sendResult(response, fail('INVALID_INPUT', 'The request is not valid: its address or its JSON body cannot be read.'), 400);
    }
    sendResult(response, await options.dispatch(channel, payload));
  }

  /**
   * An event file from the page, streamed into the import as it arrives (a
   * gigabyte is never held in memory): the body is the file, its name in
   * X-File-Name (URI-encoded). The answer is the import's Result.
   */
  async function handleImport(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'POST') return sendResult(response, fail('INVALID_INPUT', 'Upload the file with POST.'), 405);
    const origin = request.headers.origin;
    if (origin !== undefined && !origins.has(origin)) {
      return sendResult(response, fail('FORBIDDEN', 'Calls from another site are refused.'), 403);
    }
    if (!options.importUpload) return sendResult(response, fail('UNSUPPORTED', 'Importing is not available here.'), 404);
    let fileName: string;
    try {
      fileName = decodeURIComponent(String(request.headers['x-file-name'] ?? '')).replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200);
    } catch {
      fileName = '';
    }
    if (!fileName) return sendResult(response, fail('INVALID_INPUT', 'Name the file in the X-File-Name header.'), 400);
    longUploads.add(request);
    const declared = Number(request.headers['content-length']);
    const result = await options.importUpload({
      fileName,
      totalBytes: Number.isSafeInteger(declared) && declared >= 0 ? declared : null,
      open: () => request,
      // The rest of a body the import stopped reading (cancelled, or a bad header) is read and dropped:
      // a browser that is cut off while still sending never sees the answer.
      release: (stream) => stream.resume(),
    });
    // A body nobody read (the import was refused before it started: another one runs) is drained too.
    if (!request.readableEnded && !request.destroyed) {
      const ended = new Promise((resolve) => request.once('end', resolve).once('close', resolve));
      request.resume();
      await ended;
    }
    sendResult(response, result);
  }

  function handleBackup(request: IncomingMessage, response: ServerResponse, url: URL) {
    let id = '';
    try {
      id = decodeURIComponent(url.pathname.slice(BACKUP_PREFIX.length));
    } catch {
      // Not a backup's name: not found.
    }
    // A plain link downloads: it brings the cookie and a ticket the page asked for with its key.
    if (request.method === 'GET') {
      if (!gate.hasCookie(cookiesOf(request))) return refuseSession(response);
      return backups.serve(request, response, id, url.searchParams.get('ticket'));
    }
    if (request.method !== 'POST') return sendResult(response, fail('INVALID_INPUT', 'Ask for a download with POST, then download with GET.'), 405);
    if (!hasSession(request)) return refuseSession(response);
    const origin = request.headers.origin;
    if (origin !== undefined && !origins.has(origin)) {
      return sendResult(response, fail('FORBIDDEN', 'Calls from another site are refused.'), 403);
    }
    backups.issue(response, id);
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'GET') return sendResult(response, fail('INVALID_INPUT', 'Subscribe to events with GET.'), 405);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    for (const message of options.greeting?.() ?? []) response.write(frameOf(message));
    streams.add(response);
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    request.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(response);
    });
  }

  /**
   * The token leaves the address bar and the history (the page lives at /); the
   * key rides in the fragment, which the browser keeps for the page and never
   * sends to any server, and which the page removes once it has read it.
   */
  const pageWithKey = (session: Session) => `/#${SESSION_KEY_FRAGMENT}=${session.key}`;

  function handlePage(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Use GET.');
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      const opened = gate.openSession(offered);
      if (opened) {
        return send(response, 303, 'text/plain; charset=utf-8', '', {
          Location: pageWithKey(opened),
          'Set-Cookie': `${cookieName(port)}=${opened.cookie}; HttpOnly; SameSite=Strict; Path=/`,
        });
      }
      // The printed link opened again in the browser that traded it: another tab, of the same session.
      const reopened = gate.reopen(offered, cookiesOf(request));
      if (reopened) return send(response, 303, 'text/plain; charset=utf-8', '', { Location: pageWithKey(reopened) });
      // Any other token, from a browser that holds the cookie: just the page.
      if (gate.hasCookie(cookiesOf(request))) return send(response, 303, 'text/plain; charset=utf-8', '', { Location: '/' });
      return sendText(response, 401, 'This link is not valid, or has been used already. Each start of browser mode prints a new one.');
    }
    if (!gate.hasCookie(cookiesOf(request))) {
      return sendText(response, 401, 'Open Roster with the address it printed when browser mode started (it carries a one-time token).');
    }
    const file = staticFile(url.pathname);
    if (!file) return sendText(response, 404, 'Not found.');
    send(response, 200, file.contentType, request.method === 'HEAD' ? '' : file.body);
  }

  function route(request: IncomingMessage, response: ServerResponse) {
    if (!hosts.has(request.headers.host ?? '')) {
      return sendText(response, 403, 'Roster browser mode answers only to 127.0.0.1 and localhost.');
    }
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    if (!url.pathname.startsWith('/api/')) return handlePage(request, response, url);
    // A download link cannot send the key: it brings a ticket instead (handleBackup).
    if (url.pathname.startsWith(BACKUP_PREFIX)) return handleBackup(request, response, url);
    if (!hasSession(request)) return refuseSession(response);
    if (url.pathname === '/api/events') return handleEvents(request, response);
    if (url.pathname === '/api/import') return handleImport(request, response);
    if (url.pathname.startsWith(API_PREFIX)) return handleInvoke(request, response, url.pathname.slice(API_PREFIX.length));
    return sendResult(response, fail('INVALID_INPUT', 'There is nothing at this address.'), 404);
  }

  const server = http.createServer(nodeServerOptions(limits), (request, response) => {
    limitRequestBody(request, response, limits.requestTimeoutMs, () => longUploads.has(request));
    Promise.resolve(route(request, response)).catch((error: unknown) => {
      options.logError?.(error, `browser mode ${request.method} ${(request.url ?? '').split('?')[0]}`);
      if (!response.headersSent) sendText(response, 500, 'Unexpected error.');
    });
  });
  capConnections(server, limits.maxConnections);

  const unsubscribe = options.subscribe((message) => {
    const frame = frameOf(message);
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
