import type { Actor } from '@shared/schemas/audit';
import { emailKey, normaliseEmail } from '@shared/schemas/email';
import type { ReleaseSeatsInput } from '@shared/schemas/licenses';
import { personNameSchema, type AddMemberInput, type Member, type MemberSearchResult, type SeatSource } from '@shared/schemas/members';
import { fail, ok, type Result } from '@shared/result';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inAtomicWrite, inWriteTransaction } from '../db/transaction';
import { displayDomain } from '../domains/normalise';
import type { DomainRepository, DomainRow } from '../domains/repository';
import type { EnterpriseService } from '../enterprise/service';
import type { InvitationRepository } from '../invitations/repository';
import type { InvitationService } from '../invitations/service';
import type { SeatService } from '../seats/service';
import { auditProviderGroups, joinTeam } from '../teams/membership';
import type { TeamRepository } from '../teams/repository';
import { ensureAccount } from './accounts';
import type { AccountRow, MemberRepository, MemberRow } from './repository';

export interface MemberServiceDeps {
  db: Db;
  members: MemberRepository;
  domains: DomainRepository;
  teams: TeamRepository;
  invitationRepository: InvitationRepository;
  invitations: InvitationService;
  seats: SeatService;
  enterprise: EnterpriseService;
  audit: AuditRepository;
  now: () => Date;
}

function toMember(row: MemberRow): Member {
  return { accountId: row.id, email: row.email, name: row.name, source: row.source, seatSince: row.seatSince, lastActiveAt: row.lastActiveAt };
}

export interface SignupOptions {
  /** When the sign-up happened, as an import reports it: the account's creation and a captured seat date from then (never later than now). */
  at?: Date;
  /** The caller reports a refusal itself (an import lists its rejected lines), so no audit event is written for it. */
  quietRefusal?: boolean;
}

export interface SignupOutcome {
  account: AccountRow;
  /** Live invitations the sign-up accepted. */
  accepted: number;
  /** What domain capture did with a new account: made it a member, put it on the waiting list, or nothing. */
  captured: 'joined' | 'waiting' | null;
}

function invalidEmail(email: string): Result<never> {
  return fail('INVALID_INPUT', `"${email}" is not a valid email address.`, [{ path: 'email', message: `"${email}" is not a valid email address` }]);
}

