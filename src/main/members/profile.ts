import { emailKey } from '@shared/schemas/email';
import type { Invitation } from '@shared/schemas/invitations';
import type { MemberProfile } from '@shared/schemas/member-profile';
import type { ReportRule } from '@shared/schemas/settings';
import { fail, ok, type Result } from '@shared/result';
import type { Db } from '../db/open';
import type { EnterpriseService } from '../enterprise/service';
import type { InvitationRepository } from '../invitations/repository';
import type { InvitationService } from '../invitations/service';
import { createLastActiveReader } from '../report/last-active';
import type { MemberRepository } from './repository';

export interface MemberProfileDeps {
  db: Db;
  members: MemberRepository;
  invitationRepository: InvitationRepository;
  invitations: InvitationService;
  /** The Last Active rule in force (Settings). */
  reportRule: () => ReportRule;
  enterprise: EnterpriseService;
  now: () => Date;
}

/**
 * A member's page reads their seat here: the same Last Active reader as
 * Licenses and `roster members list` (report/last-active.ts), so the three
 * never disagree, read in one transaction so the facts agree with each other.
 */
export function createMemberProfiles({ db, members, invitationRepository, invitations, reportRule, enterprise, now }: MemberProfileDeps) {
  const lastActiveOf = createLastActiveReader(db);

  return {
    get(accountId: number): Result<MemberProfile> {
      const required = enterprise.require();
      if (!required.ok) return required;
      return db.transaction((): Result<MemberProfile> => {
        const member = members.findMember(accountId);
        if (!member) return fail('NOT_FOUND', `There is no member with id ${accountId}; their seat may have been released.`);
        const at = now();
        // Every member has a row in the report's query, so the reader always answers for one.
        const seen = lastActiveOf([accountId], { asOf: at.toISOString(), rule: reportRule() }).get(accountId)!;
        const pending = invitationRepository
          .pendingFor(emailKey(member.email))
          .map((row) => invitations.get(row.id))
          .flatMap((found): Invitation[] => (found.ok ? [found.value] : []));
        return ok({
          accountId,
          email: member.email,
          name: member.name,
          source: member.source,
          seatSince: member.seatSince,
          lastActiveAt: member.lastActiveAt,
          lastActive: seen.lastActive,
          lastActiveLegacy: seen.legacy,
          idleDays: seen.idleDays,
          lastLoginAt: member.lastLoginAt,
          // As reclaiming idle seats judges it: the provider gave them the seat, or has written them as a SCIM user.
          scimManaged: member.source === 'scim' || members.isProvisioned(accountId),
          invitations: pending,
        });
      })();
    },
  };
}

export type MemberProfiles = ReturnType<typeof createMemberProfiles>;
