import type { Handlers } from '../ipc/dispatch';
import type { InvitationService } from '../invitations/service';
import type { MemberService } from '../members/service';
import type { SeatService } from './service';

type SeatChannels =
  | 'seats:usage'
  | 'seats:set'
  | 'seats:list'
  | 'seats:ids'
  | 'seats:release'
  | 'members:add'
  | 'members:remove'
  | 'members:find'
  | 'members:search'
  | 'invitations:create'
  | 'invitations:resend'
  | 'invitations:revoke'
  | 'invitations:accept';

/** Licenses: seats, the members who hold them and the invitations that reserve them. */
export function seatHandlers(seats: SeatService, members: MemberService, invitations: InvitationService): Pick<Handlers, SeatChannels> {
  return {
    'seats:usage': () => seats.usage(),
    'seats:set': ({ seats: count }, { actor }) => seats.setSeats(count, actor),
    'seats:list': (input) => seats.list(input),
    'seats:ids': (filter) => seats.ids(filter),
    'seats:release': (input, { actor }) => members.release(input, actor),
    'members:add': (input, { actor }) => members.add(input, actor),
    'members:remove': ({ accountId }, { actor }) => members.remove(accountId, actor),
    'members:find': ({ email }) => members.find(email),
    'members:search': ({ text, limit, orgId, teamId }) => members.search(text, limit, { orgId, teamId }),
    'invitations:create': (input, { actor }) => invitations.create(input, actor),
    'invitations:resend': ({ id }, { actor }) => invitations.resend(id, actor),
    'invitations:revoke': ({ id }, { actor }) => invitations.revoke(id, actor),
    'invitations:accept': ({ id }, { actor }) => invitations.accept(id, actor),
  };
}
