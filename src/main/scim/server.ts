import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ChangeArea } from '@shared/ipc/contract';
import type { Actor } from '@shared/schemas/audit';
import { damageFound, isDamageError } from '../db/integrity';
import type { Db } from '../db/open';
import type { Services } from '../services';
import { ScimError } from './errors';
import type { WriteQueue } from './group-commit';
import type { RequestLog } from './request-log';
import type { TokenService } from './tokens';
import { allowedScimHosts, normaliseHostName } from './allowed-hosts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';
import { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit';

export const SCIM_BASE = '/scim/v2';
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
const MAX_BODY_BYTES = 1024 * 1024;

/** What every SCIM route works with. */
export interface ScimContext {
  db: Db;
  services: Services;
  tokens: TokenService;
  log: RequestLog;
  /** Every write request runs through it: the writes that arrive together share one commit (group-commit.ts). */
  writes: WriteQueue;
  now: () => Date;
  /** Told after a request changed the store, so the app's screens reload at once. */
  onChanged?: (areas: ChangeArea[]) => void;
  /** The damaged-database message for the request log (which file, which backup to restore); the client gets a short one. */
  describeDamage?: (found: string) => string;
  /** Where a request's unexpected failure goes with its stack (the process's log file); the client gets a generic answer. */
  logError?: (error: unknown, where: string) => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The token the request carries, set once it is checked. */
    scimActor: Actor | null;
    startedAt: bigint;
    /** The detail of an error answer, for the request log. */
    scimDetail: string | null;
    /** The name of a token that is ours but revoked or expired, for the request log. */
    scimRefusedToken: string | null;
  }
}

/**
 * What protects the server from a hostile or broken client (docs/SCIM.md,
 * "Limits"): requests per token, how long headers and a whole request may take
 * to arrive, how deep a JSON body may nest.
 */
export interface ScimLimits {
  rateLimit: RateLimit;
  /** A client that has not sent all its headers by then is cut off (slowloris). */
  headersTimeoutMs: number;
  /** A whole request, body included, must arrive within this (408). */
  requestTimeoutMs: number;
  /**
   * An idle keep-alive connection is closed after this. Longer than the idle
   * timeouts of the proxies and clients in front (nginx's upstream keep-alive
   * and most load balancers keep 60 s): a server that closes first races a
   * client reusing the connection, and the client's request is reset.
   */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two timeouts above. */
  timeoutCheckMs: number;
  maxJsonDepth: number;
}

export const DEFAULT_SCIM_LIMITS: ScimLimits = {
  rateLimit: DEFAULT_RATE_LIMIT,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
  timeoutCheckMs: 1_000,
  maxJsonDepth: MAX_JSON_DEPTH,
};

export interface ScimServerOptions {
  /** Host names a request may use (allowed-hosts.ts); default: the loopback names. */
  hosts?: ReadonlySet<string>;
  limits?: Partial<ScimLimits>;
}

/** A plugin adds a resource's routes (under /scim/v2) given the context. */
export type ScimRoutes = (app: FastifyInstance, context: ScimContext) => void;

/** The token of an `Authorization: Bearer <token>` header; null without one. SCIM and the admin API read it alike. */
export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/** Answers a SCIM error; `logged` is what the request log says instead of the answer's detail (a 500's real cause). */
function sendError(reply: FastifyReply, request: FastifyRequest, error: ScimError, logged: string = error.detail) {
  request.scimDetail = logged;
  return reply.code(error.status).type(SCIM_CONTENT_TYPE).send(error.toBody());
}

/** The fastify options a SCIM server needs at the level of its instance (body limit, timeouts, routing). */
export function scimInstanceOptions(limits: ScimLimits) {
  return {
    bodyLimit: MAX_BODY_BYTES,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.requestTimeoutMs * 2,
    http: { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.timeoutCheckMs },
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false },
  } as const;
}

/**
 * The SCIM 2.0 service provider (RFC 7643, RFC 7644) over Roster's store, on
 * fastify. Every request needs a live bearer token (401 otherwise, nothing
 * changed); every answer is application/scim+json; every request is logged.
 */
