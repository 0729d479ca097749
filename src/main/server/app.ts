import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ServerVersion } from '@shared/ipc/version';
import { version } from '../../../package.json';
import { OWN_VERSION, type OwnVersion } from '../remote/contract-version';
import { createOidcBinding } from '../admins/oidc-binding';
import { createAdminRepository } from '../admins/repository';
import type { AdminService } from '../admins/service';
import type { Core } from '../core';
import { createDomainRepository } from '../domains/repository';
import { allowedScimHosts } from '../scim/allowed-hosts';
import { scimRoutes } from '../scim/routes';
import { answerClientError, DEFAULT_SCIM_LIMITS, installScim, SCIM_BASE, scimInstanceOptions, type ClientError } from '../scim/server';
import { createSessionRepository } from '../sessions/repository';
import { createSessionService } from '../sessions/service';
import { eventMessagesOf } from '../ipc/event-messages';
import { apiRoutes } from './api';
import { createSignInLimiter, type SignInLimits } from './auth/rate-limit';
import { nativeSignInRoutes } from './auth/native-routes';
import { oidcRoutes } from './auth/oidc-routes';
import { authRoutes } from './auth/routes';
import { authenticateSession, beginSession, recordSignInFailure } from './auth/sessions';
import { installConsole } from './console';
import { fileRoutes } from './files';
import { snapshotRoutes } from './snapshot-route';
import { createIdempotency } from './idempotency';
import { createReadPool } from './read-pool';
import type { ServerOptions } from './options';

/** Headers on every answer but SCIM's (which sets its own): no sniffing, no framing, no referrer, nothing cached. */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** HTTPS answers tell browsers to use nothing else for this host, for a year. */
const HSTS = 'max-age=31536000';

export interface RosterServerDeps {
  core: Core;
  admins: AdminService;
  options: ServerOptions;
  logger: Logger;
  /** The built renderer, served as the web console at `/` (console.ts); null serves none. */
  rendererDir?: string | null;
  /** The clock sessions and sign-in limits go by (tests move it). */
  now?: () => Date;
  /** Failed sign-ins allowed (tests lower them); the defaults otherwise. */
  signInLimits?: SignInLimits;
  /** The versions this server says it is and serves (tests pretend to be another Roster); this Roster's own otherwise. */
  own?: OwnVersion;
  /** The built read worker (read-pool.ts): the console's queries are answered there. Null: on the server's thread. */
  readWorker?: string | null;
  /** The export worker (export-worker.ts); the built one when not given (tests give a bundle). */
  exportWorker?: string | null;
}

/**
 * Whether the store can take a write now: a write lock taken and given back at
 * once (BEGIN IMMEDIATE, ROLLBACK), so nothing changes. A lock held by another
 * process for longer than the busy timeout, a file made read-only or a closed
 * store says not ready.
 */
function storeIsWritable(core: Core): { ready: true } | { ready: false; reason: string } {
  if (!core.db.open) return { ready: false, reason: 'The store is closed.' };
  try {
    core.db.exec('BEGIN IMMEDIATE');
    core.db.exec('ROLLBACK');
    return { ready: true };
  } catch (error) {
    if (core.db.inTransaction) core.db.exec('ROLLBACK');
    return { ready: false, reason: `The store cannot take a write: ${(error as Error).message}` };
  }
}

/**
 * `roster server` on one port: SCIM 2.0 under /scim/v2 (its own hooks, tokens
 * and request log, as `roster scim serve` has them), the console's sign-in
 * under /auth, the admin contract under /api for callers with an API token or
 * a console session, and /healthz and /readyz for whoever
 * watches the process. No CORS headers: no other site's page may call it.
 */
