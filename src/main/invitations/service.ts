import type { Actor } from '@shared/schemas/audit';
import { emailKey } from '@shared/schemas/email';
import type { CreateInvitationInput, Invitation, InvitationStatus } from '@shared/schemas/invitations';
import { ROLE_RANK } from '@shared/access';
import type { SeatSource } from '@shared/schemas/members';
import { fail, ok, type Result } from '@shared/result';
import { DAY_MS } from '@shared/time';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inAtomicWrite, inWriteTransaction } from '../db/transaction';
import type { EnterpriseService } from '../enterprise/service';
import type { InviteControl } from '../domains/invite-control';
import { ensureAccount } from '../members/accounts';
import type { AccountRow, MemberRepository } from '../members/repository';
import type { OrgMemberRepository } from '../org-members/repository';
import type { OrgRepository } from '../orgs/repository';
import type { SeatService } from '../seats/service';
import type { SettingsService } from '../settings/service';
import { auditProviderGroups, joinTeam } from '../teams/membership';
import type { TeamRepository } from '../teams/repository';
import type { InvitationRow, InvitationRepository } from './repository';

export interface InvitationServiceDeps {
  db: Db;
  invitations: InvitationRepository;
  members: MemberRepository;
  orgs: OrgRepository;
  orgMembers: OrgMemberRepository;
  teams: TeamRepository;
  inviteControl: InviteControl;
  seats: SeatService;
  settings: SettingsService;
  enterprise: EnterpriseService;
  audit: AuditRepository;
  now: () => Date;
}

const shortDate = (iso: string) => iso.slice(0, 10);

/**
 * Invitations: offers of a seat, into teams and organizations. Each change
 * reads the clock once and judges expiry, seats and audit at that one moment.
 */
