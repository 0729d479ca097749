import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ChangeArea } from '@shared/ipc/contract';
import type { Actor } from '@shared/schemas/audit';
import type { Db } from '../db/open';
import type { Services } from '../services';
import { ScimError } from './errors';
import type { RequestLog } from './request-log';
import type { TokenService } from './tokens';

export const SCIM_BASE = '/scim/v2';
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
const MAX_BODY_BYTES = 1024 * 1024;

/** What every SCIM route works with. */
export interface ScimContext {
  db: Db;
  services: Services;
  tokens: TokenService;
  log: RequestLog;
  now: () => Date;
  /** Told after a request changed the store, so the app's screens reload at once. */
  onChanged?: (areas: ChangeArea[]) => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The token the request carries, set once it is checked. */
    scimActor: Actor | null;
    startedAt: bigint;
    /** The detail of an error answer, for the request log. */
    scimDetail: string | null;
  }
}

/** A plugin adds a resource's routes (under /scim/v2) given the context. */
export type ScimRoutes = (app: FastifyInstance, context: ScimContext) => void;

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

function sendError(reply: FastifyReply, request: FastifyRequest, error: ScimError) {
  request.scimDetail = error.detail;
  return reply.code(error.status).type(SCIM_CONTENT_TYPE).send(error.toBody());
}

/**
 * The SCIM 2.0 service provider (RFC 7643, RFC 7644) over Roster's store, on
 * fastify. Every request needs a live bearer token (401 otherwise, nothing
 * changed); every answer is application/scim+json; every request is logged.
 */
export function buildScimServer(context: ScimContext, routes: ScimRoutes[]): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES, routerOptions: { ignoreTrailingSlash: true, caseSensitive: false } });

  app.decorateRequest('scimActor', null);
  app.decorateRequest('startedAt', BigInt(0));
  app.decorateRequest('scimDetail', null);

  // SCIM bodies are application/scim+json; plain JSON is accepted too (RFC 7644 section 3.1).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/scim+json', 'application/json'], { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new ScimError(400, 'The body is not valid JSON.', 'invalidSyntax'), undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.startedAt = process.hrtime.bigint();
    const secret = bearer(request);
    const token = secret ? context.tokens.authenticate(secret) : null;
    if (!token) {
      reply.header('WWW-Authenticate', 'Bearer realm="Roster SCIM"');
      return sendError(reply, request, new ScimError(401, secret ? 'The bearer token is not valid: it is unknown, expired or revoked.' : 'A bearer token is required (Authorization: Bearer <token>).'));
    }
    request.scimActor = { type: 'scim', name: token.name };
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.getHeader('content-type') || String(reply.getHeader('content-type')).startsWith('application/json')) reply.type(SCIM_CONTENT_TYPE);
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const durationMs = Number(process.hrtime.bigint() - request.startedAt) / 1e6;
    try {
      context.log.record({
        at: context.now().toISOString(),
        tokenName: request.scimActor?.name ?? null,
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
    console.error('[scim]', error);
    return sendError(reply, request, new ScimError(500, 'Roster hit an unexpected problem; nothing was changed.'));
  });

  app.setNotFoundHandler((request, reply) => sendError(reply, request, new ScimError(404, `There is nothing at ${request.method} ${request.url.split('?')[0]}.`)));

  void app.register(
    async (scoped) => {
      for (const add of routes) add(scoped, context);
    },
    { prefix: SCIM_BASE },
  );
  return app;
}

export interface RunningScimServer {
  baseUrl: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the server on host:port (0: any free port) and says where it listens. */
export async function listenScim(app: FastifyInstance, host: string, port: number): Promise<RunningScimServer> {
  await app.listen({ host, port });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { baseUrl: `http://${shownHost}:${bound}${SCIM_BASE}`, host, port: bound, close: () => app.close() };
}
