import type { Actor } from '@shared/schemas/audit';
import type { CreateDemoInput, Enterprise } from '@shared/schemas/enterprise';
import type { OrgRole, SeatSource } from '@shared/schemas/members';
import { ok, type Result } from '@shared/result';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inAtomicWrite } from '../db/transaction';
import { createServices, type Services } from '../services';
import { demoOrgNames } from './org-names';
import { demoPeople } from './people';
import { CORE_TEAMS, demoTeamNames } from './team-names';
import { createRandom, type Random } from './random';

export const DEMO_ENTERPRISE_NAME = 'Acme Corporation';
export const DEMO_DEFAULT_MEMBERS = 120;
export const DEMO_DEFAULT_SEED = 1;

/** Changes made by the generator are audited as Roster's own. */
export const DEMO_ACTOR: Actor = { type: 'system', name: 'demo generator' };

/** Seats: the members and pending invitations, plus about a tenth to spare, rounded up to a multiple of ten. */
export function demoSeats(members: number): number {
  return Math.ceil(((members + demoInvitationCounts(members).pending) * 1.1) / 10) * 10;
}

/** About one organization per 200 members, never fewer than six. */
export function demoOrgCount(members: number): number {
  return Math.max(6, Math.round(members / 200));
}

/** Pending invitations: about 3 in 100 members, at least two; and a few expired ones. */
export function demoInvitationCounts(members: number): { pending: number; expired: number } {
  return { pending: Math.max(2, Math.round(members * 0.03)), expired: Math.max(1, Math.round(members * 0.01)) };
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The demo enterprise was set up this long before it is generated; its organizations came after. */
const HISTORY_DAYS = 400;

/** How members came to hold their seats, as a share of a hundred. */
const SOURCE_WEIGHTS: [SeatSource, number][] = [
  ['manual', 45],
  ['invitation', 30],
  ['scim', 15],
  ['domain_capture', 7],
  ['import', 3],
];

function pickSource(random: Random): SeatSource {
  let roll = random.int(1, 100);
  for (const [source, weight] of SOURCE_WEIGHTS) {
    roll -= weight;
    if (roll <= 0) return source;
  }
  return 'manual';
}

export interface DemoServiceDeps {
  db: Db;
  audit: AuditRepository;
  now: () => Date;
}

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
  const services = createServices(db, clock, auditNow);

  return {
    create(input: CreateDemoInput): Result<Enterprise> {
      const memberCount = input.members ?? DEMO_DEFAULT_MEMBERS;
      const random = createRandom(input.seed ?? DEMO_DEFAULT_SEED);
      const end = now().getTime();
      const start = end - HISTORY_DAYS * DAY_MS;
      /** A moment on a given day of the history, at a working hour. */
      const dayAt = (day: number) => new Date(start + day * DAY_MS + random.int(8 * 60, 18 * 60) * 60_000);

      return inAtomicWrite(db, (stop) => {
        const unwrap = <T>(result: Result<T>): T => (result.ok ? result.value : stop(result));
        current = new Date(start);
        unwrap(services.enterprise.create({ name: DEMO_ENTERPRISE_NAME, seats: demoSeats(memberCount) }, DEMO_ACTOR));

        const orgNames = demoOrgNames(demoOrgCount(memberCount), random);
        const orgIds = orgNames.map((name, index) => {
          current = dayAt(Math.floor(((index + 1) * 365) / (orgNames.length + 1)));
          return unwrap(services.orgs.create({ name }, DEMO_ACTOR)).id;
        });

        // Members join over the whole history, oldest first, and their organizations with them.
        const { pending, expired } = demoInvitationCounts(memberCount);
        const people = demoPeople(memberCount + pending + expired, random);
        const joined = new Map<number, number>(orgIds.map((id) => [id, 0]));
        const accountIds: number[] = [];
        people.slice(0, memberCount).forEach((person, index) => {
          current = dayAt(Math.floor(((index + 1) * (HISTORY_DAYS - 25)) / (memberCount + 1)));
          const source = pickSource(random);
          if (source === 'invitation') {
            // Invited, then signed up a few hours or days later, which accepts the invitation.
            unwrap(services.invitations.create({ email: person.email, role: 'member', orgIds: [], teamIds: [] }, DEMO_ACTOR));
            current = new Date(current.getTime() + random.int(1, 72) * 3_600_000);
            unwrap(services.members.recordSignup(person.email, person.name, DEMO_ACTOR));
          } else {
            unwrap(services.members.add({ email: person.email, name: person.name }, DEMO_ACTOR, source));
          }
          const accountId = unwrap(services.members.find(person.email)).accountId;
          accountIds.push(accountId);
          for (const orgId of pickOrganizations(orgIds, random)) {
            const before = joined.get(orgId)!;
            joined.set(orgId, before + 1);
            current = new Date(current.getTime() + random.int(1, 30) * 60_000);
            unwrap(services.orgMembers.add(orgId, [accountId], roleFor(before, random), DEMO_ACTOR));
          }
        });

        addTeams({ services, accountIds, orgIds, orgNames, random, dayAt, unwrap, setClock: (at) => (current = at) });

        // Recent invitations still pending, and older ones left to expire.
        people.slice(memberCount).forEach((person, index) => {
          const daysAgo = index < pending ? random.int(0, 20) : random.int(40, 60);
          current = new Date(end - daysAgo * DAY_MS - random.int(0, 600) * 60_000);
          const orgId = orgIds[random.int(0, orgIds.length - 1)]!;
          unwrap(services.invitations.create({ email: person.email, role: random.int(1, 10) === 1 ? 'admin' : 'member', orgIds: [orgId], teamIds: [] }, DEMO_ACTOR));
        });
        return ok(unwrap(services.enterprise.get())!);
      });
    },
  };
}

