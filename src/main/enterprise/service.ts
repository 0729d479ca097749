import type { Actor } from '@shared/schemas/audit';
import type { CreateEnterpriseInput, Enterprise } from '@shared/schemas/enterprise';
import { fail, ok, type Result } from '@shared/result';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import type { EnterpriseRepository } from './repository';

export interface EnterpriseServiceDeps {
  db: Db;
  enterprise: EnterpriseRepository;
  audit: AuditRepository;
  now: () => Date;
}

export const NO_ENTERPRISE_MESSAGE =
  'No enterprise is set up in this database yet. Set one up first: on the first-run screen, or with "roster init --name NAME --seats N".';

export function createEnterpriseService({ db, enterprise, audit, now }: EnterpriseServiceDeps) {
  return {
    get(): Result<Enterprise | null> {
      return ok(enterprise.get());
    },

    /** The enterprise, or NO_ENTERPRISE: every other area calls this before it changes anything. */
    require(): Result<Enterprise> {
      const current = enterprise.get();
      return current ? ok(current) : fail('NO_ENTERPRISE', NO_ENTERPRISE_MESSAGE);
    },

    /** A new name for the enterprise (trimmed, 1 to 100 characters); the same name changes nothing. */
    rename(name: string, actor: Actor): Result<Enterprise> {
      return inWriteTransaction(db, () => {
        const current = enterprise.get();
        if (!current) return fail<Enterprise>('NO_ENTERPRISE', NO_ENTERPRISE_MESSAGE);
        if (current.name === name) return ok(current);
        const at = now();
        enterprise.rename(name, at.toISOString());
        audit.record(at, actor, { action: 'enterprise.rename', targetType: 'enterprise', targetLabel: name, before: { name: current.name }, after: { name } });
        return ok(enterprise.get()!);
      });
    },

    create(input: CreateEnterpriseInput, actor: Actor): Result<Enterprise> {
      return inWriteTransaction(db, () => {
        const existing = enterprise.get();
        if (existing) {
          return fail<Enterprise>(
            'ENTERPRISE_EXISTS',
            `This database already holds the enterprise "${existing.name}". Each database holds one enterprise; use another file for a new one.`,
          );
        }
        const at = now();
        const created = enterprise.insert({ name: input.name, seats: input.seats, at: at.toISOString() });
        audit.record(at, actor, {
          action: 'enterprise.create',
          targetType: 'enterprise',
          targetLabel: created.name,
          after: { name: created.name, seats: created.seats },
        });
        return ok(created);
      });
    },
  };
}

export type EnterpriseService = ReturnType<typeof createEnterpriseService>;
