import type { ChangeArea } from '@shared/ipc/contract';
import { DEFAULT_SCIM_HOST, type ScimServerStatus } from '@shared/schemas/scim';
import { fail, ok, type Result } from '@shared/result';
import type { Db } from '../db/open';
import type { Services } from '../services';
import { createWriteQueue } from './group-commit';
import { createRequestLog } from './request-log';
import { allowedScimHosts } from './allowed-hosts';
import type { RunningScimServer, ScimContext, ScimLimits } from './server';
import { createTokenService } from './tokens';

/**
 * The SCIM server a process runs (the app from its SCIM screen, or
 * `roster scim serve`), its tokens and its request log, over one store.
 */
export function createScimRuntime({
  db,
  services,
  now,
  onChanged,
  describeDamage,
  logError,
}: {
  db: Db;
  services: Services;
  now: () => Date;
  onChanged?: (areas: ChangeArea[]) => void;
  describeDamage?: (found: string) => string;
  logError?: (error: unknown, where: string) => void;
}) {
  const tokens = createTokenService({ db, audit: services.audit, now });
  const log = createRequestLog(db, now);
  const context: ScimContext = { db, services, tokens, log, writes: createWriteQueue(db), now, onChanged, describeDamage, logError };
  let running: RunningScimServer | null = null;
  let host = DEFAULT_SCIM_HOST;
  let port = 0;
  /** Where `roster server` serves this runtime's SCIM, as part of its own listener; null when it does not. */
  let servedBy: ScimServerStatus | null = null;

  const status = (): ScimServerStatus =>
    servedBy ?? { running: running !== null, baseUrl: running?.baseUrl ?? null, host: running?.host ?? host, port: running?.port ?? port };
  const servedElsewhere = () =>
    fail<ScimServerStatus>('CONFLICT', `The Roster server serves SCIM at ${servedBy!.baseUrl} for as long as it runs; it is not started or stopped on its own.`);

  return {
    tokens,
    log,
    context,
    status,

    /**
     * Starts serving on host:port (0: any free port); answers where. Requests
     * must name the listen host, a loopback name or one of `publicHosts` (the
     * names a reverse proxy forwards).
     */
    async start(onHost: string, onPort: number, options: { publicHosts?: string[]; limits?: Partial<ScimLimits> } = {}): Promise<Result<ScimServerStatus>> {
      if (servedBy) return servedElsewhere();
      if (running) return ok(status());
      // The HTTP side (fastify and every route) is loaded when a server first starts: most runs of the app and
      // the command line never start one, and opening a store stays quick.
      const [{ buildScimServer, listenScim }, { scimRoutes }] = await Promise.all([import('./server'), import('./routes')]);
      const app = buildScimServer(context, scimRoutes, { hosts: allowedScimHosts(onHost, options.publicHosts), limits: options.limits });
      try {
        running = await listenScim(app, onHost, onPort);
      } catch (error) {
        await app.close().catch(() => undefined);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') return fail('CONFLICT', `Port ${onPort} on ${onHost} is in use by another program; choose another port, or 0 for any free one.`);
        if (code === 'EADDRNOTAVAIL') return fail('INVALID_INPUT', `${onHost} is not an address of this machine.`);
        if (code === 'EACCES') return fail('FORBIDDEN', `Port ${onPort} needs administrator rights; choose one above 1023.`);
        throw error;
      }
      host = onHost;
      port = running.port;
      return ok(status());
    },

    /** Marks SCIM as served by `roster server` at `baseUrl` (its own listener), so the SCIM screen says where. */
    servedAt(baseUrl: string, onHost: string, onPort: number): void {
      servedBy = { running: true, baseUrl, host: onHost, port: onPort };
    },

    async stop(): Promise<Result<ScimServerStatus>> {
      if (servedBy) {
        // Closing the core asks too: what waits in the request log is written all the same.
        log.flush();
        return servedElsewhere();
      }
      const current = running;
      running = null;
      await current?.close();
      log.flush();
      return ok(status());
    },
  };
}

export type ScimRuntime = ReturnType<typeof createScimRuntime>;
