import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contract, isChannel, mayCall, type Channel, type EventMessage } from '@shared/ipc/contract';
import { IDEMPOTENCY_HEADER } from '@shared/ipc/version';
import type { AdminRole } from '@shared/schemas/admins';
import type { Actor } from '@shared/schemas/audit';
import { fail, type Result } from '@shared/result';
import type { ApiAuthentication } from '../admins/service';
import { bearer } from '../scim/server';
import { sessionActor } from '../sessions/service';
import type { SessionAuthentication } from './auth/sessions';
import type { Dispatch } from '../ipc/dispatch';
import type { Idempotency } from './idempotency';
import { OWN_VERSION, refuseClientContract, type OwnVersion } from '../remote/contract-version';

export const API_INVOKE_PREFIX = '/api/invoke/';

/** Who calls, once their API token or console session is checked: one of tokenName and sessionId is set. */
export interface ApiCaller {
  email: string;
  role: AdminRole;
  tokenName: string | null;
  /** The API token's id, beside its name: its event stream is checked by it (null for a session). */
  tokenId: number | null;
  sessionId: number | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The admin and token (or console session) of an /api request, set once it is checked. */
    apiCaller: ApiCaller | null;
  }
}

export interface ApiDeps {
  dispatch: Dispatch;
  authenticate(secret: string): ApiAuthentication;
  /** The console session a request's cookie opens (with the CSRF checks of a change); null without a session cookie. */
  authenticateSession(request: FastifyRequest): SessionAuthentication | null;
  /** Whether a console session is still live (not ended, idle, run out, nor its admin removed), without counting as a call. */
  sessionIsLive(id: number): boolean;
  /** Whether an API token is still live (not revoked nor expired, its admin not removed), without counting as a use. */
  tokenIsLive(id: number): boolean;
  /** Subscribes to the core's events; returns the unsubscribe. */
  subscribe(listener: (message: EventMessage) => void): () => void;
  /** What a stream that connects is told first (the jobs running now). */
  greeting(): EventMessage[];
  /** Commands sent with an Idempotency-Key are run once per key (idempotency.ts); absent: keys are ignored. */
  idempotency?: Idempotency;
  /** The versions this server serves (tests pretend to be another Roster); this Roster's own otherwise. */
  own?: OwnVersion;
}

const ROLE_NAME: Record<AdminRole, string> = { owner: 'an owner', admin: 'an admin', auditor: 'an auditor' };

/** "This API token acts as an auditor", or "You are signed in as an auditor": who the caller is, for a refusal. */
export const actingAs = (caller: ApiCaller): string => (caller.sessionId !== null ? `You are signed in as ${ROLE_NAME[caller.role]}` : `This API token acts as ${ROLE_NAME[caller.role]}`);

/** What a role may not do, said for the person who holds it. */
function forbidden(caller: ApiCaller, channel: string, access: string): Result<never> {
  const may = caller.role === 'auditor' ? 'may only read (exports included)' : 'may read and change the enterprise\u2019s data, not admins, tokens, SCIM, settings or restores';
  return fail('FORBIDDEN', `${actingAs(caller)}, who ${may}: "${channel}" needs ${access === 'owner' ? 'an owner' : 'an admin or an owner'}.`);
}

