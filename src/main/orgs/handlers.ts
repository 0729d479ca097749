import type { Handlers } from '../ipc/dispatch';
import type { OrgMemberService } from '../org-members/service';
import type { OrgService } from './service';

type OrgChannels =
  | 'orgs:list'
  | 'orgs:get'
  | 'orgs:find'
  | 'orgs:create'
  | 'orgs:rename'
  | 'orgs:remove'
  | 'orgs:members'
  | 'orgs:addMembers'
  | 'orgs:setMemberRole'
  | 'orgs:removeMember'
  | 'orgs:teams';

export function orgHandlers(orgs: OrgService, orgMembers: OrgMemberService): Pick<Handlers, OrgChannels> {
  return {
    'orgs:list': () => orgs.list(),
    'orgs:get': ({ id }) => orgs.get(id),
    'orgs:find': ({ name }) => orgs.find(name),
    'orgs:create': (input, { actor }) => orgs.create(input, actor),
    'orgs:rename': (input, { actor }) => orgs.rename(input, actor),
    'orgs:remove': (input, { actor }) => orgs.remove(input.id, actor),
    'orgs:members': (input) => orgMembers.list(input),
    'orgs:addMembers': ({ orgId, accountIds, role }, { actor }) => orgMembers.add(orgId, accountIds, role, actor),
    'orgs:setMemberRole': ({ orgId, accountId, role }, { actor }) => orgMembers.setRole(orgId, accountId, role, actor),
    'orgs:removeMember': ({ orgId, accountId }, { actor }) => orgMembers.remove(orgId, accountId, actor),
    'orgs:teams': ({ orgId }) => orgs.teams(orgId),
  };
}
