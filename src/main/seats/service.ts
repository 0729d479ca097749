import type { Actor } from '@shared/schemas/audit';
import type { ListSeatsInput, SeatFilter, SeatPage, SeatRow } from '@shared/schemas/licenses';
import type { SeatUsage } from '@shared/schemas/members';
import type { ReportRule } from '@shared/schemas/settings';
import { fail, ok, type Result } from '@shared/result';
import { countOf } from '@shared/text';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import type { EnterpriseService } from '../enterprise/service';
import type { InviteControl } from '../domains/invite-control';
import type { SeatRepository } from './repository';

export interface SeatServiceDeps {
  db: Db;
  seats: SeatRepository;
  /** The Last Active rule in force (Settings), by which rows show Last Active. */
  reportRule: () => ReportRule;
  inviteControl: InviteControl;
  enterprise: EnterpriseService;
  audit: AuditRepository;
  now: () => Date;
}

/** "48 of 50 in use (46 members, 2 pending invitations)". */
export function describeUsage(usage: SeatUsage): string {
  return `${usage.inUse.toLocaleString('en-US')} of ${usage.seats.toLocaleString('en-US')} in use (${countOf(usage.members, 'member')}, ${countOf(usage.pendingInvitations, 'pending invitation')})`;
}

/**
 * The seat arithmetic, in one place: in use = members + pending invitations to
 * people who hold no seat. Every change that takes a seat asks `requireFree`
 * inside its own write transaction, so two processes can never both take the last one.
 */
export function createSeatService({ db, seats, reportRule, inviteControl, enterprise, audit, now }: SeatServiceDeps) {
  const moment = () => ({ asOf: now().toISOString(), rule: reportRule() });
  /** Rows a newer invite-control rule would not allow are flagged, not removed. */
  const flagged = (rows: SeatRow[]): SeatRow[] => rows.map((row) => ({ ...row, outsideInvitePolicy: inviteControl.refusal(row.email) !== null }));

  /** The seats as they stand at `at`: the same moment for every check inside one change. */
  const usageAt = (at: Date): SeatUsage => {
    const counts = seats.counts(at.toISOString());
    const inUse = counts.members + counts.pendingInvitations;
    return { ...counts, inUse, free: Math.max(0, counts.seats - inUse), overbookedBy: Math.max(0, inUse - counts.seats) };
  };

  return {
    usage(): Result<SeatUsage> {
      const required = enterprise.require();
      return required.ok ? ok(usageAt(now())) : required;
    },

    /** Whether the address holds a seat; an invitation to it would take none. */
    holdsSeat(emailKey: string): boolean {
      return seats.holdsSeat(emailKey);
    },

    /** Ok when `count` more seats can be taken at `at`; NO_FREE_SEATS naming the numbers otherwise. */
    requireFree(at: Date, count = 1): Result<SeatUsage | null> {
      // Most changes happen with seats to spare: then a cheap bound says so (null: not counted).
      if (seats.surelyFree(count)) return ok(null);
      const current = usageAt(at);
      if (current.free >= count) return ok(current);
      const wanted = count === 1 ? '' : ` (${countOf(count, 'seat')} needed, ${current.free.toLocaleString('en-US')} free)`;
      return fail('NO_FREE_SEATS', `No free seats: ${describeUsage(current)}${wanted}. Release a seat, or raise the seat count.`);
    },

    setSeats(seatCount: number, actor: Actor): Result<SeatUsage> {
      return inWriteTransaction(db, () => {
        const required = enterprise.require();
        if (!required.ok) return required;
        const at = now();
        const before = usageAt(at);
        if (seatCount === before.seats) return ok(before);
        if (seatCount < before.inUse) {
          return fail<SeatUsage>(
            'SEATS_IN_USE',
            `Cannot lower the seats to ${seatCount.toLocaleString('en-US')}: ${describeUsage(before)}. Release seats first.`,
            [{ path: 'seats', message: `At least ${before.inUse.toLocaleString('en-US')} seats are in use` }],
          );
        }
        seats.setSeats(seatCount, at.toISOString());
        audit.record(at, actor, {
          action: 'enterprise.seats',
          targetType: 'enterprise',
          targetLabel: required.value.name,
          before: { seats: before.seats },
          after: { seats: seatCount },
        });
        return ok(usageAt(at));
      });
    },

    list(input: ListSeatsInput): Result<SeatPage> {
      const required = enterprise.require();
      if (!required.ok) return required;
      const page = seats.page(input.filter, input.sort, input.offset, input.limit, moment());
      return ok({ ...page, rows: flagged(page.rows) });
    },

    /** Members in address order after `after`, for walking every member (the command line's list). */
    membersAfter(after: string, limit: number): Result<{ rows: SeatRow[]; next: string | null }> {
      const required = enterprise.require();
      if (!required.ok) return required;
      const rows = flagged(seats.membersAfter(after, limit, moment()));
      return ok({ rows, next: rows.length === limit ? rows.at(-1)!.email.toLowerCase() : null });
    },

    ids(filter: SeatFilter): Result<{ accountIds: number[]; invitationIds: number[] }> {
      const required = enterprise.require();
      return required.ok ? ok(seats.ids(filter, moment())) : required;
    },
  };
}

export type SeatService = ReturnType<typeof createSeatService>;
