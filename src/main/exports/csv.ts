import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | null;

const RULES = { record_delimiter: '\r\n', escape_formulas: true, quoted_match: /[",\r\n]/ } as const;

const cells = (rows: Cell[][]) => rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))));

/**
 * CSV as spreadsheets expect it (RFC 4180: comma, CRLF, quotes doubled), UTF-8,
 * with a byte-order mark when asked. Cells that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return, full-width forms
 * too) are written with a leading ' so they stay text.
 */
export function toCsv(header: string[], rows: Cell[][], options: { bom?: boolean } = {}): string {
  return stringify([header, ...cells(rows)], { bom: options.bom ?? false, ...RULES });
}

/** More records for a CSV that toCsv began, by the same rules: for files made a page of rows at a time. */
export function toCsvRecords(rows: Cell[][]): string {
  return rows.length === 0 ? '' : stringify(cells(rows), RULES);
}

/** What ends each record, as toCsv writes it. */
export const CSV_RECORD_END = '\r\n';

/** A cell that needs work: it starts as a formula would, or holds a quote, comma or line break. */
const NEEDS_WORK = /^[-=+@\t\r\uFF1D\uFF0B\uFF0D\uFF20]|[",\r\n]/;
const STARTS_FORMULA = /^[-=+@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One text cell exactly as toCsv writes it (csv-stringify under RULES; the
 * tests compare the two on a corpus), for files of hundreds of thousands of
 * rows where building arrays of cells for csv-stringify costs more than
 * reading the store: most cells need nothing, and one test says so.
 */
export function csvCell(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  const value = STARTS_FORMULA.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
