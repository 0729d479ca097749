import { resolveAccess } from '@shared/access';
import { compareNames } from '@shared/schemas/names';
import type { MemberAccess, OrgAccessInput, OrgAccessPage } from '@shared/schemas/access';
import { fail, ok, type Result } from '@shared/result';
import type { EnterpriseService } from '../enterprise/service';
import type { MemberRepository } from '../members/repository';
import type { OrgRepository } from '../orgs/repository';
import type { TeamRepository } from '../teams/repository';
import type { AccessRepository } from './repository';

export interface AccessServiceDeps {
  access: AccessRepository;
  members: MemberRepository;
  teams: TeamRepository;
  orgs: OrgRepository;
  enterprise: EnterpriseService;
}

/** "What can they reach, and why": the paths from the store, the rule from resolveAccess. */
export function createAccessService({ access, members, teams, orgs, enterprise }: AccessServiceDeps) {
  return {
    forMember(accountId: number): Result<MemberAccess> {
      const required = enterprise.require();
      if (!required.ok) return required;
      const member = members.findMember(accountId);
      if (!member) return fail('NOT_FOUND', `There is no member with id ${accountId}; their seat may have been released.`);
      const organizations = [...access.pathsOf(accountId).values()]
        .map(({ org, paths }) => {
          const resolved = resolveAccess(paths)!;
          return { org, role: resolved.role, paths: resolved.paths };
        })
        // As organizations are listed everywhere: by name key, code point by code point, then id.
        .sort((a, b) => compareNames(a.org.name, b.org.name) || a.org.id - b.org.id);
      return ok({
        member: { accountId, email: member.email, name: member.name },
        teams: teams.teamsOf(accountId),
        organizations,
      });
    },

    forOrganization(input: OrgAccessInput): Result<OrgAccessPage> {
      const required = enterprise.require();
      if (!required.ok) return required;
      if (!orgs.findById(input.orgId)) return fail('NOT_FOUND', `There is no organization with id ${input.orgId}.`);
      const { people, total } = access.peopleIn(input.orgId, input.search, input.offset, input.limit);
      return ok({
        total,
        rows: people.map((person) => {
          const resolved = resolveAccess(person.paths)!;
          return { accountId: person.accountId, email: person.email, name: person.name, role: resolved.role, paths: resolved.paths };
        }),
      });
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