/** A contract Result as the answer, never cached. */
export const sendResult = (reply: FastifyReply, result: Result<unknown>, status = 200) =>
  reply.code(status).header('Cache-Control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify(result));

/** The actor a call is audited under: the admin, and the API token or console session they used. */
export const actorOf = (caller: ApiCaller): Actor =>
  caller.sessionId !== null ? sessionActor({ id: caller.sessionId, admin_email: caller.email }) : { type: 'app', name: caller.email, admin: caller.email, token: caller.tokenName ?? undefined };

/** Who calls, as the handlers see them: the address, the role, and the console session when it is one. */
const callerOf = (caller: ApiCaller) => ({ email: caller.email, role: caller.role, ...(caller.sessionId !== null ? { sessionId: caller.sessionId } : {}) });

/**
 * The admin contract over HTTP, for authenticated callers only: an API token
 * as `Authorization: Bearer`, or a console session's cookie (with, for a
 * change, the server's own Origin and the session's CSRF header). Either is
 * checked before anything else (the channel is not looked up, the body not
 * read), then the role against the
 * channel's declared access; a channel that works only on one computer
 * ("local") is not served at all. Answers are the contract's Result, as in
 * browser mode: 200 for an answer or a refusal by a rule, 401 without a valid
 * token, 403 for a role that may not, 404 for no such channel.
 */
export function apiRoutes(deps: ApiDeps) {
  return async (app: FastifyInstance) => {
    app.decorateRequest('apiCaller', null);

    // Only JSON bodies; the parser is this context's own, so SCIM's are untouched.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      if (body === '') return done(null, undefined);
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(Object.assign(new Error('The body is not valid JSON.'), { statusCode: 400 }), undefined);
      }
    });

    app.addHook('onRequest', async (request, reply) => {
      // A Roster client of another contract is told which side to upgrade before anything runs (or is even signed in):
      // it could misread what it sends or gets. A call that names no contract (curl, a script) is served as ever.
      const mismatch = refuseClientContract(request.headers, deps.own ?? OWN_VERSION, request.host);
      if (mismatch) return sendResult(reply, mismatch, 400);
      const secret = bearer(request);
      // A token, when one is sent, is all that counts; a session cookie beside it is not looked at.
      const session = secret ? null : deps.authenticateSession(request);
      if (session?.ok) {
        const { id, admin_email: email, admin_role: role } = session.session;
        request.apiCaller = { email, role, tokenName: null, tokenId: null, sessionId: id };
        return;
      }
      if (session) return sendResult(reply, fail(session.status === 403 ? 'FORBIDDEN' : 'UNAUTHENTICATED', session.message), session.status);
      const found = secret ? deps.authenticate(secret) : null;
      if (!found?.ok) {
        reply.header('WWW-Authenticate', 'Bearer realm="Roster"');
        const message = found
          ? found.message
          : 'Sign in first: send an API token as "Authorization: Bearer <token>" (create one with "roster admins token create"), or sign in to the console.';
        return sendResult(reply, fail('UNAUTHENTICATED', message), 401);
      }
      request.apiCaller = { email: found.admin.email, role: found.token.role, tokenName: found.token.name, tokenId: found.token.id, sessionId: null };
    });

    app.setErrorHandler((error, request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status === 415) return sendResult(reply, fail('INVALID_INPUT', 'Send the input as JSON (Content-Type: application/json).'), 415);
      if (status === 413) return sendResult(reply, fail('INVALID_INPUT', 'The request is too large (over 1 MB).'), 413);
      if (status >= 400 && status < 500) return sendResult(reply, fail('INVALID_INPUT', (error as Error).message), status);
      request.log.error({ err: error }, 'API request failed');
      return sendResult(reply, fail('INTERNAL', 'Roster hit an unexpected problem and changed nothing.'), 500);
    });

    app.setNotFoundHandler((request, reply) => sendResult(reply, fail('NOT_FOUND', `There is nothing at ${request.method} ${request.url.split('?')[0]}.`), 404));

    // The channel and the role are settled before the body is read: a refused call costs no parsing.
    const refusal = (request: FastifyRequest<{ Params: { channel: string } }>): { status: number; result: Result<never> } | null => {
      const caller = request.apiCaller!;
      const channel = request.params.channel;
      // A local channel (a file dialog, this computer's folders) is as absent as an unknown one.
      if (!isChannel(channel) || contract[channel].access === 'local') {
        return { status: 404, result: fail('NOT_FOUND', `Unknown request "${channel.slice(0, 80)}".`) };
      }
      const access = contract[channel].access;
      return mayCall(caller.role, access) ? null : { status: 403, result: forbidden(caller, channel, access) };
    };

    app.post<{ Params: { channel: string } }>(
      '/invoke/:channel',
      {
        preParsing: async (request, reply, payload) => {
          const refused = refusal(request);
          if (refused) await sendResult(reply, refused.result, refused.status);
          return payload;
        },
      },
      async (request, reply) => {
        const caller = request.apiCaller!;
        const { channel } = request.params;
        const call = async () => ({ status: 200, result: await deps.dispatch(channel, request.body, { actor: actorOf(caller), caller: callerOf(caller) }) });
        const key = request.headers[IDEMPOTENCY_HEADER.toLowerCase()];
        // A query changes nothing, so running it again is harmless: only a command's key is kept.
        if (key === undefined || !deps.idempotency || contract[channel as Channel].kind !== 'command') {
          const { result } = await call();
          return sendResult(reply, result);
        }
        const checked = deps.idempotency.check(String(key));
        if (!checked.ok) return sendResult(reply, checked, 400);
        const answer = await deps.idempotency.run(caller.email, checked.value, channel, request.body, call);
        return sendResult(reply, answer.result, answer.status);
      },
    );

    // Streams never end on their own: closing the server ends them (preClose), so it does not wait for them.
    const streams = new Set<ServerResponse>();

    // The same events as browser mode's /api/events: what changed, and the progress of long jobs.
    app.get('/events', (request, reply) => {
      const { sessionId, tokenId } = request.apiCaller!;
      // A console's stream ends with its session (signed out, ended by an owner, idle, its admin removed), and an API
      // token's with the token (revoked, expired, its admin removed): checked when admins change and at every
      // heartbeat, so the client reconnects, is refused, and asks to sign in again.
      const stillLive = () => (sessionId !== null ? deps.sessionIsLive(sessionId) : tokenId === null || deps.tokenIsLive(tokenId));
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        Connection: 'keep-alive',
      });
      const write = (message: EventMessage) => {
        const admins = message.event === 'changed' && (message.payload as { areas: string[] }).areas.some((area) => area === 'admins' || area === '*');
        if (admins && !stillLive()) return void response.end();
        response.write(`data: ${JSON.stringify(message)}\n\n`);
      };
      response.write(': connected\n\n');
      deps.greeting().forEach(write);
      const unsubscribe = deps.subscribe(write);
      const heartbeat = setInterval(() => (stillLive() ? response.write(': keep-alive\n\n') : response.end()), 15_000);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(response);
      };
      streams.add(response);
      // The response's close is the connection's end (the request's says only that its body was read).
      response.on('close', end);
    });

    app.addHook('preClose', async () => {
      for (const stream of streams) stream.end();
    });
  };
}
