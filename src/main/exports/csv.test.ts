import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_RECORD_END, csvCell, toCsvRecords } from './csv';

// csvCell writes a cell without csv-stringify, for the report's hundreds of thousands
// of rows (report/csv-pages.ts): it must write exactly what toCsvRecords writes.

const TRICKY = ['', ' ', '=1+1', '+1', '-1', '@a', '\t=1', '\r=1', '\r\n', '\n', '"', '""', ',', 'a,b', 'a"b', "'=1", '＝1', '＋1', '－1', '＠1', 'Zürich', '王芳', '0', 'N/A', '2026-03-31', '=a\nb', '-"x",'];
const ALPHABET = ['a', 'Z', '0', ' ', ',', '"', '\r', '\n', '\t', '=', '+', '-', '@', "'", ';', 'é', '王', '＝', '＋', '－', '＠', '\uFEFF', '😀'];

const viaStringify = (cells: string[]) => toCsvRecords([cells]);
const viaCells = (cells: string[]) => `${cells.map(csvCell).join(',')}${CSV_RECORD_END}`;

describe('csvCell', () => {
  it('writes each tricky cell, alone and beside others, as csv-stringify does', () => {
    for (const cell of TRICKY) {
      expect(viaCells([cell])).toBe(viaStringify([cell]));
      expect(viaCells([cell, 'x', cell])).toBe(viaStringify([cell, 'x', cell]));
    }
  });

  it('writes any text as csv-stringify does', () => {
    const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }).map((chars) => chars.join(''));
    fc.assert(fc.property(fc.array(fc.oneof(text, fc.string(), fc.string({ unit: 'grapheme' })), { minLength: 1, maxLength: 8 }), (cells) => viaCells(cells) === viaStringify(cells)), { numRuns: 3000 });
  });

  it('leaves a cell that needs nothing as it is', () => {
    expect(csvCell('ana@acme.com')).toBe('ana@acme.com');
    expect(csvCell('=1,2')).toBe('"\'=1,2"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});