export function buildScimServer(context: ScimContext, routes: ScimRoutes[], options: ScimServerOptions = {}): FastifyInstance {
  const limits = { ...DEFAULT_SCIM_LIMITS, ...options.limits };
  const app = Fastify({
    logger: false,
    ...scimInstanceOptions(limits),
    clientErrorHandler: (error, socket) => answerClientError(error as unknown as ClientError, socket, context),
  });
  installScim(app, context, routes, { ...options, routePrefix: SCIM_BASE });
  return app;
}

/**
 * Everything SCIM on one fastify context: its hooks (host names, bearer
 * tokens, rate limits, the request log), body parsing, errors and routes. The
 * SCIM server alone installs it on its root, so every path answers as SCIM;
 * `roster server` installs it in a context of its own under /scim/v2
 * (`routePrefix` ''), beside the admin API, whose hooks it never meets.
 */
export function installScim(app: FastifyInstance, context: ScimContext, routes: ScimRoutes[], options: ScimServerOptions & { routePrefix: string }): void {
  const limits = { ...DEFAULT_SCIM_LIMITS, ...options.limits };
  const hosts = options.hosts ?? allowedScimHosts('127.0.0.1');
  const limiter = createRateLimiter(limits.rateLimit);

  app.decorateRequest('scimActor', null);
  app.decorateRequest('startedAt', BigInt(0));
  app.decorateRequest('scimDetail', null);
  app.decorateRequest('scimRefusedToken', null);

  // SCIM bodies are application/scim+json; plain JSON is accepted too (RFC 7644 section 3.1).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/scim+json', 'application/json'], { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    if (nestsDeeperThan(body as string, limits.maxJsonDepth)) {
      return done(new ScimError(400, `The body nests deeper than ${limits.maxJsonDepth} levels.`, 'invalidSyntax'), undefined);
    }
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new ScimError(400, 'The body is not valid JSON.', 'invalidSyntax'), undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.startedAt = process.hrtime.bigint();
    // A body sent with no Content-Type at all is read as JSON (some clients leave it out); a wrong type stays 415.
    if (request.headers['content-type'] === undefined && (request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined)) {
      request.headers['content-type'] = 'application/json';
    }
    // DNS rebinding: a page whose own name resolves to this machine is still refused by name.
    const host = normaliseHostName(request.headers.host);
    if (!host || !hosts.has(host)) {
      return sendError(reply, request, new ScimError(403, 'This SCIM server does not answer to that host name.'), `Refused the host name ${JSON.stringify(String(request.headers.host ?? '').slice(0, 100))}.`);
    }
    const secret = bearer(request);
    const found = secret ? context.tokens.authenticate(secret) : null;
    // Each token has its own bucket; requests without a valid one share their address's.
    const waitSeconds = limiter.take(found?.token ? `token:${found.token.id}` : `address:${request.ip}`);
    if (waitSeconds > 0) {
      reply.header('Retry-After', String(waitSeconds));
      request.scimActor = found?.token ? { type: 'scim', name: found.token.name } : null;
      return sendError(reply, request, new ScimError(429, `Too many requests: at most ${limits.rateLimit.perSecond} a second (bursts of ${limits.rateLimit.burst}). Retry after ${waitSeconds} s.`));
    }
    if (!found?.token) {
      reply.header('WWW-Authenticate', 'Bearer realm="Roster SCIM"');
      const error = new ScimError(401, secret ? 'The bearer token is not valid: it is unknown, expired or revoked.' : 'A bearer token is required (Authorization: Bearer <token>).');
      // The answer does not say which; the log tells the admin which token and why.
      request.scimRefusedToken = found?.name ?? null;
      return sendError(reply, request, error, found ? `${error.detail} (${found.reason})` : error.detail);
    }
    request.scimActor = { type: 'scim', name: found.token.name };
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    // 204 and 304 carry no body, so no Content-Type.
    if (reply.statusCode === 204 || reply.statusCode === 304) {
      reply.removeHeader('content-type');
      return payload;
    }
    if (!reply.getHeader('content-type') || String(reply.getHeader('content-type')).startsWith('application/json')) reply.type(SCIM_CONTENT_TYPE);
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const durationMs = Number(process.hrtime.bigint() - request.startedAt) / 1e6;
    try {
      context.log.record({
        at: context.now().toISOString(),
        tokenName: request.scimActor?.name ?? request.scimRefusedToken,
        method: request.method,
        path: request.url.slice(0, 2000),
        status: reply.statusCode,
        durationMs: Math.round(durationMs * 1000) / 1000,
        detail: request.scimDetail,
      });
    } catch {
      // A busy file loses a log line, never the answer.
    }
    if (reply.statusCode < 400 && request.method !== 'GET') context.onChanged?.(['seats', 'teams', 'orgs', 'activity']);
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ScimError) return sendError(reply, request, error);
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 415) return sendError(reply, request, new ScimError(415, 'Send the body as application/scim+json (or application/json).'));
    if (status === 413) return sendError(reply, request, new ScimError(413, `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`));
    if (status && status >= 400 && status < 500) return sendError(reply, request, new ScimError(status, (error as Error).message, 'invalidSyntax'));
    if (isDamageError(error)) {
      // SQLite rolled the request's writes back. The identity provider retries a 503 later, by when the admin has restored a backup;
      // it is not told where files are, the request log (and the log file, and the terminal of `roster scim serve`) tells the admin.
      const found = damageFound(error);
      const message = context.describeDamage?.(found) ?? `The database is damaged: ${found}.`;
      context.logError?.(message, 'scim');
      return sendError(reply, request, new ScimError(503, "Roster's database is damaged, so nothing was changed. Roster's administrator must restore a backup."), message.slice(0, 2000));
    }
    context.logError?.(error, 'scim');
    // The client gets a generic answer; the request log keeps the real cause for the admin.
    const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return sendError(reply, request, new ScimError(500, 'Roster hit an unexpected problem; nothing was changed.'), `Unexpected error: ${cause}`.slice(0, 2000));
  });

  app.setNotFoundHandler((request, reply) => sendError(reply, request, new ScimError(404, `There is nothing at ${request.method} ${request.url.split('?')[0]}.`)));

  void app.register(
    async (scoped) => {
      for (const add of routes) add(scoped, context);
    },
    { prefix: options.routePrefix },
  );
}

