import type { Actor } from '@shared/schemas/audit';
import type { CreateDemoInput, Enterprise } from '@shared/schemas/enterprise';
import { ok, type Result } from '@shared/result';
import type { Db } from '../db/open';
import { inAtomicWrite } from '../db/transaction';
import type { AuditRepository } from '../audit/repository';
import { createServices } from '../services';
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

export interface DemoServiceDeps {
  db: Db;
  audit: AuditRepository;
  now: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The demo enterprise was set up this long before it is generated; its organizations came after. */
const HISTORY_DAYS = 400;

/**
 * A synthetic enterprise to explore and to benchmark with. The same members,
 * seed and clock always give the same enterprise. It goes through the same
 * services as the UI, so every rule holds and every change is audited; all of
 * it is one transaction, so a failure leaves no half-made demo behind.
 */
export function createDemoService({ db, audit, now }: DemoServiceDeps) {
  // The demo has a past: the same services run on a clock that starts
  // HISTORY_DAYS ago and moves forward as the generator works. The audit log
  // is not rewritten: its events carry the moment they were really written.
  let current = new Date(0);
  const clock = () => new Date(current);
  const auditNow: AuditRepository = { ...audit, record: (_at, actor, change) => audit.record(now(), actor, change) };
  const { enterprise, orgs } = createServices(db, clock, auditNow);

  return {
    create(input: CreateDemoInput): Result<Enterprise> {
      const members = input.members ?? DEMO_DEFAULT_MEMBERS;
      const random = createRandom(input.seed ?? DEMO_DEFAULT_SEED);
      const start = now().getTime() - HISTORY_DAYS * DAY_MS;
      return inAtomicWrite(db, (stop) => {
        const unwrap = <T>(result: Result<T>): T => (result.ok ? result.value : stop(result));
        current = new Date(start);
        const created = unwrap(enterprise.create({ name: DEMO_ENTERPRISE_NAME, seats: demoSeats(members) }, DEMO_ACTOR));
        const names = demoOrgNames(demoOrgCount(members), random);
        names.forEach((name, index) => {
          // Spread over the first year, at a working hour of the day.
          const day = Math.floor(((index + 1) * 365) / (names.length + 1));
          current = new Date(start + day * DAY_MS + random.int(8 * 60, 18 * 60) * 60_000);
          unwrap(orgs.create({ name }, DEMO_ACTOR));
        });
        return ok(created);
      });
    },
  };
}

export type DemoService = ReturnType<typeof createDemoService>;
