import type { Actor } from '@shared/schemas/audit';
import type { OrgRole } from '@shared/schemas/members';
import type { OrgMember, OrgMemberPage, OrgMembersInput } from '@shared/schemas/org-members';
import type { Organization } from '@shared/schemas/orgs';
import type { ReportRule } from '@shared/schemas/settings';
import { fail, ok, type Result } from '@shared/result';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inAtomicWrite, inWriteTransaction } from '../db/transaction';
import type { EnterpriseService } from '../enterprise/service';
import type { MemberRepository } from '../members/repository';
import type { OrgRepository } from '../orgs/repository';
import { createLastActiveReader } from '../report/last-active';
import type { OrgMemberRepository, OrgMemberRow } from './repository';

export interface OrgMemberServiceDeps {
  db: Db;
  orgMembers: OrgMemberRepository;
  orgs: OrgRepository;
  members: MemberRepository;
  enterprise: EnterpriseService;
  audit: AuditRepository;
  /** The Last Active rule in force (Settings), by which members' Last Active is shown. */
  reportRule: () => ReportRule;
  now: () => Date;
}

/** Who belongs to an organization directly, with which role. None of it touches a seat. */
export function createOrgMemberService({ db, orgMembers, orgs, members, enterprise, audit, reportRule, now }: OrgMemberServiceDeps) {
  const lastActiveOf = createLastActiveReader(db);

  /** Rows with Last Active by the report's rule (docs/RULES.md, A3b), as of now. */
  function withLastActive(rows: OrgMemberRow[]): OrgMember[] {
    const shown = lastActiveOf(
      rows.map((row) => row.accountId),
      { asOf: now().toISOString(), rule: reportRule() },
    );
    return rows.map((row) => {
      const lastActive = shown.get(row.accountId);
      return { ...row, lastActive: lastActive?.lastActive ?? 'N/A', lastActiveLegacy: lastActive?.legacy ?? false };
    });
  }

  function findOrg(orgId: number): Result<Organization> {
    const required = enterprise.require();
    if (!required.ok) return required;
    const org = orgs.findById(orgId);
    return org ? ok(org) : fail('NOT_FOUND', `There is no organization with id ${orgId}; it may have been removed meanwhile.`);
  }

  function findMembership(orgId: number, accountId: number) {
    const org = findOrg(orgId);
    if (!org.ok) return org;
    const membership = orgMembers.find(orgId, accountId);
    const account = members.findAccount(accountId);
    if (!membership || !account) {
      return fail<never>('NOT_FOUND', `${account?.email ?? `Account ${accountId}`} is not a direct member of ${org.value.name}.`);
    }
    return ok({ org: org.value, account, membership });
  }

  return {
    list(input: OrgMembersInput): Result<OrgMemberPage> {
      const org = findOrg(input.orgId);
      if (!org.ok) return org;
      // One read transaction, so the page and its Last Active agree.
      return db.transaction(() => {
        const page = orgMembers.page(input);
        return ok({ rows: withLastActive(page.rows), total: page.total });
      })();
    },

    /** Adds members with a role; those already in it keep their role. All or nothing. */
    add(orgId: number, accountIds: number[], role: OrgRole, actor: Actor): Result<{ added: number; alreadyMembers: number }> {
      return inAtomicWrite(db, (stop) => {
        const org = findOrg(orgId);
        if (!org.ok) return org;
        const at = now();
        let added = 0;
        let alreadyMembers = 0;
        for (const accountId of new Set(accountIds)) {
          const member = members.findMember(accountId);
          if (!member) {
            const email = members.findAccount(accountId)?.email ?? `Account ${accountId}`;
            return stop(fail('NOT_FOUND', `${email} holds no seat, so cannot join ${org.value.name}. Add them in Licenses first. Nobody was added.`));
          }
          if (orgMembers.find(orgId, accountId)) {
            alreadyMembers += 1;
            continue;
          }
          orgMembers.insert({ orgId, accountId, role, at: at.toISOString() });
          added += 1;
          audit.record(at, actor, {
            action: 'org.member.add',
            targetType: 'organization',
            targetId: orgId,
            targetLabel: org.value.name,
            after: { accountId, email: member.email, role },
          });
        }
        return ok({ added, alreadyMembers });
      });
    },

    setRole(orgId: number, accountId: number, role: OrgRole, actor: Actor): Result<OrgMember> {
      return inWriteTransaction(db, () => {
        const found = findMembership(orgId, accountId);
        if (!found.ok) return found;
        const { org, account, membership } = found.value;
        if (membership.role !== role) {
          orgMembers.setRole({ orgId, accountId, role });
          audit.record(now(), actor, {
            action: 'org.member.role',
            targetType: 'organization',
            targetId: orgId,
            targetLabel: org.name,
            before: { accountId, email: account.email, role: membership.role },
            after: { accountId, email: account.email, role },
          });
        }
        const [member] = withLastActive([{ accountId, email: account.email, name: account.name, role, since: membership.since, lastActiveAt: account.lastActiveAt }]);
        return ok(member!);
      });
    },

    /** Takes away the direct membership only: the seat stays (release it in Licenses). */
    remove(orgId: number, accountId: number, actor: Actor): Result<{ orgId: number; accountId: number }> {
      return inWriteTransaction(db, () => {
        const found = findMembership(orgId, accountId);
        if (!found.ok) return found;
        const { org, account, membership } = found.value;
        orgMembers.remove(orgId, accountId);
        audit.record(now(), actor, {
          action: 'org.member.remove',
          targetType: 'organization',
          targetId: orgId,
          targetLabel: org.name,
          before: { accountId, email: account.email, role: membership.role },
        });
        return ok({ orgId, accountId });
      });
    },
  };
}

export type OrgMemberService = ReturnType<typeof createOrgMemberService>;
