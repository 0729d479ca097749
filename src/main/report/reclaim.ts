import { seatSourceLabels } from '@shared/schemas/members';
import {
  MAX_SKIPPED_NAMED,
  skipReasons,
  type InactiveInput,
  type InactiveReview,
  type ReleaseInactiveInput,
  type ReleaseInactiveResult,
  type SkipReason,
} from '@shared/schemas/reclaim';
import { fail, ok, type Result } from '@shared/result';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import { toCsv, toCsvRecords, type Cell } from '../exports/csv';
import type { IdleDetail, IdleFlags, ReclaimRepository } from './reclaim-repository';
import type { ReportMoment } from './rule-sql';

/** The switches of the review: who is listed beside the members it always lists. */
export interface Inclusion {
  includeScim: boolean;
  includeOwners: boolean;
}

/** Members read at a time for the CSV and the command line's list. */
const DETAIL_CHUNK = 2000;

export const RECLAIM_CSV_HEADER = ['Email', 'Name', 'Last Active', 'Days Idle', 'Seat Since', 'Seat Source', 'Managed by SCIM', 'Owner Of', 'Release'];

/** The reviewed list's file name: what it holds and as of which day. */
export function reclaimFileName(inactiveDays: number, asOf: string): string {
  return `roster-inactive-over-${inactiveDays}-days-${asOf.slice(0, 10)}.csv`;
}

/** Left out by default, listed when switched on (docs/RULES.md, A5). */
function listed(member: IdleFlags, { includeScim, includeOwners }: Inclusion): boolean {
  return (includeScim || !member.scim) && (includeOwners || !member.owner);
}

function csvRow(member: IdleDetail, release: boolean): Cell[] {
  return [
    member.email,
    member.name,
    member.lastActive,
    member.idleDays,
    member.seatSince.slice(0, 10),
    seatSourceLabels[member.seatSource],
    member.scim ? 'yes' : 'no',
    member.ownerOf.join('; '),
    release ? 'yes' : 'no',
  ];
}

type CsvInput = { asOf?: string; inactiveDays: number; unselected?: number[]; bom: boolean } & Inclusion;

export interface ReclaimDeps {
  db: Db;
  repository: ReclaimRepository;
  /** The report's moment (now, unless given) and the rule in force. */
  moment: (asOf: string | undefined) => ReportMoment;
}

/**
 * Reclaiming idle seats (docs/RULES.md, A5): the list to review, as a page, as
 * CSV or row by row; then the release of exactly the members confirmed from it,
 * each checked again as it is released.
 */
