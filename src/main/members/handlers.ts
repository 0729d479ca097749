import type { Handlers } from '../ipc/dispatch';
import type { SeatService } from '../seats/service';
import type { MemberProfiles } from './profile';
import type { MemberService } from './service';

export function memberHandlers(
  members: MemberService,
  seats: SeatService,
  profiles: MemberProfiles,
): Pick<Handlers, 'members:add' | 'members:list' | 'members:remove' | 'members:find' | 'members:search' | 'members:get'> {
  return {
    'members:add': (input, { actor }) => members.add(input, actor),
    'members:list': ({ after, limit }) => seats.membersAfter(after.toLowerCase(), limit),
    'members:remove': ({ accountId }, { actor }) => members.remove(accountId, actor),
    'members:find': ({ email }) => members.find(email),
    'members:search': ({ text, limit, orgId, teamId }) => members.search(text, limit, { orgId, teamId }),
    'members:get': ({ accountId }) => profiles.get(accountId),
  };
}
