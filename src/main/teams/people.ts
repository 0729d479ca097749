import type { Actor } from '@shared/schemas/audit';
import { emailKey } from '@shared/schemas/email';
import type { ReportRule } from '@shared/schemas/settings';
import {
  WITHOUT_SEAT_LIMIT,
  type Team,
  type TeamInvitationPage,
  type TeamInvitationsInput,
  type TeamInviteResult,
  type TeamMemberPage,
  type TeamMembersInput,
  type TeamWithoutSeatPage,
} from '@shared/schemas/teams';
import { fail, ok, type Result } from '@shared/result';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import type { EnterpriseService } from '../enterprise/service';
import type { InvitationRepository } from '../invitations/repository';
import type { InvitationService } from '../invitations/service';
import type { MemberRepository } from '../members/repository';
import { createLastActiveReader } from '../report/last-active';
import { joinTeam } from './membership';
import type { TeamRepository } from './repository';

export interface TeamPeopleDeps {
  db: Db;
  teams: TeamRepository;
  members: MemberRepository;
  invitationRepository: InvitationRepository;
  invitations: InvitationService;
  enterprise: EnterpriseService;
  audit: AuditRepository;
  /** The Last Active rule in force (Settings), by which members' Last Active is shown. */
  reportRule: () => ReportRule;
  now: () => Date;
}

const shortDate = (iso: string) => iso.slice(0, 10);

/**
 * The people on a team's page: its members with their Last Active, those its
 * SCIM group names who hold no seat, its pending invitations, and inviting
 * someone into it (docs/RULES.md, T7).
 */
export function createTeamPeople({ db, teams, members, invitationRepository, invitations, enterprise, audit, reportRule, now }: TeamPeopleDeps) {
  const lastActiveOf = createLastActiveReader(db);

  function findTeam(id: number): Result<Team> {
    const required = enterprise.require();
    if (!required.ok) return required;
    const team = teams.find(id);
    return team ? ok(team) : fail('NOT_FOUND', `There is no team with id ${id}; it may have been deleted meanwhile.`);
  }

  return {
    /** A page of its members, each with Last Active by the report's rule (docs/RULES.md, A3b), as of now. */
    members(input: TeamMembersInput): Result<TeamMemberPage> {
      const team = findTeam(input.teamId);
      if (!team.ok) return team;
      // One read transaction, so the page and its Last Active agree.
      return db.transaction(() => {
        const page = teams.members(input);
        const shown = lastActiveOf(
          page.rows.map((row) => row.accountId),
          { asOf: now().toISOString(), rule: reportRule() },
        );
        const rows = page.rows.map((row) => {
          const lastActive = shown.get(row.accountId);
          return { ...row, lastActive: lastActive?.lastActive ?? 'N/A', lastActiveLegacy: lastActive?.legacy ?? false };
        });
        return ok({ rows, total: page.total });
      })();
    },

    /** Whom the identity provider put in this team who hold no seat, so the team does not apply to them yet. */
    withoutSeat(teamId: number): Result<TeamWithoutSeatPage> {
      const team = findTeam(teamId);
      return team.ok ? ok(teams.withoutSeat(teamId, WITHOUT_SEAT_LIMIT)) : team;
    },

    /** The pending invitations that name it (expired ones too, to resend), as they stand now. */
    invitations(input: TeamInvitationsInput): Result<TeamInvitationPage> {
      const team = findTeam(input.teamId);
      if (!team.ok) return team;
      return db.transaction(() => {
        const page = teams.invitations(input, now().toISOString());
        const rows = page.rows.map((row) => ({
          ...row,
          otherTeams: invitationRepository.teams(row.id).filter((other) => other.id !== input.teamId),
          organizations: invitationRepository.organizations(row.id),
        }));
        return ok({ rows, total: page.total });
      })();
    },

    /**
     * Puts an address in the team, as an admin of GitHub Enterprise expects of
     * a team's "Invite": someone who holds a seat joins at once; someone with a
     * pending invitation has the team added to it (no second invitation, no
     * second seat); anyone else is sent an invitation naming the team, which
     * holds a seat until it is accepted. A team the identity provider manages
     * takes no one this way: its members are set there.
     */
    invite(teamId: number, email: string, actor: Actor): Result<TeamInviteResult> {
      return inWriteTransaction(db, () => {
        const found = findTeam(teamId);
        if (!found.ok) return found;
        const team = found.value;
        if (team.source === 'scim') {
          return fail<TeamInviteResult>('FORBIDDEN', `${team.name} is managed by your identity provider: its members are set there, not by invitation.`);
        }
        const at = now();
        const key = emailKey(email);
        const account = members.findAccountByKey(key);
        if (account && members.findMember(account.id)) {
          if (teams.isMember(team.id, account.id)) {
            return fail<TeamInviteResult>('CONFLICT', `${account.email} is in ${team.name} already.`, [{ path: 'email', message: `Already in ${team.name}` }]);
          }
          joinTeam({ teams, audit }, team, account, actor, at);
          return ok({ outcome: 'added' as const, email: account.email, accountId: account.id, invitationId: null, expiresAt: null });
        }
        const [live] = invitationRepository.liveFor(key, at.toISOString());
        if (live) {
          const named = invitationRepository.teams(live.id);
          if (named.some((other) => other.id === team.id)) {
            return fail<TeamInviteResult>(
              'CONFLICT',
              `${live.email} is invited into ${team.name} already (sent ${shortDate(live.sentAt)}, expires ${shortDate(live.expiresAt)}). Resend that invitation to give it a new expiry.`,
              [{ path: 'email', message: `Invited into ${team.name} already (expires ${shortDate(live.expiresAt)}): resend that invitation from the list instead` }],
            );
          }
          teams.nameInInvitation(team.id, live.id);
          audit.record(at, actor, {
            action: 'invitation.addTeam',
            targetType: 'invitation',
            targetId: live.id,
            targetLabel: live.email,
            before: { teams: named.map((other) => other.name) },
            after: { teams: invitationRepository.teams(live.id).map((other) => other.name) },
          });
          return ok({ outcome: 'addedToInvitation' as const, email: live.email, accountId: null, invitationId: live.id, expiresAt: live.expiresAt });
        }
        const created = invitations.create({ email, role: 'member', orgIds: [], teamIds: [team.id] }, actor);
        if (!created.ok) return created;
        const invitation = created.value;
        return ok({ outcome: 'invited' as const, email: invitation.email, accountId: null, invitationId: invitation.id, expiresAt: invitation.expiresAt });
      });
    },
  };
}

export type TeamPeople = ReturnType<typeof createTeamPeople>;