/** About one team per 50 members, never fewer than the three every demo has. */
export function demoTeamCount(members: number): number {
  return Math.max(CORE_TEAMS.length, Math.round(members / 50));
}

/**
 * Teams in the pattern of the seed: Admins (admin) on all organizations,
 * Developers on Engineering, Product Managers on Product; then, at scale,
 * teams of 5 to 40 members on one or two organizations, a tenth of them
 * provisioned by the identity provider.
 */
function addTeams({ services, accountIds, orgIds, orgNames, random, setClock, dayAt, unwrap }: {
  services: Services;
  accountIds: number[];
  orgIds: number[];
  orgNames: string[];
  random: Random;
  setClock: (at: Date) => void;
  dayAt: (day: number) => Date;
  unwrap: <T>(result: Result<T>) => T;
}): void {
  const actor = DEMO_ACTOR;
  const memberCount = accountIds.length;
  const idp: Actor = { type: 'scim', name: 'demo identity provider' };
  const pickMembers = (count: number) => {
    const ids = new Set<number>();
    while (ids.size < Math.min(count, memberCount)) ids.add(accountIds[random.int(0, memberCount - 1)]!);
    return [...ids];
  };
  const total = demoTeamCount(memberCount);
  const extra = demoTeamNames(total - CORE_TEAMS.length, random);
  const plans = [
    ...CORE_TEAMS.map((team) => ({
      ...team,
      source: 'manual' as const,
      size: team.allOrgs ? Math.max(3, Math.round(memberCount / 500)) : Math.max(5, Math.round(memberCount * (team.org === 'Engineering' ? 0.2 : 0.08))),
      orgs: team.org ? [orgIds[orgNames.indexOf(team.org)]!] : [],
    })),
    ...extra.map((name) => ({
      name,
      role: random.int(1, 100) <= 15 ? ('admin' as const) : ('member' as const),
      allOrgs: false,
      source: random.int(1, 10) === 1 ? ('scim' as const) : ('manual' as const),
      size: random.int(5, 40),
      orgs: [...new Set([orgIds[random.int(0, orgIds.length - 1)]!, orgIds[random.int(0, orgIds.length - 1)]!])].slice(0, random.int(1, 2)),
    })),
  ];
  plans.forEach((plan, index) => {
    setClock(dayAt(Math.floor(((index + 1) * 380) / (plans.length + 1))));
    const by = plan.source === 'scim' ? idp : actor;
    const team = unwrap(services.teams.create({ name: plan.name, role: plan.role }, by, plan.source));
    unwrap(services.teams.addMembers(team.id, pickMembers(plan.size), by, plan.source === 'scim' ? 'scim' : 'app'));
    if (plan.allOrgs) unwrap(services.teams.link({ teamId: team.id, allOrgs: true }, actor));
    else if (plan.orgs.length > 0) unwrap(services.teams.link({ teamId: team.id, orgIds: plan.orgs }, actor));
  });
}

/** One to three organizations for a new member, half the picks among the first two (Engineering, Product). */
function pickOrganizations(orgIds: number[], random: Random): Set<number> {
  const picked = new Set<number>();
  const count = Math.min(random.int(1, 3), orgIds.length);
  while (picked.size < count) {
    const index = random.int(1, 2) === 1 ? random.int(0, Math.min(1, orgIds.length - 1)) : random.int(0, orgIds.length - 1);
    picked.add(orgIds[index]!);
  }
  return picked;
}

/** An organization's first member owns it, and one in 150 after; about one in twelve are admins. */
function roleFor(joinedBefore: number, random: Random): OrgRole {
  if (joinedBefore % 150 === 0) return 'owner';
  return random.int(1, 12) === 1 ? 'admin' : 'member';
}

export type DemoService = ReturnType<typeof createDemoService>;
