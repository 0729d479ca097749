import type { Actor } from '@shared/schemas/audit';
import { emailKey, normaliseEmail } from '@shared/schemas/email';
import type { ReleaseSeatsInput } from '@shared/schemas/licenses';
import type { AddMemberInput, Member, MemberSearchResult, SeatSource } from '@shared/schemas/members';
import { fail, ok, type Result } from '@shared/result';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inAtomicWrite, inWriteTransaction } from '../db/transaction';
import type { EnterpriseService } from '../enterprise/service';
import type { InvitationRepository } from '../invitations/repository';
import type { InvitationService } from '../invitations/service';
import type { SeatService } from '../seats/service';
import type { AccountRow, MemberRepository, MemberRow } from './repository';

export interface MemberServiceDeps {
  db: Db;
  members: MemberRepository;
  invitationRepository: InvitationRepository;
  invitations: InvitationService;
  seats: SeatService;
  enterprise: EnterpriseService;
  audit: AuditRepository;
  now: () => Date;
}

function toMember(row: MemberRow): Member {
  return {
    accountId: row.id,
    email: row.email,
    name: row.name,
    source: row.source,
    seatSince: row.seatSince,
    lastActiveAt: row.lastActiveAt,
  };
}

export function createMemberService(deps: MemberServiceDeps) {
  const { db, members, invitationRepository, invitations, seats, enterprise, audit, now } = deps;

  /** The account for an address, created (and audited) when there is none. Inside the caller's transaction. */
  function ensureAccount(email: string, name: string, actor: Actor): AccountRow {
    const key = emailKey(email);
    const existing = members.findAccountByKey(key);
    if (existing) {
      if (!existing.name && name) {
        members.renameAccount(existing.id, name);
        return { ...existing, name };
      }
      return existing;
    }
    const at = now();
    const account = members.insertAccount({ email, key, name, at: at.toISOString() });
    audit.record(at, actor, { action: 'account.create', targetType: 'account', targetId: account.id, targetLabel: email, after: { email, name } });
    return account;
  }

  /** Frees a member's seat: their organization memberships go with it, and so do invitations that would take it again. */
  function releaseMember(row: MemberRow, actor: Actor): void {
    invitations.revokeAllFor(emailKey(row.email), actor);
    members.deleteMember(row.id);
    audit.record(now(), actor, {
      action: 'member.remove',
      targetType: 'member',
      targetId: row.id,
      targetLabel: row.email,
      before: { email: row.email, name: row.name, source: row.source, seatSince: row.seatSince },
    });
  }

  return {
    ensureAccount,

    /**
     * Gives an address a seat: by hand, or (for the services that will call it)
     * by SCIM, domain capture or an import. A live invitation to it is accepted
     * (it already holds the seat, and its organizations are joined); otherwise
     * a free seat is needed.
     */
    add(input: AddMemberInput, actor: Actor, source: Exclude<SeatSource, 'invitation'> = 'manual'): Result<Member> {
      return inWriteTransaction(db, () => {
        const required = enterprise.require();
        if (!required.ok) return required;
        const key = emailKey(input.email);
        const known = members.findAccountByKey(key);
        const current = known ? members.findMember(known.id) : null;
        if (current) {
          return fail<Member>('CONFLICT', `${current.email} already holds a seat (since ${current.seatSince.slice(0, 10)}).`, [
            { path: 'email', message: 'Already a member' },
          ]);
        }
        const invited = invitationRepository.liveFor(key, now().toISOString()).length > 0;
        if (!invited) {
          const free = seats.requireFree();
          if (!free.ok) return free;
        }
        const account = ensureAccount(input.email, input.name ?? '', actor);
        if (invited) invitations.acceptLiveFor(account, source, actor);
        else members.insertMember({ accountId: account.id, source, at: now().toISOString(), invitationId: null });
        const member = members.findMember(account.id)!;
        audit.record(now(), actor, {
          action: 'member.add',
          targetType: 'member',
          targetId: account.id,
          targetLabel: member.email,
          after: { email: member.email, name: member.name, source: member.source },
        });
        return ok(toMember(member));
      });
    },

    find(email: string): Result<Member> {
      const account = members.findAccountByKey(emailKey(email));
      const member = account ? members.findMember(account.id) : null;
      return member ? ok(toMember(member)) : fail('NOT_FOUND', `${email} holds no seat in this enterprise.`);
    },

    search(text: string, limit: number, place: { orgId?: number; teamId?: number } = {}): Result<MemberSearchResult[]> {
      const rows = members.search(text, limit, place.orgId ?? null, place.teamId ?? null);
      return ok(rows.map((row) => ({ ...toMember(row), orgRole: row.orgRole, inTeam: row.inTeam === 1 })));
    },

    /** Removes a member from Licenses: the seat is free at once; the account stays. */
    remove(accountId: number, actor: Actor): Result<{ accountId: number }> {
      return inWriteTransaction(db, () => {
        const row = members.findMember(accountId);
        if (!row) return fail<{ accountId: number }>('NOT_FOUND', `There is no member with id ${accountId}; their seat may have been released meanwhile.`);
        releaseMember(row, actor);
        return ok({ accountId });
      });
    },

    /**
     * Releases many seats in one transaction: members lose theirs, pending
     * invitations are revoked. If any of them is gone already, nothing changes
     * and the answer says which, so the screen can refresh and ask again.
     */
    release(input: ReleaseSeatsInput, actor: Actor): Result<{ members: number; invitations: number }> {
      return inAtomicWrite(db, (stop) => {
        const accountIds = [...new Set(input.accountIds)];
        const invitationIds = [...new Set(input.invitationIds)];
        for (const accountId of accountIds) {
          const row = members.findMember(accountId);
          if (!row) return stop(fail('NOT_FOUND', `Member ${accountId} no longer holds a seat. Nothing was released; refresh and try again.`));
          releaseMember(row, actor);
        }
        for (const invitationId of invitationIds) {
          const row = invitationRepository.find(invitationId);
          if (!row || row.status !== 'pending') {
            return stop(fail('NOT_FOUND', `Invitation ${invitationId} is no longer pending. Nothing was released; refresh and try again.`));
          }
          invitations.revokeRow(row, actor);
        }
        return ok({ members: accountIds.length, invitations: invitationIds.length });
      });
    },

    /**
     * An account logged in at `at` (reported by an import or SCIM): its last
     * login moves forward, and a live invitation to it is accepted.
     */
    recordLogin(email: string, at: Date, actor: Actor): Result<{ account: AccountRow; accepted: number }> {
      return inWriteTransaction(db, () => {
        const account = members.findAccountByKey(emailKey(email));
        if (!account) return fail<{ account: AccountRow; accepted: number }>('NOT_FOUND', `There is no account for ${email}.`);
        members.recordLogin(account.id, at.toISOString());
        return ok({ account: members.findAccount(account.id)!, accepted: invitations.acceptLiveFor(account, 'invitation', actor) });
      });
    },

    /**
     * An account signed up (import, SCIM, domain capture later): it is created
     * if need be, and a live invitation to it is accepted.
     */
    recordSignup(email: string, name: string, actor: Actor): Result<{ account: AccountRow; accepted: number }> {
      const normalised = normaliseEmail(email);
      if (!normalised) return fail('INVALID_INPUT', `"${email}" is not a valid email address.`);
      return inWriteTransaction(db, () => {
        const account = ensureAccount(normalised, name.trim(), actor);
        return ok({ account, accepted: invitations.acceptLiveFor(account, 'invitation', actor) });
      });
    },
  };
}

export type MemberService = ReturnType<typeof createMemberService>;