export function buildRosterServer({ core, admins, options, logger, rendererDir = null, now = () => new Date(), signInLimits, own = OWN_VERSION, readWorker = null, exportWorker }: RosterServerDeps): FastifyInstance {
  const limits = DEFAULT_SCIM_LIMITS;
  const app = Fastify({
    loggerInstance: logger,
    ...scimInstanceOptions(limits),
    // Each request gets an id of its own; one a client sends is not believed.
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    https: options.tls ? { cert: options.tls.cert, key: options.tls.key } : null,
    trustProxy: options.trustProxy.length > 0 ? options.trustProxy : false,
    // A request Node refuses before fastify sees it: a SCIM error body on SCIM's paths, plain text elsewhere.
    clientErrorHandler: (error, socket) => answerClientError(error as unknown as ClientError, socket, core.scim.context),
  }) as unknown as FastifyInstance;

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.toLowerCase().startsWith(SCIM_BASE)) reply.headers(SECURITY_HEADERS);
    if (options.tls) reply.header('Strict-Transport-Security', HSTS);
    return payload;
  });

  // What a client checks before anything else (remote/remote-core.ts): no sign-in, nothing about the store.
  app.get('/api/version', async (_request, reply) => reply.header('Cache-Control', 'no-store').send({ version: own.version, contract: own.contract } satisfies ServerVersion));
  app.get('/healthz', async (_request, reply) => reply.header('Cache-Control', 'no-store').send({ status: 'ok', version }));
  app.get('/readyz', async (_request, reply) => {
    const state = storeIsWritable(core);
    return reply
      .code(state.ready ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send(state.ready ? { status: 'ready' } : { status: 'unavailable', reason: state.reason });
  });

  // The console's sign-in: sessions, the cookie and the CSRF checks, for /auth and /api alike.
  app.decorate('consoleAuth', {
    sessions: createSessionService({ db: core.db, sessions: createSessionRepository(core.db), audit: core.services.audit, now }),
    options,
    limiter: createSignInLimiter(signInLimits),
    now,
  });
  // Signing in with the enterprise's identity provider (when --oidc-issuer is given; 404 otherwise), beside the password.
  const domains = createDomainRepository(core.db);
  const binding = createOidcBinding({
    db: core.db,
    admins: createAdminRepository(core.db),
    audit: core.services.audit,
    onVerifiedDomain: (domain) => domains.verifiedCovering(domain) !== null,
    now,
  });
  const oidc = oidcRoutes({
    options,
    binding,
    beginSession,
    recordFailure: recordSignInFailure,
    clock: () => now().getTime(),
  });
  void app.register(authRoutes(oidc), { prefix: '/auth' });
  // Native apps (the command line, the desktop app) sign in through the console and get an API token (RFC 8252).
  void app.register(nativeSignInRoutes({ admins, clock: () => now().getTime() }));

  const publicHosts = options.publicUrl ? [options.publicUrl.hostname] : [];
  void app.register(
    async (scoped) => installScim(scoped, core.scim.context, scimRoutes, { hosts: allowedScimHosts(options.host, publicHosts), routePrefix: '', limits: { rateLimit: options.scimRateLimit } }),
    { prefix: SCIM_BASE },
  );
  // The console's pages are read in read workers, so SCIM's writes and admins' reads never wait for each other.
  const reads = readWorker ? createReadPool(core.db.name, readWorker, core.dispatch, (message) => logger.error({ where: 'read worker' }, message)) : null;
  app.addHook('onClose', async () => reads?.close());
  // One context for /api: its token check covers the contract, the event stream and the streamed files alike.
  void app.register(
    async (api) => {
      await apiRoutes({
        dispatch: reads?.dispatch ?? core.dispatch,
        authenticate: (secret) => admins.authenticate(secret),
        authenticateSession,
        sessionIsLive: (id) => app.consoleAuth.sessions.isLive(id),
        tokenIsLive: (id) => admins.tokenIsLive(id),
        subscribe: eventMessagesOf(core, ['changed', 'importProgress', 'progress']),
        greeting: () => core.runningJobs().map((payload) => ({ event: 'progress' as const, payload })),
        idempotency: createIdempotency(core.db, now),
        own,
      })(api);
      await fileRoutes(core, exportWorker)(api);
      await snapshotRoutes(core, { publicHost: options.publicUrl?.host ?? null })(api);
    },
    { prefix: '/api' },
  );
  installConsole(app, rendererDir);
  return app;
}
