import type { Actor } from '@shared/schemas/audit';
import type { CreateDemoInput, Enterprise } from '@shared/schemas/enterprise';
import type { Result } from '@shared/result';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import type { EnterpriseService } from '../enterprise/service';
import type { OrgService } from '../orgs/service';
import { demoOrgNames } from './org-names';
import { createRandom } from './random';

export const DEMO_ENTERPRISE_NAME = 'Acme Corporation';
export const DEMO_DEFAULT_MEMBERS = 120;
export const DEMO_DEFAULT_SEED = 1;

/** Changes made by the generator are audited as Roster's own. */
export const DEMO_ACTOR: Actor = { type: 'system', name: 'demo generator' };

/** Seats: the members plus about a tenth to spare, rounded up to a multiple of ten. */
export function demoSeats(members: number): number {
  return Math.ceil((members * 1.1) / 10) * 10;
}

/** About one organization per 200 members, never fewer than six. */
export function demoOrgCount(members: number): number {
  return Math.max(6, Math.round(members / 200));
}

class Rollback {
  constructor(readonly result: Result<never>) {}
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Rollback(result);
  return result.value;
}

export interface DemoServiceDeps {
  db: Db;
  enterprise: EnterpriseService;
  orgs: OrgService;
}

/**
 * A synthetic enterprise to explore and to benchmark with. The same members and
 * seed always give the same enterprise. It goes through the same services as
 * the UI, so every rule holds and every change is audited; all of it is one
 * transaction, so a failure leaves no half-made demo behind.
 */
export function createDemoService({ db, enterprise, orgs }: DemoServiceDeps) {
  return {
    create(input: CreateDemoInput): Result<Enterprise> {
      const members = input.members ?? DEMO_DEFAULT_MEMBERS;
      const random = createRandom(input.seed ?? DEMO_DEFAULT_SEED);
      try {
        return inWriteTransaction(db, () => {
          const created = unwrap(enterprise.create({ name: DEMO_ENTERPRISE_NAME, seats: demoSeats(members) }, DEMO_ACTOR));
          for (const name of demoOrgNames(demoOrgCount(members), random)) {
            unwrap(orgs.create({ name }, DEMO_ACTOR));
          }
          return { ok: true, value: created } as const;
        });
      } catch (error) {
        if (error instanceof Rollback) return error.result;
        throw error;
      }
    },
  };
}

export type DemoService = ReturnType<typeof createDemoService>;
