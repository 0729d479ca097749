import type { OrgRole } from './schemas/members';
import { compareNames } from './schemas/names';

/** owner > admin > member. */
export const ROLE_RANK: Record<OrgRole, number> = { owner: 3, admin: 2, member: 1 };

/** One way a member reaches an organization: directly, or through a team linked to it. */
export type AccessPath = { kind: 'direct'; role: OrgRole } | { kind: 'team'; teamId: number; teamName: string; role: OrgRole };

/**
 * THE access rule (docs/RULES.md, T4): a member's role in an organization is the highest
 * role among all their paths to it. The winning path is the first path with
 * that role in this order: direct before teams, teams by name as the database
 * orders them (compareNames: by code point, never by the machine's locale),
 * then by id. Every screen, command and check asks this function.
 */
export function resolveAccess(paths: readonly AccessPath[]): { role: OrgRole; winner: AccessPath; paths: AccessPath[] } | null {
  if (paths.length === 0) return null;
  const ordered = [...paths].sort((a, b) => {
    const byRank = ROLE_RANK[b.role] - ROLE_RANK[a.role];
    if (byRank !== 0) return byRank;
    if (a.kind !== b.kind) return a.kind === 'direct' ? -1 : 1;
    return a.kind === 'team' && b.kind === 'team' ? compareNames(a.teamName, b.teamName) || a.teamId - b.teamId : 0;
  });
  const winner = ordered[0]!;
  return { role: winner.role, winner, paths: ordered };
}

export function describePath(path: AccessPath): string {
  return path.kind === 'direct' ? `direct (${path.role})` : `via team ${path.teamName} (${path.role})`;
}