export function createInvitationService(deps: InvitationServiceDeps) {
  const { db, invitations, members, orgs, orgMembers, teams, inviteControl, seats, settings, enterprise, audit, now } = deps;

  const statusOf = (row: InvitationRow, at: Date): InvitationStatus =>
    row.status === 'pending' && row.expiresAt <= at.toISOString() ? 'expired' : row.status;

  const toInvitation = (row: InvitationRow, at: Date): Invitation => ({
    id: row.id,
    email: row.email,
    role: row.role,
    status: statusOf(row, at),
    sentAt: row.sentAt,
    expiresAt: row.expiresAt,
    organizations: invitations.organizations(row.id),
    teams: invitations.teams(row.id),
  });

  const expiryFrom = (at: Date) => new Date(at.getTime() + settings.current().invitationExpiryDays * DAY_MS).toISOString();

  const inviteControlRefusal = (email: string) => inviteControl.refusal(email);

  /** A pending invitation by id, whatever its expiry, or why there is none. */
  function findPending(id: number): Result<InvitationRow> {
    const row = invitations.find(id);
    if (!row) return fail('NOT_FOUND', `There is no invitation with id ${id}.`);
    if (row.status !== 'pending') return fail('CONFLICT', `The invitation to ${row.email} was already ${row.status}.`);
    return ok(row);
  }

  /**
   * Accepts the live invitations to this account's address at `at`: the
   * account becomes a member (on the seat the invitation held) and joins its
   * teams and organizations, never lowering a role it already has. Runs inside
   * the caller's transaction. Returns how many were accepted.
   */
  function acceptLiveFor(account: AccountRow, source: SeatSource, actor: Actor, at: Date): number {
    const iso = at.toISOString();
    const live = invitations.liveFor(emailKey(account.email), iso);
    for (const invitation of live) {
      if (!members.findMember(account.id)) {
        const applied = members.insertMember({ accountId: account.id, source, at: iso, invitationId: invitation.id });
        audit.record(at, actor, { action: 'member.add', targetType: 'member', targetId: account.id, targetLabel: account.email, after: { email: account.email, source } });
        auditProviderGroups(audit, applied, account, actor, at);
      }
      const joinedTeams = invitations
        .teams(invitation.id)
        .filter((team) => joinTeam({ teams, audit }, team, account, actor, at))
        .map((team) => team.name);
      const joinedOrgs = invitations.organizations(invitation.id).map((org) => {
        const existing = orgMembers.find(org.id, account.id);
        if (!existing) orgMembers.insert({ orgId: org.id, accountId: account.id, role: invitation.role, at: iso });
        else if (ROLE_RANK[existing.role] < ROLE_RANK[invitation.role]) orgMembers.setRole({ orgId: org.id, accountId: account.id, role: invitation.role });
        return org.name;
      });
      invitations.accept(invitation.id, account.id, iso);
      audit.record(at, actor, {
        action: 'invitation.accept',
        targetType: 'invitation',
        targetId: invitation.id,
        targetLabel: invitation.email,
        before: { status: 'pending' },
        after: { status: 'accepted', accountId: account.id, organizations: joinedOrgs, teams: joinedTeams, role: invitation.role },
      });
    }
    return live.length;
  }

  function revokeRow(row: InvitationRow, actor: Actor, at: Date): void {
    invitations.revoke(row.id, at.toISOString());
    audit.record(at, actor, {
      action: 'invitation.revoke',
      targetType: 'invitation',
      targetId: row.id,
      targetLabel: row.email,
      before: { status: statusOf(row, at) },
      after: { status: 'revoked' },
    });
  }

  /** Revokes every pending invitation to an address (when its seat is released). Inside the caller's transaction. */
  function revokeAllFor(key: string, actor: Actor, at: Date): number {
    const pending = invitations.pendingFor(key);
    for (const invitation of pending) revokeRow(invitation, actor, at);
    return pending.length;
  }

  return {
    inviteControlRefusal,
    acceptLiveFor,
    revokeAllFor,
    revokeRow,
    statusOf,

    /** The newest pending invitation to an address, expired or not. */
    find(email: string): Result<Invitation> {
      const pending = invitations.pendingFor(emailKey(email));
      const newest = pending.at(-1);
      return newest ? ok(toInvitation(newest, now())) : fail('NOT_FOUND', `There is no pending invitation to ${email}.`);
    },

    get(id: number): Result<Invitation> {
      const row = invitations.find(id);
      return row ? ok(toInvitation(row, now())) : fail('NOT_FOUND', `There is no invitation with id ${id}.`);
    },

    create(input: CreateInvitationInput, actor: Actor): Result<Invitation> {
      return inWriteTransaction(db, () => {
        const required = enterprise.require();
        if (!required.ok) return required;
        const at = now();
        const key = emailKey(input.email);
        const [live] = invitations.liveFor(key, at.toISOString());
        if (live) {
          return fail<Invitation>(
            'CONFLICT',
            `${live.email} already has a pending invitation (sent ${shortDate(live.sentAt)}, expires ${shortDate(live.expiresAt)}). Resend it instead.`,
            [{ path: 'email', message: 'Already invited: resend that invitation instead' }],
          );
        }
        const orgIds = [...new Set(input.orgIds)];
        const missing = orgIds.filter((id) => !orgs.findById(id));
        if (missing.length > 0) {
          return fail<Invitation>('NOT_FOUND', `No organization has the id ${missing.join(', ')}; it may have been deleted meanwhile.`);
        }
        const teamIds = [...new Set(input.teamIds)];
        for (const teamId of teamIds) {
          const team = teams.find(teamId);
          if (!team) return fail<Invitation>('NOT_FOUND', `No team has the id ${teamId}; it may have been deleted meanwhile.`);
          if (team.source === 'scim') {
            return fail<Invitation>('FORBIDDEN', `${team.name} is managed by your identity provider: its members are set there, not by invitation.`);
          }
        }
        const refusal = inviteControlRefusal(input.email);
        if (refusal) return fail<Invitation>('FORBIDDEN', refusal, [{ path: 'email', message: refusal }]);
        // An invitation to someone who already holds a seat takes no second one.
        if (!seats.holdsSeat(key)) {
          const free = seats.requireFree(at);
          if (!free.ok) return free;
        }
        const id = invitations.insert({ email: input.email, key, role: input.role, at: at.toISOString(), expiresAt: expiryFrom(at), orgIds, teamIds });
        const invitation = toInvitation(invitations.find(id)!, at);
        audit.record(at, actor, {
          action: 'invitation.create',
          targetType: 'invitation',
          targetId: id,
          targetLabel: input.email,
          after: {
            email: input.email,
            role: input.role,
            organizations: invitation.organizations.map((org) => org.name),
            teams: invitation.teams.map((team) => team.name),
            expiresAt: invitation.expiresAt,
          },
        });
        return ok(invitation);
      });
    },

    /**
     * Invites many accounts at once (unmanaged accounts on a verified domain,
     * as `isUnmanaged` judges inside this transaction): as members, into no team
     * or organization. Those with a live invitation already are left as they
     * are. All or nothing, seats permitting.
     */
    inviteAccounts(accountIds: number[], actor: Actor, isUnmanaged: (accountId: number) => boolean): Result<{ invited: number; alreadyInvited: number }> {
      return inAtomicWrite(db, (stop) => {
        const required = enterprise.require();
        if (!required.ok) return required;
        const at = now();
        const targets: AccountRow[] = [];
        let alreadyInvited = 0;
        for (const accountId of new Set(accountIds)) {
          const account = members.findAccount(accountId);
          if (!account) return stop(fail('NOT_FOUND', `There is no account with id ${accountId}. Nobody was invited.`));
          if (!isUnmanaged(accountId)) {
            return stop(fail('CONFLICT', `${account.email} is not an unmanaged account on a verified domain (it may hold a seat already). Nobody was invited.`));
          }
          if (invitations.liveFor(emailKey(account.email), at.toISOString()).length > 0) alreadyInvited += 1;
          else targets.push(account);
        }
        const needSeats = targets.filter((account) => !seats.holdsSeat(emailKey(account.email))).length;
        if (needSeats > 0) {
          const free = seats.requireFree(at, needSeats);
          if (!free.ok) return free;
        }
        for (const account of targets) {
          const refusal = inviteControlRefusal(account.email);
          if (refusal) return stop(fail('FORBIDDEN', `${refusal} Nobody was invited.`));
          const id = invitations.insert({ email: account.email, key: emailKey(account.email), role: 'member', at: at.toISOString(), expiresAt: expiryFrom(at), orgIds: [], teamIds: [] });
          audit.record(at, actor, { action: 'invitation.create', targetType: 'invitation', targetId: id, targetLabel: account.email, after: { email: account.email, role: 'member', organizations: [], teams: [] } });
        }
        return ok({ invited: targets.length, alreadyInvited });
      });
    },

    /** Sends again with a new expiry. An expired one needs a free seat again, unless its address holds one. */
    resend(id: number, actor: Actor): Result<Invitation> {
      return inWriteTransaction(db, () => {
        const found = findPending(id);
        if (!found.ok) return found;
        const row = found.value;
        const at = now();
        if (statusOf(row, at) === 'expired') {
          const [other] = invitations.liveFor(row.emailKey, at.toISOString());
          if (other) return fail<Invitation>('CONFLICT', `${row.email} has a newer pending invitation (id ${other.id}); resend that one.`);
          if (!seats.holdsSeat(row.emailKey)) {
            const free = seats.requireFree(at);
            if (!free.ok) return free;
          }
        }
        const expiresAt = expiryFrom(at);
        invitations.resend(id, at.toISOString(), expiresAt);
        audit.record(at, actor, {
          action: 'invitation.resend',
          targetType: 'invitation',
          targetId: id,
          targetLabel: row.email,
          before: { sentAt: row.sentAt, expiresAt: row.expiresAt },
          after: { sentAt: at.toISOString(), expiresAt },
        });
        return ok(toInvitation(invitations.find(id)!, at));
      });
    },

    revoke(id: number, actor: Actor): Result<Invitation> {
      return inWriteTransaction(db, () => {
        const found = findPending(id);
        if (!found.ok) return found;
        const at = now();
        revokeRow(found.value, actor, at);
        return ok(toInvitation(invitations.find(id)!, at));
      });
    },

    /** An admin marks an invitation accepted: as if the person had signed up. */
    accept(id: number, actor: Actor): Result<Invitation> {
      return inWriteTransaction(db, () => {
        const found = findPending(id);
        if (!found.ok) return found;
        const row = found.value;
        const at = now();
        if (statusOf(row, at) === 'expired') {
          return fail<Invitation>('CONFLICT', `The invitation to ${row.email} expired on ${shortDate(row.expiresAt)}. Resend it first.`);
        }
        const account = ensureAccount({ members, audit }, row.email, '', actor, at);
        acceptLiveFor(account, 'invitation', actor, at);
        return ok(toInvitation(invitations.find(id)!, at));
      });
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
