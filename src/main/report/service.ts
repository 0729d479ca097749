import {
  activityBuckets,
  type ActivityBucket,
  type ReportPage,
  type ReportPageInput,
  type ReportRow,
  type ReportSummary,
} from '@shared/schemas/report';
import { describeRule } from '@shared/report-rule';
import { ok, type Result } from '@shared/result';
import type { Db } from '../db/open';
import { DAY_MS } from '@shared/time';
import { csvPages } from './csv-pages';
import { writeFileAtomicOverlapped } from '../exports/write-stream';
import type { SettingsService } from '../settings/service';
import { firstKeptDay } from '../activity/retention';
import { createReclaim } from './reclaim';
import { createReclaimRepository } from './reclaim-repository';
import type { ReportFilterSelection, ReportMoment, ReportRepository, ReportRowData } from './repository';

export { REPORT_HEADER } from './csv-pages';

/** The default file name of the report made on `asOf`'s day, marked when it holds only the members a filter lists (docs/RULES.md, A4). */
export function reportFileName(asOf: string, filtered = false): string {
  return `roster-activity-${asOf.slice(0, 10)}${filtered ? '-filtered' : ''}.csv`;
}

/** SQLite's page cache while the CSV reads every member (KiB, as cache_size takes it negated): at least this... */
const CSV_CACHE_KIB = 64 * 1024;
/** ...and room for about this much of each member's rows (their account, their seat and the email index: 0.32 KiB at a million demo members)... */
const CSV_CACHE_KIB_PER_MEMBER = 0.375;
/** ...up to this. */
const CSV_CACHE_MAX_KIB = 1024 * 1024;

/** The page cache for a pass over `members` members in email order: every page of their accounts read from the file once. */
export function csvCacheKib(members: number): number {
  return Math.min(CSV_CACHE_MAX_KIB, Math.max(CSV_CACHE_KIB, Math.ceil(members * CSV_CACHE_KIB_PER_MEMBER)));
}

/**
 * Runs `read` with a larger page cache, then sets it back. The CSV reads members
 * in email order, which jumps about the accounts table: with the default cache
 * most of those pages were read from the file again (a read() each), 1.1 s of
 * the 11 s of CPU at a million members; with 64 MB, 0.2 s, for 50 MB more memory.
 * At a million members the accounts alone are 237 MB, and with 64 MB most
 * pages were still read again (3 s of system time); with room for them all,
 * 0.5 s, for about 250 MB more memory at a million (SQLite takes the memory
 * only for pages it reads).
 */
