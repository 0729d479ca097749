import { resolveAccess, ROLE_RANK, type AccessPath } from '@shared/access';
import type { OrgAccess } from '@shared/schemas/access';
import type { OrgRole } from '@shared/schemas/members';
import { ROLE_LABEL } from './labels';

/** A change to one member's paths: leaving a team, leaving an organization's direct membership, or a new direct role. */
export type AccessChange = { kind: 'leaveTeam'; teamId: number } | { kind: 'leaveOrg'; orgId: number } | { kind: 'setRole'; orgId: number; role: OrgRole };

/** What a change does in one organization: the role before, the role after (null: no access left), and the path it comes through. */
export interface OrgOutcome {
  org: { id: number; name: string };
  before: OrgRole;
  after: OrgRole | null;
  through: AccessPath | null;
}

function pathsAfter(paths: readonly AccessPath[], orgId: number, change: AccessChange): AccessPath[] {
  if (change.kind === 'leaveTeam') return paths.filter((path) => path.kind !== 'team' || path.teamId !== change.teamId);
  if (change.orgId !== orgId) return [...paths];
  const others = paths.filter((path) => path.kind !== 'direct');
  return change.kind === 'leaveOrg' ? others : [{ kind: 'direct', role: change.role }, ...others];
}

function touches(entry: OrgAccess, change: AccessChange): boolean {
  if (change.kind === 'leaveTeam') return entry.paths.some((path) => path.kind === 'team' && path.teamId === change.teamId);
  return entry.org.id === change.orgId && (change.kind === 'setRole' || entry.paths.some((path) => path.kind === 'direct'));
}

/**
 * What remains of a member's access after a change, in each organization the
 * change touches, by the access rule itself (resolveAccess, docs/RULES.md T4):
 * the highest role among the paths left, through the path that wins.
 * `organizations` is the member's access as access:member gives it (every
 * path, teams linked to all organizations included in each).
 */
export function accessAfter(organizations: readonly OrgAccess[], change: AccessChange): OrgOutcome[] {
  return organizations
    .filter((entry) => touches(entry, change))
    .map((entry) => {
      const resolved = resolveAccess(pathsAfter(entry.paths, entry.org.id, change));
      return { org: entry.org, before: entry.role, after: resolved?.role ?? null, through: resolved?.winner ?? null };
    });
}

/** "Engineering", "Engineering and Product", "A, B, C and 4 more organizations": a few names, then a count of the rest. */
export function listNames(names: readonly string[], shown = 3, plural = 'organizations'): string {
  if (names.length <= shown + 1) return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more ${plural}`;
}

function throughWords(path: AccessPath): string {
  return path.kind === 'direct' ? 'directly' : `through ${path.teamName}`;
}

/** One clause for organizations that share an outcome: "keeps Admin in Engineering through Dev". */
function clause(outcome: OrgOutcome, orgs: string): string {
  const { before, after, through } = outcome;
  if (after === null || through === null) return `loses access to ${orgs}`;
  const role = ROLE_LABEL[after];
  if (after === before) return `keeps ${role} in ${orgs} ${throughWords(through)}`;
  const verb = ROLE_RANK[after] < ROLE_RANK[before] ? 'drops' : 'rises';
  return `${verb} from ${ROLE_LABEL[before]} to ${role} in ${orgs} ${throughWords(through)}`;
}

function outcomeKey(outcome: OrgOutcome): string {
  const through = outcome.through === null ? '' : outcome.through.kind === 'direct' ? 'direct' : `team:${outcome.through.teamId}`;
  return `${outcome.before}|${outcome.after ?? ''}|${through}`;
}

/**
 * The outcomes in one sentence, naming the person: "Ana Lima keeps Admin in
 * Engineering through Dev and loses access to Research." Organizations with
 * the same outcome share a clause (a team linked to all organizations touches
 * every one); losses come last.
 */
export function describeAccessAfter(who: string, outcomes: readonly OrgOutcome[]): string {
  if (outcomes.length === 0) return `${who} loses no access to any organization.`;
  const groups = new Map<string, { outcome: OrgOutcome; names: string[] }>();
  for (const outcome of outcomes) {
    const key = outcomeKey(outcome);
    const group = groups.get(key) ?? { outcome, names: [] };
    group.names.push(outcome.org.name);
    groups.set(key, group);
  }
  const ordered = [...groups.values()].sort((a, b) => Number(a.outcome.after === null) - Number(b.outcome.after === null));
  const clauses = ordered.map((group) => clause(group.outcome, listNames(group.names)));
  const joined = clauses.length === 1 ? clauses[0]! : `${clauses.slice(0, -1).join(', ')} and ${clauses.at(-1)}`;
  return `${who} ${joined}.`;
}

/**
 * Said under a proposed direct role in one organization, before it is saved:
 * when another path keeps a role other than the one chosen, what stays in
 * force; when the last owner steps down, that the organization will have none.
 * `owners` counts the organization's owners among its direct members.
 */
export function roleWarning(entry: OrgAccess, who: string, next: OrgRole, owners: number | undefined): string | null {
  const direct = entry.paths.find((path) => path.kind === 'direct');
  const warnings: string[] = [];
  if (direct?.role === 'owner' && next !== 'owner' && owners === 1) warnings.push(`${entry.org.name} will have no owner left.`);
  const [outcome] = accessAfter([entry], { kind: 'setRole', orgId: entry.org.id, role: next });
  if (outcome && outcome.after !== next) warnings.push(describeAccessAfter(who, [outcome]));
  return warnings.length > 0 ? warnings.join(' ') : null;
}
