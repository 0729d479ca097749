import type { Actor } from '@shared/schemas/audit';
import type { AuditRepository } from '../audit/repository';
import type { TeamRepository } from './repository';

/**
 * Puts a member in a team on another change's behalf (an accepted invitation,
 * domain capture), inside that change's transaction: audited like any team
 * change, and only when they were not in it already. Returns whether they joined.
 * A team the identity provider has since adopted (source scim) is skipped: only
 * SCIM sets its members, whatever an older invitation or domain setting says.
 */
export function joinTeam(
  deps: { teams: TeamRepository; audit: AuditRepository },
  team: { id: number; name: string },
  member: { id: number; email: string },
  actor: Actor,
  at: Date,
): boolean {
  if (deps.teams.find(team.id)?.source === 'scim') return false;
  if (deps.teams.isMember(team.id, member.id)) return false;
  deps.teams.addMember(team.id, member.id, at.toISOString());
  deps.audit.record(at, actor, { action: 'team.member.add', targetType: 'team', targetId: team.id, targetLabel: team.name, after: { accountId: member.id, email: member.email } });
  return true;
}
