import { seatSourceLabels } from '@shared/schemas/members';
import { toCsv, toCsvRecords, type Cell } from '../exports/csv';
import type { ReportFilterSelection, ReportMoment, ReportRepository } from './repository';

/** Rows turned into CSV text at a time. */
export const CSV_PAGE = 2000;

export const REPORT_HEADER = ['Email', 'Name', 'Last Active', 'Teams', 'Organizations', 'Seat Since', 'Seat Source', 'Days Inactive'];

/**
 * The report's CSV in pieces: the header, then CSV_PAGE rows at a time, each with
 * how many members it holds. Every member, or only those `selection` lists.
 */
export function* csvPages(reports: ReportRepository, at: ReportMoment, bom: boolean, selection?: ReportFilterSelection): Generator<{ text: string; rows: number }> {
  yield { text: toCsv(REPORT_HEADER, [], { bom }), rows: 0 };
  let page: Cell[][] = [];
  for (const [email, name, lastActive, teams, organizations, seatSince, seatSource, daysInactive] of reports.csvRows(at, selection)) {
    page.push([email, name, lastActive, teams, organizations, seatSince, seatSourceLabels[seatSource], daysInactive]);
    if (page.length === CSV_PAGE) {
      yield { text: toCsvRecords(page), rows: page.length };
      page = [];
    }
  }
  yield { text: toCsvRecords(page), rows: page.length };
}
