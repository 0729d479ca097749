import type { Handlers } from '../ipc/dispatch';
import type { MemberService } from '../members/service';
import type { SeatService } from './service';

/** Licenses: the seats, listed and counted, set and released. */
export function seatHandlers(seats: SeatService, members: MemberService): Pick<Handlers, 'seats:usage' | 'seats:set' | 'seats:list' | 'seats:ids' | 'seats:release'> {
  return {
    'seats:usage': () => seats.usage(),
    'seats:set': ({ seats: count }, { actor }) => seats.setSeats(count, actor),
    'seats:list': (input) => seats.list(input),
    'seats:ids': (filter) => seats.ids(filter),
    'seats:release': (input, { actor }) => members.release(input, actor),
  };
}
