import { stringify } from 'csv-stringify/sync';

/**
 * CSV as spreadsheets expect it (RFC 4180: comma, CRLF, quotes doubled), UTF-8,
 * with a byte-order mark when asked. Cells that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return, full-width forms
 * too) are written with a leading ' so they stay text.
 */
export function toCsv(header: string[], rows: (string | number | null)[][], options: { bom?: boolean } = {}): string {
  return stringify([header, ...rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))))], {
    bom: options.bom ?? false,
    record_delimiter: '\r\n',
    escape_formulas: true,
    quoted_match: /[",\r\n]/,
  });
}
