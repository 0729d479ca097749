import { Transform, type Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { ImportFormat } from '@shared/schemas/activity';

/** A line of an event file as a record, or why it cannot be read as one. */
export type RawLine = { line: number; record: Record<string, unknown> } | { line: number; problem: string; last?: true };

/** The format a file is in: by its name, or else by its first character ("{" is NDJSON). */
export function detectFormat(fileName: string, firstChunk: string): ImportFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl') || lower.endsWith('.json')) return 'ndjson';
  return firstChunk.trimStart().startsWith('{') ? 'ndjson' : 'csv';
}

/** Counts the bytes that pass, for progress. */
export function byteCounter(onBytes: (total: number) => void): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      onBytes(total);
      done(null, chunk);
    },
  });
}

const REQUIRED_COLUMNS = ['type', 'email', 'at'] as const;

export class BadFileError extends Error {}

/** NDJSON: one JSON object a line; blank lines are skipped. Read a line at a time, never the whole file. */
async function* ndjsonLines(input: Readable): AsyncGenerator<RawLine> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (trimmed === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      yield { line, problem: 'not valid JSON' };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) yield { line, problem: 'not a JSON object' };
    else yield { line, record: value as Record<string, unknown> };
  }
}

/**
 * CSV (RFC 4180) with a header naming the columns type, email, at and,
 * optionally, name, in any order. A file whose header lacks one is refused
 * whole (BadFileError), before any line is imported. A quote left open stops
 * the reading there: that line is the last, marked `last`.
 */
async function* csvLines(input: Readable): AsyncGenerator<RawLine> {
  const parser = input.pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
  let columns: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (!columns) {
        columns = record.map((cell) => cell.toLowerCase());
        const missing = REQUIRED_COLUMNS.filter((column) => !columns!.includes(column));
        if (missing.length > 0) {
          throw new BadFileError(`The CSV header must name the columns type, email, at and (optionally) name; it lacks ${missing.join(', ')}. Nothing was imported.`);
        }
        continue;
      }
      if (record.length !== columns.length) {
        yield { line, problem: `${record.length} columns where the header has ${columns.length}` };
        continue;
      }
      yield { line, record: Object.fromEntries(columns.map((column, index) => [column, record[index]])) };
    }
  } catch (error) {
    if (error instanceof BadFileError) throw error;
    // csv-parse stops at a malformed quote: what came before stands, the rest cannot be read.
    const where = (error as { lines?: number }).lines ?? 0;
    yield { line: where, problem: `the CSV cannot be read from here on (${(error as Error).message}); the rest of the file was skipped`, last: true };
  }
}

export function readEvents(input: Readable, format: ImportFormat): AsyncGenerator<RawLine> {
  return format === 'ndjson' ? ndjsonLines(input) : csvLines(input);
}