/** Members: accounts that hold a seat. Each change reads the clock once. */
export function createMemberService(deps: MemberServiceDeps) {
  const { db, members, domains, teams, invitationRepository, invitations, seats, enterprise, audit, now } = deps;
  const accounts = { members, audit };

  /** Frees a member's seat: their organization and team memberships go with it, and so do invitations that would take it again. */
  function releaseMember(row: MemberRow, actor: Actor, at: Date): void {
    const places = members.placesOf(row.id);
    invitations.revokeAllFor(emailKey(row.email), actor, at);
    members.deleteMember(row.id);
    audit.record(at, actor, {
      action: 'member.remove',
      targetType: 'member',
      targetId: row.id,
      targetLabel: row.email,
      before: { email: row.email, name: row.name, source: row.source, seatSince: row.seatSince, ...places },
    });
  }

  /** Signups and logins reported by imports and SCIM: the account, and any live invitation accepted. */
  function arrived(account: AccountRow, actor: Actor, at: Date) {
    return ok({ account: members.findAccount(account.id)!, accepted: invitations.acceptLiveFor(account, 'invitation', actor, at) });
  }

  return {
    /**
     * Gives an address a seat: by hand, or (for the services that will call it)
     * by SCIM, domain capture or an import. A live invitation to it is accepted
     * (it already holds the seat, and its teams and organizations are joined);
     * otherwise a free seat is needed.
     */
    add(input: AddMemberInput, actor: Actor, source: Exclude<SeatSource, 'invitation'> = 'manual'): Result<Member> {
      const email = normaliseEmail(input.email);
      if (!email) return invalidEmail(input.email);
      return inWriteTransaction(db, () => {
        const required = enterprise.require();
        if (!required.ok) return required;
        const at = now();
        const key = emailKey(email);
        const known = members.findAccountByKey(key);
        const current = known ? members.findMember(known.id) : null;
        if (current) {
          return fail<Member>('CONFLICT', `${current.email} already holds a seat (since ${current.seatSince.slice(0, 10)}).`, [
            { path: 'email', message: 'Already a member' },
          ]);
        }
        const invited = invitationRepository.liveFor(key, at.toISOString()).length > 0;
        if (!invited) {
          const free = seats.requireFree(at);
          if (!free.ok) return free;
        }
        const account = ensureAccount(accounts, email, input.name ?? '', actor, at);
        if (invited) {
          invitations.acceptLiveFor(account, source, actor, at);
        } else {
          const applied = members.insertMember({ accountId: account.id, source, at: at.toISOString(), invitationId: null });
          audit.record(at, actor, { action: 'member.add', targetType: 'member', targetId: account.id, targetLabel: email, after: { email, name: account.name, source } });
          auditProviderGroups(audit, applied, account, actor, at);
        }
        return ok(toMember(members.findMember(account.id)!));
      });
    },

    find(email: string): Result<Member> {
      const normalised = normaliseEmail(email);
      const account = normalised ? members.findAccountByKey(emailKey(normalised)) : null;
      const member = account ? members.findMember(account.id) : null;
      return member ? ok(toMember(member)) : fail('NOT_FOUND', `${email.trim()} holds no seat in this enterprise.`);
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
        releaseMember(row, actor, now());
        return ok({ accountId });
      });
    },

    /**
     * Releases many seats in one transaction: members lose theirs, pending
     * invitations are revoked. Seats that are free already (released meanwhile,
     * or invitations that expired) are counted apart and need nothing done.
     */
    release(input: ReleaseSeatsInput, actor: Actor): Result<{ members: number; invitations: number; alreadyFree: number }> {
      return inWriteTransaction(db, () => {
        const at = now();
        let released = 0;
        let revoked = 0;
        let alreadyFree = 0;
        for (const accountId of new Set(input.accountIds)) {
          const row = members.findMember(accountId);
          if (!row) alreadyFree += 1;
          else {
            releaseMember(row, actor, at);
            released += 1;
          }
        }
        for (const invitationId of new Set(input.invitationIds)) {
          const row = invitationRepository.find(invitationId);
          if (!row || row.status !== 'pending') {
            alreadyFree += 1;
            continue;
          }
          // An expired invitation holds no seat; revoking it tidies up but frees nothing.
          if (invitations.statusOf(row, at) === 'expired') alreadyFree += 1;
          else revoked += 1;
          invitations.revokeRow(row, actor, at);
        }
        return ok({ members: released, invitations: revoked, alreadyFree });
      });
    },

    /** An account logged in (reported by an import or SCIM): its last login moves forward, and a live invitation is accepted. */
    recordLogin(email: string, loggedInAt: Date, actor: Actor): Result<{ account: AccountRow; accepted: number }> {
      const normalised = normaliseEmail(email);
      if (!normalised) return invalidEmail(email);
      return inWriteTransaction(db, () => {
        const account = members.findAccountByKey(emailKey(normalised));
        if (!account) return fail<{ account: AccountRow; accepted: number }>('NOT_FOUND', `There is no account for ${normalised}.`);
        members.recordLogin(account.id, loggedInAt.toISOString());
        return arrived(account, actor, now());
      });
    },

    /**
     * An account signed up (reported by an import or SCIM). A new account on a
     * locked domain is refused unless invited or captured; otherwise it is
     * created, a live invitation to it accepted, or else domain capture makes
     * it a member (or, with no seat free, puts it on the waiting list).
     */
    recordSignup(email: string, name: string, actor: Actor, options: SignupOptions = {}): Result<SignupOutcome> {
      const normalised = normaliseEmail(email);
      if (!normalised) return invalidEmail(email);
      const checkedName = personNameSchema.safeParse(name);
      if (!checkedName.success) return fail('INVALID_INPUT', `The name of ${normalised} cannot be used: ${checkedName.error.issues[0]!.message}.`);
      return inWriteTransaction(db, (): Result<SignupOutcome> => {
        const at = now();
        // When it happened: as reported, but never later than now (rules such as free seats are judged now).
        const happened = options.at && options.at.getTime() < at.getTime() ? options.at : at;
        const key = emailKey(normalised);
        const emailDomain = key.slice(key.lastIndexOf('@') + 1);
        const isNew = members.findAccountByKey(key) === null;
        const invited = invitationRepository.liveFor(key, at.toISOString()).length > 0;
        const capturing = isNew && !invited ? domains.capturingFor(emailDomain) : null;
        const locking = isNew && !invited && !capturing ? domains.lockingFor(emailDomain) : null;
        if (locking) {
          // Nothing is created; the refusal is kept in the audit log, unless the caller reports it itself.
          if (!options.quietRefusal) {
            audit.record(at, actor, { action: 'signup.refused', targetType: 'account', targetLabel: normalised, after: { email: normalised, lockedBy: locking.domain } });
          }
          return fail('FORBIDDEN', `${displayDomain(locking.domain)} is locked: a new account there needs an invitation. ${normalised} was not created.`);
        }
        const account = ensureAccount(accounts, normalised, checkedName.data, actor, at, happened);
        const accepted = invitations.acceptLiveFor(account, 'invitation', actor, at);
        let captured: SignupOutcome['captured'] = null;
        if (capturing) captured = capture(account, capturing, actor, at, happened);
        return ok({ account: members.findAccount(account.id)!, accepted, captured });
      });
    },

    /**
     * Claims unmanaged accounts (or confirms waiting ones): each becomes a
     * member now, by domain capture, on the domain it waits on or else the
     * most specific one it is on. An account with a live invitation takes the
     * seat that invitation holds, and the invitation is accepted; the others
     * need a free seat each. All or nothing.
     */
    claim(accountIds: number[], actor: Actor): Result<{ claimed: number }> {
      return inAtomicWrite(db, (stop) => {
        const required = enterprise.require();
        if (!required.ok) return required;
        const at = now();
        const ids = [...new Set(accountIds)];
        const rows = ids.map((accountId) => {
          const account = members.findAccount(accountId);
          const domainId = account ? domains.unmanagedDomainOf(accountId) : null;
          if (!account || domainId === null) {
            return stop(fail('CONFLICT', `${account?.email ?? `Account ${accountId}`} is not an unmanaged account on a verified domain (it may hold a seat already). Nobody was claimed.`));
          }
          const invited = invitationRepository.liveFor(emailKey(account.email), at.toISOString()).length > 0;
          return { account, domain: domains.find(domainId)!, invited };
        });
        const needSeats = rows.filter((row) => !row.invited).length;
        if (needSeats > 0) {
          const free = seats.requireFree(at, needSeats);
          if (!free.ok) return free;
        }
        for (const { account, domain, invited } of rows) {
          if (!invited) join(account, domain, actor, at);
          else {
            invitations.acceptLiveFor(account, 'domain_capture', actor, at);
            if (domain.defaultTeam) joinTeam({ teams, audit }, domain.defaultTeam, account, actor, at);
          }
        }
        return ok({ claimed: rows.length });
      });
    },
  };

  /** Domain capture of a new account: a seat if one is free, else the waiting list. */
  function capture(account: AccountRow, domain: DomainRow, actor: Actor, at: Date, happened: Date): 'joined' | 'waiting' {
    if (seats.requireFree(at).ok) {
      join(account, domain, actor, at, happened);
      return 'joined';
    }
    domains.addWaiting(account.id, domain.id, happened.toISOString());
    audit.record(at, actor, {
      action: 'capture.waiting',
      targetType: 'account',
      targetId: account.id,
      targetLabel: account.email,
      after: { domain: domain.domain, reason: 'no free seat' },
    });
    return 'waiting';
  }

  /** Makes the account a member by domain capture (holding the seat since `seatSince`), in the domain's default team if it has one. */
  function join(account: AccountRow, domain: DomainRow, actor: Actor, at: Date, seatSince: Date = at): void {
    const iso = seatSince.toISOString();
    // Inserting the member takes it off the waiting list too (a trigger: 0006_capture_waitlist.sql).
    const applied = members.insertMember({ accountId: account.id, source: 'domain_capture', at: iso, invitationId: null });
    audit.record(at, actor, {
      action: 'member.add',
      targetType: 'member',
      targetId: account.id,
      targetLabel: account.email,
      after: { email: account.email, source: 'domain_capture', domain: domain.domain },
    });
    auditProviderGroups(audit, applied, account, actor, at);
    if (domain.defaultTeam) joinTeam({ teams, audit }, domain.defaultTeam, account, actor, at);
  }
}

export type MemberService = ReturnType<typeof createMemberService>;
