import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { CheckDepth } from '@shared/schemas/database';
import { StoreError } from './store-error';

/**
 * Finding damage in a database file: its header read with plain file reads
 * (before SQLite opens it, so a damaged file gets no -wal or -shm beside it),
 * SQLite's own checks, and the errors by which SQLite reports damage it meets.
 * When each check runs is docs/RELIABILITY.md, "A damaged database".
 */

const MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;

export type HeaderVerdict =
  /** No file, or an empty one: a new database. */
  | { kind: 'new' }
  | { kind: 'sound' }
  /** Not a SQLite file at all; `applicationId` is what the bytes where a database keeps its mark hold. */
  | { kind: 'not-sqlite'; applicationId: number | null }
  | { kind: 'damaged'; found: string };

const powerOfTwo = (value: number) => value > 0 && (value & (value - 1)) === 0;

/** Whether a -wal file with content lies beside `file`: another process has it open, or one stopped without closing it. */
export function hasWriteAheadLog(file: string): boolean {
  return (fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0;
}

/**
 * Reads the first 100 bytes of `file` and its size, and says whether SQLite
 * could make sense of them: the fields SQLite refuses or misreads when they
 * are wrong, and a file shorter than its header says (a copy or download cut
 * short). The length is judged only when no -wal lies beside the file: a
 * checkpoint by another process may write the header before the pages.
 */
export function inspectHeader(file: string): HeaderVerdict {
  let size: number;
  const header = Buffer.alloc(HEADER_BYTES);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return { kind: 'new' }; // Missing or unreadable: opening it says which.
  }
  try {
    size = fs.fstatSync(fd).size;
    fs.readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (size === 0) return { kind: 'new' };
  if (size < HEADER_BYTES || header.toString('latin1', 0, 16) !== MAGIC) {
    return { kind: 'not-sqlite', applicationId: size >= 72 ? header.readUInt32BE(68) : null };
  }

  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const damaged = (what: string): HeaderVerdict => ({ kind: 'damaged', found: `its header is damaged (${what})` });
  if (!powerOfTwo(pageSize) || pageSize < 512) return damaged(`the page size reads ${rawPageSize}`);
  const [write, read] = [header[18]!, header[19]!];
  if (![1, 2].includes(write) || ![1, 2].includes(read)) return damaged(`the file format versions read ${write} and ${read}`);
  if (header[21] !== 64 || header[22] !== 32 || header[23] !== 32) return damaged('the payload fractions are not 64, 32 and 32');
  if (pageSize - header[20]! < 480) return damaged(`${header[20]} bytes of each page are reserved`);
  const schemaFormat = header.readUInt32BE(44);
  if (schemaFormat > 4) return damaged(`the schema format reads ${schemaFormat}`);
  const encoding = header.readUInt32BE(56);
  if (encoding > 3) return damaged(`the text encoding reads ${encoding}`);

  if (size % pageSize !== 0) {
    return { kind: 'damaged', found: `it is ${size.toLocaleString('en')} bytes, not a whole number of ${pageSize.toLocaleString('en')}-byte pages: it was cut short or added to` };
  }
  // The page count in the header is valid only when the change counter matches "version valid for".
  const declared = header.readUInt32BE(28);
  const countValid = declared > 0 && header.readUInt32BE(24) === header.readUInt32BE(92);
  if (countValid && size < declared * pageSize && !hasWriteAheadLog(file)) {
    return {
      kind: 'damaged',
      found:
        `it is shorter than its header says: ${declared.toLocaleString('en')} pages (${(declared * pageSize).toLocaleString('en')} bytes), ` +
        `but the file holds ${size.toLocaleString('en')} bytes; it was cut short (a copy or download interrupted), or its header is damaged`,
    };
  }
  return { kind: 'sound' };
}

/** SQLite's ways of saying the file is damaged: SQLITE_CORRUPT and its extended codes, SQLITE_NOTADB, a page cut short. */
export function isDamageError(error: unknown): boolean {
  if (error instanceof StoreError) return error.code === 'DAMAGED';
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'SQLITE_IOERR_SHORT_READ');
}

/** What SQLite said, for the message: "SQLite reports: database disk image is malformed". */
export function damageFound(error: unknown): string {
  if (error instanceof StoreError) return error.message;
  return `SQLite reports: ${(error as Error).message}`;
}

export type { CheckDepth };

/** At most this many of SQLite's problems are listed: the first few say enough. */
const PROBLEM_LIMIT = 20;

/**
 * SQLite's check of `db`: quick_check (every page and record is readable and
 * well formed, no page lost or used twice, NOT NULL and CHECK constraints hold)
 * or, `full`, integrity_check (also every index matches its table) and
 * foreign_key_check. Answers the problems found; none means sound. Run on a
 * connection that may write (even when it does not), or SQLite skips the
 * CHECK constraints.
 */
export function findProblems(db: Database.Database, depth: CheckDepth): string[] {
  try {
    const rows = db.pragma(`${depth === 'full' ? 'integrity_check' : 'quick_check'}(${PROBLEM_LIMIT})`, { simple: false }) as Record<string, string>[];
    const problems = rows
      .map((row) => String(Object.values(row)[0]).replace(/^\*\*\* in database \w+ \*\*\*\s*/, '').trim())
      .filter((line) => line !== 'ok' && line !== '');
    if (problems.length > 0 || depth === 'quick') return problems;
    const orphans = db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
    return orphans.slice(0, PROBLEM_LIMIT).map((row) => `a row of ${row.table}${row.rowid === null ? '' : ` (rowid ${row.rowid})`} refers to a missing row of ${row.parent}`);
  } catch (error) {
    if (isDamageError(error)) return [damageFound(error)];
    throw error;
  }
}

/** "1 problem (…)" / "3 problems, the first: …", for a message. */
export function describeProblems(problems: string[], checkName: string): string {
  const first = problems[0] ?? '';
  if (problems.length === 1) return `${checkName} found a problem: ${first}`;
  const count = problems.length >= PROBLEM_LIMIT ? `${PROBLEM_LIMIT} or more problems` : `${problems.length} problems`;
  return `${checkName} found ${count}, the first: ${first}`;
}

/**
 * Whether `file` was left by a process that stopped without closing it (a crash,
 * a power cut, a kill): a -wal file with content lies beside it, and no other
 * process has it open. The last connection to close removes the -wal, so one
 * left over means either. Another process holds a lock SQLite needs for a
 * read in exclusive locking mode; the probe asks for it without waiting and
 * lets it go at once. Opening it this way is the recovery any open makes:
 * the probe's close moves the -wal's committed pages into the file.
 */
export function leftUnclean(file: string, nativeBinding?: string): boolean {
  if (!hasWriteAheadLog(file)) return false;
  const probe = new Database(file, { fileMustExist: true, timeout: 0, nativeBinding });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) return false;
    throw error;
  } finally {
    probe.close();
  }
}
