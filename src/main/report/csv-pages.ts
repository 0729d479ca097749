import { seatSourceLabels, type SeatSource } from '@shared/schemas/members';
import { CSV_RECORD_END, csvCell, toCsv } from '../exports/csv';
import type { ReportFilterSelection, ReportMoment, ReportRepository } from './repository';

/** Rows turned into CSV text at a time. */
export const CSV_PAGE = 2000;

export const REPORT_HEADER = ['Email', 'Name', 'Last Active', 'Teams', 'Organizations', 'Seat Since', 'Seat Source', 'Days Inactive'];

const SOURCE_CELLS = Object.fromEntries(Object.entries(seatSourceLabels).map(([source, label]) => [source, csvCell(label)])) as Record<SeatSource, string>;

/**
 * The report's CSV in pieces: the header, then CSV_PAGE rows at a time, each with
 * how many members it holds. Every member, or only those `selection` lists.
 * Each record is written cell by cell with csvCell, which writes what toCsv
 * would (exports/csv.test.ts), without an array of cells per member: at a
 * million members those arrays and csv-stringify's own were most of the time.
 */
export function* csvPages(reports: ReportRepository, at: ReportMoment, bom: boolean, selection?: ReportFilterSelection): Generator<{ text: string; rows: number }> {
  yield { text: toCsv(REPORT_HEADER, [], { bom }), rows: 0 };
  const places = reports.places();
  let text = '';
  let rows = 0;
  for (const [accountId, email, name, lastActive, seatSince, seatSource, daysInactive] of reports.csvMembers(at, selection)) {
    text += `${csvCell(email)},${csvCell(name)},${csvCell(lastActive)},${csvCell(places.teams(accountId))},${csvCell(places.organizations(accountId))},${csvCell(seatSince)},${SOURCE_CELLS[seatSource]},${daysInactive === null ? '' : csvCell(String(daysInactive))}${CSV_RECORD_END}`;
    rows += 1;
    if (rows === CSV_PAGE) {
      yield { text, rows };
      text = '';
      rows = 0;
    }
  }
  yield { text, rows };
}