async function withLargerCacheAsync<T>(db: Db, kib: number, read: () => Promise<T>): Promise<T> {
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${kib}`);
  try {
    return await read();
  } finally {
    db.pragma(`cache_size = ${before}`);
  }
}

export interface ReportServiceDeps {
  db: Db;
  reports: ReportRepository;
  settings: SettingsService;
  now: () => Date;
}

/** The user activity report (docs/RULES.md, A2 to A4): preview pages, the summary, the CSV and the idle members. */
export function createReportService({ db, reports, settings, now }: ReportServiceDeps) {
  /** The report's moment (now, unless given) in UTC, and the rule in force. */
  function moment(asOf: string | undefined): ReportMoment {
    return { asOf: (asOf ? new Date(asOf) : now()).toISOString(), rule: settings.current().reportRule };
  }

  function withPlaces(rows: ReportRowData[]): ReportRow[] {
    const ids = rows.map((row) => row.accountId);
    const teams = reports.teamsOf(ids);
    const orgs = reports.orgsOf(ids);
    return rows.map((row) => ({ ...row, teams: teams.get(row.accountId) ?? [], organizations: orgs.get(row.accountId) ?? [] }));
  }

  /** Hands the CSV (every member, or those `selection` lists) to `write` in pieces of CSV_PAGE rows; answers how many members it held. */
  function csvPieces(at: ReportMoment, bom: boolean, write: (text: string) => void, selection?: ReportFilterSelection): number {
    let rows = 0;
    for (const page of csvPages(reports, at, bom, selection)) {
      write(page.text);
      rows += page.rows;
    }
    return rows;
  }

  return {
    /** The report's moment (now, unless given) and the rule in force: the export job's start. */
    moment,

    describeRule: () => describeRule(settings.current().reportRule),

    page(input: ReportPageInput): Result<ReportPage> {
      const at = moment(input.selection.asOf);
      const { rows, total } = reports.page(at, input.selection, input.sort, input.offset, input.limit);
      return ok({ rows: withPlaces(rows), total, asOf: at.asOf });
    },

    summary(asOf?: string): Result<ReportSummary> {
      const at = moment(asOf);
      const buckets = Object.fromEntries(activityBuckets.map((bucket) => [bucket, 0])) as Record<ActivityBucket, number>;
      for (const { bucket, count } of reports.buckets(at)) buckets[bucket] = count;
      // The kept window, day by day, with the days nobody was active as zeros.
      const to = at.asOf.slice(0, 10);
      const from = firstKeptDay(new Date(at.asOf), at.rule.shownDays);
      const counted = new Map(reports.daily(from, to).map((entry) => [entry.day, entry.members]));
      const daily: ReportSummary['daily'] = [];
      for (let day = new Date(`${from}T00:00:00Z`); day.toISOString().slice(0, 10) <= to; day = new Date(day.getTime() + DAY_MS)) {
        const key = day.toISOString().slice(0, 10);
        daily.push({ day: key, members: counted.get(key) ?? 0 });
      }
      const members = Object.values(buckets).reduce((sum, count) => sum + count, 0);
      return ok({ asOf: at.asOf, rule: at.rule, members, buckets, daily });
    },

    /** The whole report (or only the members `selection` lists) as CSV text (RFC 4180, formulas neutralised), and its default file name. */
    csv(options: { asOf?: string; bom: boolean; selection?: ReportFilterSelection }): Result<{ fileName: string; content: string; rows: number; asOf: string }> {
      const at = moment(options.asOf);
      const pieces: string[] = [];
      const rows = db.transaction(() => csvPieces(at, options.bom, (text) => pieces.push(text), options.selection))();
      return ok({ fileName: reportFileName(at.asOf, options.selection !== undefined), content: pieces.join(''), rows, asOf: at.asOf });
    },

    /**
     * The whole report written to `file` a page of rows at a time, through a
     * temporary file renamed over it at the end (docs/RULES.md, A4): 100,000 members
     * never sit in memory as one string, and a crash never leaves half a report.
     * Each page goes to the disk on Node's thread pool while the next is made
     * (writeFileAtomicOverlapped). Nothing else may use the connection until it
     * resolves (the command line's: nothing else runs).
     */
    async writeCsv(file: string, options: { asOf?: string; bom: boolean }): Promise<Result<{ path: string; rows: number; asOf: string }>> {
      const at = moment(options.asOf);
      const written = await withLargerCacheAsync(db, csvCacheKib(reports.memberCount(at)), async () => {
        // One read transaction: every page comes from the same moment of the store.
        db.exec('BEGIN');
        try {
          return await writeFileAtomicOverlapped(file, async (write) => {
            let rows = 0;
            for (const page of csvPages(reports, at, options.bom)) {
              const wait = write(page.text);
              rows += page.rows;
              if (wait) await wait;
            }
            return rows;
          });
        } finally {
          // Only read: ending it changes nothing.
          if (db.inTransaction) db.exec('ROLLBACK');
        }
      });
      return written.ok ? ok({ path: written.value.path, rows: written.value.value, asOf: at.asOf }) : written;
    },

    /** Reclaiming idle seats (docs/RULES.md, A5): the list to review, its CSV, and the release of the members confirmed from it. */
    reclaim: createReclaim({ db, repository: createReclaimRepository(db), moment }),
  };
}

export type ReportService = ReturnType<typeof createReportService>;
