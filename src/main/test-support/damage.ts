import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Damage done on purpose to real database files, for the tests of what Roster
 * does with a damaged database (docs/RELIABILITY.md, "A damaged database").
 */

/** Every byte of the database and of each side file (or its absence), to show that nothing changed them. */
export function fingerprint(file: string): Record<string, string | null> {
  const parts: Record<string, string | null> = {};
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const part = `${file}${suffix}`;
    parts[suffix || 'db'] = fs.existsSync(part) ? createHash('sha256').update(fs.readFileSync(part)).digest('hex') : null;
  }
  return parts;
}

export const sideFiles = (file: string) => ['-wal', '-shm', '-journal'].filter((suffix) => fs.existsSync(`${file}${suffix}`));

/** A copy of `file` without its last `bytes` bytes, as an interrupted copy or download leaves it. */
export function cutShort(file: string, bytes: number, out: string): string {
  const whole = fs.readFileSync(file);
  fs.writeFileSync(out, whole.subarray(0, whole.length - bytes));
  return out;
}

const pageSizeOf = (bytes: Buffer) => bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);

/** The pages of `table`'s b-tree (not page 1), in order. */
export function pagesOf(file: string, table: string): number[] {
  // Read-write (it writes nothing): closing it removes the -wal and -shm a read-only connection would leave.
  const db = new Database(file, { fileMustExist: true });
  try {
    return db.prepare('SELECT pageno FROM dbstat WHERE name = ? AND pageno > 1 ORDER BY pageno').pluck().all(table) as number[];
  } finally {
    db.close();
  }
}

/** Overwrites page `page` (numbered from 1) of `file` with junk, as a bad sector or a stray write would. */
export function damagePage(file: string, page: number): void {
  const bytes = fs.readFileSync(file);
  const pageSize = pageSizeOf(bytes);
  bytes.fill(0x5a, (page - 1) * pageSize, page * pageSize);
  fs.writeFileSync(file, bytes);
}

/**
 * Overwrites the page of `table` nearest the middle of the file with junk.
 * Every connection to the file must be closed. Answers the page number.
 */
export function damagePageOf(file: string, table: string): number {
  const pages = pagesOf(file, table);
  if (pages.length === 0) throw new Error(`${table} has no pages of its own in ${file}`);
  const middle = fs.statSync(file).size / pageSizeOf(fs.readFileSync(file).subarray(0, 100)) / 2;
  const page = pages.reduce((best, candidate) => (Math.abs(candidate - middle) < Math.abs(best - middle) ? candidate : best));
  damagePage(file, page);
  return page;
}

/** Overwrites part of the 100-byte header: by default the page size and the format numbers after it. */
export function damageHeader(file: string, from = 16, to = 24): void {
  const bytes = fs.readFileSync(file);
  bytes.fill(0x5a, from, to);
  fs.writeFileSync(file, bytes);
}
