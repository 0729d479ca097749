import type { Handlers } from '../ipc/dispatch';
import type { TeamPeople } from './people';
import type { TeamService } from './service';

type TeamChannels =
  | 'teams:list'
  | 'teams:page'
  | 'teams:get'
  | 'teams:find'
  | 'teams:create'
  | 'teams:rename'
  | 'teams:setRole'
  | 'teams:remove'
  | 'teams:members'
  | 'teams:withoutSeat'
  | 'teams:invitations'
  | 'teams:invite'
  | 'teams:addMembers'
  | 'teams:removeMembers'
  | 'teams:link'
  | 'teams:unlink';

/** Teams. Calls from here are the app's, never SCIM's. */
export function teamHandlers(teams: TeamService, people: TeamPeople): Pick<Handlers, TeamChannels> {
  return {
    'teams:list': () => teams.list(),
    'teams:page': (input) => teams.page(input),
    'teams:get': ({ id }) => teams.get(id),
    'teams:find': ({ name }) => teams.find(name),
    'teams:create': (input, { actor }) => teams.create(input, actor),
    'teams:rename': ({ id, name, version }, { actor }) => teams.rename(id, name, actor, 'app', version),
    'teams:setRole': ({ id, role, version }, { actor }) => teams.setRole(id, role, actor, version),
    'teams:remove': ({ id }, { actor }) => teams.remove(id, actor),
    'teams:members': (input) => people.members(input),
    'teams:withoutSeat': ({ teamId }) => people.withoutSeat(teamId),
    'teams:invitations': (input) => people.invitations(input),
    'teams:invite': ({ teamId, email }, { actor }) => people.invite(teamId, email, actor),
    'teams:addMembers': ({ teamId, accountIds }, { actor }) => teams.addMembers(teamId, accountIds, actor),
    'teams:removeMembers': ({ teamId, accountIds }, { actor }) => teams.removeMembers(teamId, accountIds, actor),
    'teams:link': (input, { actor }) => teams.link(input, actor),
    'teams:unlink': (input, { actor }) => teams.unlink(input, actor),
  };
}
