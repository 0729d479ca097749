import type { OrgAccess } from '@shared/schemas/access';
import { countOf } from '@shared/text';

/**
 * What a member reaches, said from their paths: "Reaches 2 organizations
 * through 1 team and 1 direct membership", naming only the kinds of path they have.
 */
export function describeReach(organizations: readonly OrgAccess[]): string {
  if (organizations.length === 0) return 'Reaches no organization yet.';
  const teams = new Set(organizations.flatMap((entry) => entry.paths.flatMap((path) => (path.kind === 'team' ? [path.teamId] : []))));
  const direct = organizations.filter((entry) => entry.paths.some((path) => path.kind === 'direct')).length;
  const ways = [teams.size > 0 ? countOf(teams.size, 'team') : null, direct > 0 ? countOf(direct, 'direct membership') : null].filter(Boolean).join(' and ');
  return `Reaches ${countOf(organizations.length, 'organization')} through ${ways}.`;
}
