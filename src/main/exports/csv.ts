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