export type ClientError = Error & { code?: string; rawPacket?: Buffer };

/** What the request line of a refused request said, as far as it arrived. */
function requestLine(error: ClientError): { method: string; path: string } {
  const line = error.rawPacket?.toString('latin1').split('\r\n', 1)[0] ?? '';
  const match = /^([A-Z]{1,20}) (\S*)/.exec(line);
  return { method: match?.[1] ?? '?', path: (match?.[2] ?? '').slice(0, 2000) };
}

/**
 * A request Node refuses before fastify sees it (headers over 16 KB: 431; not
 * HTTP at all: 400) still gets a SCIM error body and a line in the request log.
 */
export function answerClientError(error: ClientError, socket: Socket, context: ScimContext): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const detail =
    status === 431
      ? 'The request line and headers are larger than Roster accepts (16 KB); shorten the URL (a long filter can go in the body of POST /Users/.search) or the headers.'
      : status === 408
        ? 'The request did not arrive in time.'
        : `The request is not valid HTTP (${error.code ?? error.message}).`;
  try {
    context.log.record({ at: context.now().toISOString(), tokenName: null, ...requestLine(error), status, durationMs: 0, detail });
  } catch {
    // A busy file loses a log line, never the answer.
  }
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(new ScimError(status, detail).toBody());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${SCIM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export interface RunningScimServer {
  baseUrl: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Closes the server once the requests in flight are answered. A connection
 * answering when the close began is kept alive after its answer (65 s, for
 * the proxies in front), and fastify closes only the connections idle when it
 * begins: each is closed here as soon as it is idle, so a stop waits for the
 * answers, not for idle connections to time out.
 */
export async function closeWhenAnswered(app: FastifyInstance): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
}

/** Starts the server on host:port (0: any free port) and says where it listens. */
export async function listenScim(app: FastifyInstance, host: string, port: number): Promise<RunningScimServer> {
  await app.listen({ host, port });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { baseUrl: `http://${shownHost}:${bound}${SCIM_BASE}`, host, port: bound, close: () => closeWhenAnswered(app) };
}
