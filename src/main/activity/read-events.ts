import { Transform, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
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

/** No event is anywhere near this long; a longer line is rejected, never held whole in memory. */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * The lines of a stream, a chunk at a time: a line longer than `max`
 * characters comes as `null` (its text is dropped as it arrives), so a file
 * without line breaks cannot fill the memory.
 */
async function* linesOf(input: Readable, max: number): AsyncGenerator<string | null> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let overlong = false;
  const split = function* (text: string): Generator<string | null> {
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      const line = pending + text.slice(start, end);
      yield overlong || line.length > max ? null : line.replace(/\r$/, '');
      pending = '';
      overlong = false;
      start = end + 1;
    }
    pending += text.slice(start);
    if (pending.length > max) {
      overlong = true;
      pending = '';
    }
  };
  for await (const chunk of input) yield* split(decoder.write(chunk as Buffer));
  yield* split(decoder.end());
  if (pending !== '' || overlong) yield overlong ? null : pending.replace(/\r$/, '');
}

export class BadFileError extends Error {}

/** NDJSON: one JSON object a line; blank lines are skipped. Read a line at a time, never the whole file. */
async function* ndjsonLines(input: Readable): AsyncGenerator<RawLine> {
  let line = 0;
  for await (const text of linesOf(input, MAX_LINE_BYTES)) {
    line += 1;
    if (text === null) {
      yield { line, problem: `longer than ${MAX_LINE_BYTES / 1024} KB, which no event is` };
      continue;
    }
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
 * whole (BadFileError), before any line is imported. A quote left open, or a
 * record longer than any event, stops the reading there: that line is the
 * last, marked `last`, and every record before it still comes.
 */
async function* csvLines(input: Readable): AsyncGenerator<RawLine> {
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: MAX_LINE_BYTES });
  // Records and the error are collected as the parser emits them, in order, so
  // an error never swallows the records parsed just before it.
  const parsed: ({ record: string[]; info: { lines: number } } | { error: Error & { lines?: number } })[] = [];
  parser.on('data', (item: { record: string[]; info: { lines: number } }) => parsed.push(item));
  parser.on('error', (error: Error) => parsed.push({ error }));
  const ended = new Promise<void>((resolve) => parser.once('end', resolve).once('error', () => resolve()));
  let columns: string[] | null = null;

  function* take(): Generator<RawLine, boolean> {
    for (const item of parsed.splice(0)) {
      if ('error' in item) {
        yield { line: item.error.lines ?? 0, problem: `the CSV cannot be read from here on (${item.error.message}); the rest of the file was skipped`, last: true };
        return false;
      }
      const { record, info } = item;
      if (!columns) {
        columns = record.map((cell) => cell.toLowerCase());
        const missing = REQUIRED_COLUMNS.filter((column) => !columns!.includes(column));
        if (missing.length > 0) {
          throw new BadFileError(`The CSV header must name the columns type, email, at and (optionally) name; it lacks ${missing.join(', ')}. Nothing was imported.`);
        }
        continue;
      }
      if (record.length !== columns.length) yield { line: info.lines, problem: `${record.length} columns where the header has ${columns.length}` };
      else yield { line: info.lines, record: Object.fromEntries(columns.map((column, index) => [column, record[index]])) };
    }
    return true;
  }

  for await (const chunk of input) {
    parser.write(chunk as Buffer);
    // Let the parser hand over what this chunk held before reading the next one.
    await new Promise((resolve) => setImmediate(resolve));
    if (!(yield* take())) return;
  }
  parser.end();
  await ended;
  yield* take();
}

export function readEvents(input: Readable, format: ImportFormat): AsyncGenerator<RawLine> {
  return format === 'ndjson' ? ndjsonLines(input) : csvLines(input);
}
