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

/**
 * Audits the SCIM groups that applied again when a person got a seat back
 * (MemberRepository.insertMember): the identity provider had put them in these
 * teams while they held no seat, or before their seat was freed.
 */
export function auditProviderGroups(
  audit: AuditRepository,
  applied: readonly { id: number; name: string }[],
  member: { id: number; email: string },
  actor: Actor,
  at: Date,
): void {
  for (const team of applied) {
    audit.record(at, actor, {
      action: 'team.member.add',
      targetType: 'team',
      targetId: team.id,
      targetLabel: team.name,
      after: { accountId: member.id, email: member.email, reason: 'The identity provider put them in this group; it applies again now that they hold a seat.' },
    });
  }
}
