import type { Actor } from '@shared/schemas/audit';
import type { InvitationRole } from '@shared/schemas/members';
import type { Result } from '@shared/result';
import type { Services } from '../services';
import type { Random } from './random';
import { CORE_TEAMS, demoTeamNames } from './team-names';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Team members are added this many at a time. Each call of the team service is
 * a savepoint inside the demo's one transaction, and at 1,000,000 members,
 * while Developers (200,000) were added in one call, `perf` found 98% of the
 * demo's time in sqlite3BtreeSavepoint, the release of each statement's
 * savepoint inside that one: its cost grew with the savepoint around it, so
 * the run never got past that team. Added in batches, the rows are the same.
 */
const ADD_AT_ONCE = 500;

/** A member of the demo and the moment they took their seat. */
export interface Seated {
  accountId: number;
  at: number;
}

/** An organization of the demo and the moment it was created. */
export interface DemoOrg {
  id: number;
  name: string;
  at: number;
}

/** About one team per 50 members, never fewer than the three every demo has. */
export function demoTeamCount(members: number): number {
  return Math.max(CORE_TEAMS.length, Math.round(members / 50));
}

interface TeamPlan {
  name: string;
  role: InvitationRole;
  allOrgs: boolean;
  source: 'manual' | 'scim';
  size: number;
  /** The organization a core team is made for; extra teams pick theirs among those that exist by then. */
  org: DemoOrg | null;
  at: number;
}

/**
 * Teams in the pattern of the seed: Admins (admin) on all organizations,
 * Developers on Engineering, Product Managers on Product; then, at scale,
 * teams of 5 to 40 members on one or two organizations, a tenth of them
 * provisioned by the identity provider. Each team has a plausible past: it is
 * made once its organization exists and enough people hold seats, its members
 * are people seated by then, and it is linked only to organizations that
 * existed by then. Answers with the teams' ids by name.
 */
export function addDemoTeams({ services, seated, orgs, random, dayAt, setClock, unwrap, actor }: {
  services: Services;
  /** Every member with their seat's moment, in any order. */
  seated: Seated[];
  /** Every organization with its creation, oldest first. */
  orgs: DemoOrg[];
  random: Random;
  dayAt: (day: number) => Date;
  setClock: (at: Date) => void;
  unwrap: <T>(result: Result<T>) => T;
  actor: Actor;
}): Map<string, number> {
  const idp: Actor = { type: 'scim', name: 'demo identity provider' };
  const bySeat = [...seated].sort((a, b) => a.at - b.at);
  const memberCount = bySeat.length;
  const byName = new Map(orgs.map((org) => [org.name, org]));
  const total = demoTeamCount(memberCount);
  const extra = demoTeamNames(total - CORE_TEAMS.length, random);

  const plans: Omit<TeamPlan, 'at'>[] = [
    ...CORE_TEAMS.map((team) => ({
      ...team,
      source: 'manual' as const,
      size: team.allOrgs ? Math.max(3, Math.round(memberCount / 500)) : Math.max(5, Math.round(memberCount * (team.org === 'Engineering' ? 0.2 : 0.08))),
      org: team.org ? byName.get(team.org)! : null,
    })),
    ...extra.map((name) => ({
      name,
      role: random.int(1, 100) <= 15 ? ('admin' as const) : ('member' as const),
      allOrgs: false,
      source: random.int(1, 10) === 1 ? ('scim' as const) : ('manual' as const),
      size: random.int(5, 40),
      org: null,
    })),
  ];
  // Spread over the history, but never before the team's organization (or any, for
  // extra teams) exists, nor before as many people hold seats as the team will have.
  const timed: TeamPlan[] = plans.map((plan, index) => {
    const size = Math.min(plan.size, memberCount);
    const spread = dayAt(Math.floor(((index + 1) * 380) / (plans.length + 1))).getTime();
    const orgReady = plan.allOrgs ? 0 : (plan.org ?? orgs[0]!).at + random.int(1, 7) * DAY_MS;
    const peopleReady = (bySeat[size - 1]?.at ?? 0) + random.int(1, 48) * HOUR_MS;
    return { ...plan, size, at: Math.max(spread, orgReady, peopleReady) };
  });
  timed.sort((a, b) => a.at - b.at);

  const ids = new Map<string, number>();
  for (const plan of timed) {
    setClock(new Date(plan.at));
    const by = plan.source === 'scim' ? idp : actor;
    const team = unwrap(services.teams.create({ name: plan.name, role: plan.role }, by, plan.source));
    ids.set(plan.name, team.id);
    setClock(new Date(plan.at + random.int(1, 60) * 60_000));
    const seatedBy = countSeatedBy(bySeat, plan.at);
    const members = pickDistinct(bySeat, seatedBy, plan.size, random);
    for (let from = 0; from < members.length; from += ADD_AT_ONCE) {
      unwrap(services.teams.addMembers(team.id, members.slice(from, from + ADD_AT_ONCE), by, plan.source === 'scim' ? 'scim' : 'app'));
    }
    if (plan.allOrgs) unwrap(services.teams.link({ teamId: team.id, allOrgs: true }, actor));
    else unwrap(services.teams.link({ teamId: team.id, orgIds: pickOrgs(plan, orgs, random) }, actor));
  }
  return ids;
}

/** How many of the members (sorted by seat) held a seat at `at`. */
function countSeatedBy(bySeat: Seated[], at: number): number {
  let low = 0;
  let high = bySeat.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (bySeat[middle]!.at <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** `count` distinct members among the first `among` (by seat). */
function pickDistinct(bySeat: Seated[], among: number, count: number, random: Random): number[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(count, among)) picked.add(bySeat[random.int(0, among - 1)]!.accountId);
  return [...picked];
}

/** A core team's own organization; for the others, one or two among those created before the team. */
function pickOrgs(plan: TeamPlan, orgs: DemoOrg[], random: Random): number[] {
  if (plan.org) return [plan.org.id];
  const existing = orgs.filter((org) => org.at < plan.at);
  const count = Math.min(random.int(1, 2), existing.length);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(existing[random.int(0, existing.length - 1)]!.id);
  return [...picked];
}