export function createReclaim({ db, repository, moment }: ReclaimDeps) {
  /** The list at a moment: every idle member, those the switches leave out counted apart. */
  function list(at: ReportMoment, inactiveDays: number, inclusion: Inclusion) {
    const idle = repository.idle(at, inactiveDays);
    const members = idle.filter((member) => listed(member, inclusion));
    return {
      accountIds: members.map((member) => member.accountId),
      scimIds: members.filter((member) => member.scim).map((member) => member.accountId),
      ownerIds: members.filter((member) => member.owner).map((member) => member.accountId),
      scim: idle.filter((member) => member.scim).length,
      owners: idle.filter((member) => member.owner).length,
      leftOut: idle.length - members.length,
    };
  }

  /** Every listed member with what the review shows, DETAIL_CHUNK at a time, in one read of the store. */
  function* rows(accountIds: number[], at: ReportMoment): Generator<IdleDetail[]> {
    for (let start = 0; start < accountIds.length; start += DETAIL_CHUNK) yield repository.details(accountIds.slice(start, start + DETAIL_CHUNK), at);
  }

  /**
   * The list handed to `use` a chunk of members at a time (100,000 of them never
   * sit in one array of rows), in one read of the store; answers the moment,
   * the counts and every listed id.
   */
  function each(input: { asOf?: string; inactiveDays: number } & Inclusion, use: (members: IdleDetail[]) => void) {
    const at = moment(input.asOf);
    return db.transaction(() => {
      const found = list(at, input.inactiveDays, input);
      for (const chunk of rows(found.accountIds, at)) use(chunk);
      return { asOf: at.asOf, total: found.accountIds.length, scim: found.scim, owners: found.owners, leftOut: found.leftOut, accountIds: found.accountIds };
    })();
  }

  /** The list's CSV handed to `write` a chunk of members at a time. */
  function csvPieces(input: CsvInput, write: (text: string) => void) {
    const unselected = new Set(input.unselected ?? []);
    write(toCsv(RECLAIM_CSV_HEADER, [], { bom: input.bom }));
    return each(input, (members) => write(toCsvRecords(members.map((member) => csvRow(member, !unselected.has(member.accountId))))));
  }

  return {
    /** The review: the counts, every listed id, and one page of members. */
    review(input: InactiveInput): Result<InactiveReview> {
      const at = moment(input.asOf);
      // One read transaction: the list and its page are the same moment of the store.
      return db.transaction(() => {
        const found = list(at, input.inactiveDays, input);
        const rows = repository.details(found.accountIds.slice(input.offset, input.offset + input.limit), at);
        return ok({ asOf: at.asOf, inactiveDays: input.inactiveDays, total: found.accountIds.length, ...found, rows });
      })();
    },

    /** The reviewed list as CSV (RFC 4180, formulas neutralised); `unselected` members are marked "no" under Release. */
    csv(input: CsvInput): { fileName: string; content: string; rows: number; asOf: string } {
      const pieces: string[] = [];
      const found = csvPieces(input, (text) => pieces.push(text));
      return { fileName: reclaimFileName(input.inactiveDays, found.asOf), content: pieces.join(''), rows: found.total, asOf: found.asOf };
    },

    /**
     * Releases the members confirmed from the review, in one write transaction.
     * Each is checked again first, as of the review's moment and as of now:
     * still holding a seat, still idle over the days (so activity since the
     * review keeps the seat), and still listed by the switches given. Those that
     * changed are skipped and named; the rest go through `release` (audited per
     * member, as Licenses releases seats). Ids that name no account are refused
     * whole: the caller did not send what the review listed.
     */
    release(input: ReleaseInactiveInput, release: (accountIds: number[]) => Result<{ members: number }>): Result<ReleaseInactiveResult> {
      const seen = new Set<number>();
      for (const [index, id] of input.accountIds.entries()) {
        if (seen.has(id)) return invalidIds(`Account ${id} is listed twice`, index);
        seen.add(id);
      }
      return inWriteTransaction(db, () => {
        const known = repository.accountEmails(input.accountIds);
        const unknown = input.accountIds.filter((id) => !known.has(id));
        if (unknown.length > 0) {
          const named = unknown.slice(0, 5).join(', ');
          return invalidIds(`No account has the id${unknown.length === 1 ? '' : 's'} ${named}${unknown.length > 5 ? ` (and ${unknown.length - 5} more)` : ''}`, input.accountIds.indexOf(unknown[0]!));
        }
        const atReview = repository.recheck(input.accountIds, moment(input.asOf));
        const atNow = repository.recheck(input.accountIds, moment(undefined));
        const skipped = Object.fromEntries(skipReasons.map((reason) => [reason, 0])) as Record<SkipReason, number>;
        const skippedMembers: ReleaseInactiveResult['skippedMembers'] = [];
        const chosen: number[] = [];
        for (const accountId of input.accountIds) {
          const then = atReview.get(accountId);
          const current = atNow.get(accountId);
          let reason: SkipReason | null = null;
          if (!then || !current) reason = 'noSeat';
          else if (then.idleDays <= input.inactiveDays || current.idleDays <= input.inactiveDays) reason = 'active';
          else if (current.scim && !input.includeScim) reason = 'scim';
          else if (current.owner && !input.includeOwners) reason = 'owner';
          if (reason === null) {
            chosen.push(accountId);
            continue;
          }
          skipped[reason] += 1;
          if (skippedMembers.length < MAX_SKIPPED_NAMED) skippedMembers.push({ accountId, email: known.get(accountId)!, reason });
        }
        let released = 0;
        if (chosen.length > 0) {
          const done = release(chosen);
          if (!done.ok) return done;
          released = done.value.members;
        }
        return ok({ released, skipped, skippedMembers });
      });
    },
  };
}

function invalidIds(message: string, index: number): Result<never> {
  return fail('INVALID_INPUT', `${message}; nothing was released. Review the list again and release from it.`, [{ path: `accountIds.${index}`, message }]);
}

export type Reclaim = ReturnType<typeof createReclaim>;
