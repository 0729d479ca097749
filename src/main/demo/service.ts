import type { Actor } from '@shared/schemas/audit';
import type { CreateDemoInput, Enterprise } from '@shared/schemas/enterprise';
import type { OrgRole, SeatSource } from '@shared/schemas/members';
import { ok, type Result } from '@shared/result';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inAtomicWrite } from '../db/transaction';
import { createServices } from '../services';
import { addDemoActivity } from './activity';
import { inDemoBulk } from './bulk';
import { createDemoActivityRepository } from './activity-repository';
import { addLegacyAccounts, demoLegacyIndexes } from './legacy';
import { demoOrgNames } from './org-names';
import { demoPeople } from './people';
import { addEarlyAccounts, claimDemoDomain, DEMO_DEFAULT_TEAM, demoUnmanagedCount, finishDemoDomains } from './domains';
import { createRandom, type Random } from './random';
import { addDemoTeams, type DemoOrg, type Seated } from './teams';

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
  // The demo has a past: the same services run on a clock that the generator
  // sets to the moment of each step in a history that starts HISTORY_DAYS ago
  // (a few accounts are older still). The audit log is not rewritten: its
  // events carry the moment they were really written.
  let current = new Date(0);
  const clock = () => new Date(current);
  const setClock = (at: Date) => {
    current = at;
  };
  const auditNow: AuditRepository = { ...audit, record: (_at, actor, change) => audit.record(now(), actor, change) };
  const services = createServices(db, clock, auditNow);
  const activityRepository = createDemoActivityRepository(db);

  return {
    create(input: CreateDemoInput): Result<Enterprise> {
      const memberCount = input.members ?? DEMO_DEFAULT_MEMBERS;
      const random = createRandom(input.seed ?? DEMO_DEFAULT_SEED);
      const end = now().getTime();
      const start = end - HISTORY_DAYS * DAY_MS;
      /** A moment on a given day of the history, at a working hour. */
      const dayAt = (day: number) => new Date(start + day * DAY_MS + random.int(8 * 60, 18 * 60) * 60_000);

      return inAtomicWrite(db, (stop) => inDemoBulk(db, memberCount, () => {
        const unwrap = <T>(result: Result<T>): T => (result.ok ? result.value : stop(result));
        current = new Date(start);
        unwrap(services.enterprise.create({ name: DEMO_ENTERPRISE_NAME, seats: demoSeats(memberCount) }, DEMO_ACTOR));

        const orgNames = demoOrgNames(demoOrgCount(memberCount), random);
        const orgs: DemoOrg[] = orgNames.map((name, index) => {
          current = dayAt(Math.floor(((index + 1) * 365) / (orgNames.length + 1)));
          return { id: unwrap(services.orgs.create({ name }, DEMO_ACTOR)).id, name, at: current.getTime() };
        });
        const orgIds = orgs.map((org) => org.id);
        const orgOpened = new Map(orgs.map((org) => [org.id, org.at]));

        const { pending, expired } = demoInvitationCounts(memberCount);
        // The first pending invitation goes to one of the early accounts, so it needs no new person.
        const invitees = pending + expired - 1;
        const people = demoPeople(memberCount + invitees + demoUnmanagedCount(memberCount), random);
        const earlyPeople = people.slice(memberCount + invitees);
        const steps = { services, random, setClock, unwrap, actor: DEMO_ACTOR };
        addEarlyAccounts(steps, earlyPeople, start, end);
        const rule = services.settings.current().reportRule;
        const legacyIndexes = demoLegacyIndexes(memberCount);
        addLegacyAccounts(steps, [...legacyIndexes].map((index) => people[index]!), start, rule.trackingSince);
        const domainId = claimDemoDomain(steps, start);

        // Members join over the whole history, oldest first, and their organizations with them.
        const joined = new Map<number, number>(orgIds.map((id) => [id, 0]));
        const seated: Seated[] = [];
        const legacy = new Set<number>();
        people.slice(0, memberCount).forEach((person, index) => {
          current = dayAt(Math.floor(((index + 1) * (HISTORY_DAYS - 25)) / (memberCount + 1)));
          // Legacy members' accounts exist already: an admin gave them a seat.
          const source = legacyIndexes.has(index) ? 'manual' : pickSource(random);
          if (source === 'invitation') {
            // Invited, then signed up a few hours or days later, which accepts the invitation.
            unwrap(services.invitations.create({ email: person.email, role: 'member', orgIds: [], teamIds: [] }, DEMO_ACTOR));
            current = new Date(current.getTime() + random.int(1, 72) * 3_600_000);
            unwrap(services.members.recordSignup(person.email, person.name, DEMO_ACTOR));
          } else if (source === 'domain_capture') {
            // Signed up with their work address: domain capture gave them a seat.
            const signup = unwrap(services.members.recordSignup(person.email, person.name, DEMO_ACTOR));
            if (signup.captured !== 'joined') throw new Error(`The demo expected domain capture to seat ${person.email}.`);
          } else {
            unwrap(services.members.add({ email: person.email, name: person.name }, DEMO_ACTOR, source));
          }
          const accountId = unwrap(services.members.find(person.email)).accountId;
          const seatedAt = current.getTime();
          if (legacyIndexes.has(index)) legacy.add(accountId);
          seated.push({ accountId, at: seatedAt });
          let offset = 0;
          for (const orgId of pickOrganizations(orgIds, random)) {
            const before = joined.get(orgId)!;
            joined.set(orgId, before + 1);
            offset += random.int(1, 30) * 60_000;
            current = new Date(joinedAt(seatedAt + offset, orgOpened.get(orgId)!, before, random));
            unwrap(services.orgMembers.add(orgId, [accountId], roleFor(before, random), DEMO_ACTOR));
          }
        });

        const teams = addDemoTeams({ services, seated, orgs, random, dayAt, setClock, unwrap, actor: DEMO_ACTOR });
        finishDemoDomains(steps, domainId, teams.get(DEMO_DEFAULT_TEAM), end);

        // Recent invitations still pending, and older ones left to expire. The first
        // goes to one of the early accounts: the admin has asked them to join.
        [earlyPeople[0]!, ...people.slice(memberCount, memberCount + invitees)].forEach((person, index) => {
          const daysAgo = index < pending ? random.int(0, 20) : random.int(40, 60);
          current = new Date(end - daysAgo * DAY_MS - random.int(0, 600) * 60_000);
          const orgId = orgIds[random.int(0, orgIds.length - 1)]!;
          unwrap(services.invitations.create({ email: person.email, role: random.int(1, 10) === 1 ? 'admin' : 'member', orgIds: [orgId], teamIds: [] }, DEMO_ACTOR));
        });

        // Opens of the client over the last 120 days, up to the demo's moment. They are
        // no admin's change, so one event says where they came from rather than one a day.
        const activity = addDemoActivity({ activity: activityRepository, seated, legacy, end, rule, random });
        auditNow.record(now(), DEMO_ACTOR, { action: 'activity.demo', targetType: 'activity', targetLabel: `from ${activity.keptFrom}`, after: { ...activity, legacyMembers: legacy.size, shownDays: rule.shownDays } });
        return ok(unwrap(services.enterprise.get())!);
      }));
    },
  };
}

/**
 * When a member joins an organization: as they take their seat, or, for an
 * organization created after that, once it exists: its first member (its
 * owner) as it is created, the others over the following week.
 */
function joinedAt(wanted: number, opened: number, joinedBefore: number, random: Random): number {
  if (wanted >= opened) return wanted;
  return joinedBefore === 0 ? opened + 60_000 : opened + random.int(60, 7 * 24 * 60) * 60_000;
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
