import pino from 'pino';
import type { AdminRole } from '@shared/schemas/admins';
import { createAdminRepository } from '../../admins/repository';
import { createAdminService, type AdminService } from '../../admins/service';
import type { Core } from '../../core';
import type { OwnVersion } from '../../remote/contract-version';
import { DEFAULT_RATE_LIMIT } from '../../scim/rate-limit';
import { coreWithEnterprise } from '../../test-support/temp-db';
import { buildRosterServer } from '../app';
import type { SignInLimits } from '../auth/rate-limit';
import type { ServerOptions } from '../options';

const CLI = { type: 'cli', name: 'test' } as const;

/** Makes an admin of each role, each with a token of their role; answers the secrets by role. */
export function adminsWithTokens(admins: AdminService): Record<AdminRole, string> {
  const secrets = {} as Record<AdminRole, string>;
  for (const role of ['owner', 'admin', 'auditor'] as const) {
    const added = admins.add({ email: `${role}@acme.example`, role }, CLI);
    if (!added.ok) throw new Error(added.error.message);
    const token = admins.createToken({ email: `${role}@acme.example`, name: 'tests' }, CLI);
    if (!token.ok) throw new Error(token.error.message);
    secrets[role] = token.value.secret;
  }
  return secrets;
}

export const testServerOptions = (databasePath: string, overrides: Partial<ServerOptions> = {}): ServerOptions => ({
  databasePath,
  host: '127.0.0.1',
  port: 0,
  tls: null,
  trustProxy: [],
  publicUrl: null,
  oidc: null,
  scimRateLimit: DEFAULT_RATE_LIMIT,
  ...overrides,
});

/**
 * The Roster server's fastify app over a real temporary store (not listening:
 * tests call it with inject), with an owner, an admin and an auditor, and a
 * token for each. Log lines are collected.
 */
export async function serverInProcess(
  extra: { options?: Partial<ServerOptions>; now?: () => Date; signInLimits?: SignInLimits; own?: OwnVersion; readWorker?: string; exportWorker?: string } = {},
): Promise<{ core: Core; admins: AdminService; app: ReturnType<typeof buildRosterServer>; tokens: Record<AdminRole, string>; logLines: string[] }> {
  const now = extra.now ?? (() => new Date());
  // As the server opens it: a lock held elsewhere is waited for 100 ms at a time.
  const core = await coreWithEnterprise({ busyTimeoutMs: 100, busyRetryMs: 2000, now });
  const admins = createAdminService({ db: core.db, admins: createAdminRepository(core.db), audit: core.services.audit, now });
  const tokens = adminsWithTokens(admins);
  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
  const app = buildRosterServer({ core, admins, options: testServerOptions(core.db.name, extra.options), logger, now, signInLimits: extra.signInLimits, own: extra.own, readWorker: extra.readWorker, exportWorker: extra.exportWorker });
  await app.ready();
  return { core, admins, app, tokens, logLines };
}
