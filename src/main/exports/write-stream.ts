import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fail, ok, type Result } from '@shared/result';
import { saveFailure } from './write-file';

/** A temporary file beside `target`, appended to, then renamed over `target` or removed. */
interface TemporaryFile {
  write(text: string): void;
  /** Flushes to the disk and renames over the target in one step. */
  finish(): void;
  /** Closes (if still open) and removes the temporary file; the target is untouched. */
  discard(): void;
}

function openTemporary(target: string): TemporaryFile {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(temporary, 'wx');
  let open = true;
  return {
    write(text) {
      if (text !== '') fs.writeSync(fd, text, null, 'utf8');
    },
    finish() {
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      open = false;
      fs.renameSync(temporary, target);
    },
    discard() {
      if (open) fs.closeSync(fd);
      open = false;
      fs.rmSync(temporary, { force: true });
    },
  };
}

/**
 * A file system error becomes a refusal that names the file and the reason;
 * anything else goes on, SQLite's errors among them (they carry a code too):
 * a damaged store met while reading the rows is the caller's to explain, not
 * a file that could not be saved.
 */
function refusal(target: string, error: unknown): Result<never> {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string' || code.startsWith('SQLITE_')) throw error;
  return fail('UNAVAILABLE', saveFailure(`save ${target}`, error));
}

/**
 * Writes a file piece by piece without ever leaving it half written: `produce`
 * hands each piece to `write`, which appends it to a temporary file in the same
 * folder; once `produce` returns, the file is flushed to the disk and renamed
 * over `file` in one step. If anything fails (or `produce` throws), the
 * temporary file is removed and an existing `file` is left as it was.
 * Synchronous, so a caller can read the store in one transaction while it
 * writes: the file is a consistent snapshot, and only one page of it is ever in memory.
 */
export function writeFileAtomicSync<T>(file: string, produce: (write: (text: string) => void) => T): Result<{ path: string; value: T }> {
  const target = path.resolve(file);
  let temporary: TemporaryFile | null = null;
  try {
    temporary = openTemporary(target);
    const value = produce(temporary.write);
    temporary.finish();
    return ok({ path: target, value });
  } catch (error) {
    temporary?.discard();
    return refusal(target, error);
  }
}

/**
 * writeFileAtomicSync for a producer that yields between pieces (a job that
 * shows progress and can be cancelled): the same temporary file and rename.
 * When `produce` throws (JobCancelled among others), the temporary file is
 * removed, `file` is left as it was, and the error goes on to the caller.
 */
export async function writeFileAtomicAsync<T>(file: string, produce: (write: (text: string) => void) => Promise<T>): Promise<Result<{ path: string; value: T }>> {
  const target = path.resolve(file);
  let temporary: TemporaryFile | null = null;
  try {
    temporary = openTemporary(target);
    const value = await produce(temporary.write);
    temporary.finish();
    return ok({ path: target, value });
  } catch (error) {
    temporary?.discard();
    return refusal(target, error);
  }
}

/** How many pieces may be on their way to the disk at once before the producer waits for the oldest. */
const PIECES_IN_FLIGHT = 8;

/**
 * writeFileAtomicAsync for a large file made on this thread while the disk
 * takes it on another: each piece is encoded here and handed to Node's
 * thread pool, written at its own offset, so copying it into the file (a
 * core's worth of time for a million-member report) overlaps making the next
 * one. `write` answers a promise to await before making more when
 * PIECES_IN_FLIGHT pieces are still being written (and nothing otherwise); it
 * never rejects. The same temporary file, flush and rename; a failed write
 * fails the next `write` or the end, the target left as it was.
 */
export async function writeFileAtomicOverlapped<T>(
  file: string,
  produce: (write: (text: string) => Promise<void> | undefined) => Promise<T>,
): Promise<Result<{ path: string; value: T }>> {
  const target = path.resolve(file);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  let position = 0;
  let failure: unknown = null;
  const inFlight = new Set<Promise<void>>();
  const writeAt = (bytes: Buffer, at: number): Promise<void> =>
    new Promise((resolve) => {
      fs.write(fd!, bytes, 0, bytes.length, at, (error, written) => {
        if (error) failure ??= error;
        // A write that takes nothing is the disk refusing more: said as the full disk it is.
        else if (written === 0) failure ??= Object.assign(new Error(`nothing more could be written to ${temporary}`), { code: 'ENOSPC' });
        // A short write (rare on a file): the rest at its own offset.
        if (error || written === 0 || written === bytes.length) resolve();
        else resolve(writeAt(bytes.subarray(written), at + written));
      });
    });
  // Never rejects (a failed write is kept in `failure`): the producer may leave it unawaited.
  const settled = async (most: number) => {
    while (inFlight.size > most) await Promise.race(inFlight);
  };
  try {
    fd = fs.openSync(temporary, 'wx');
    const value = await produce((text) => {
      if (failure) throw failure;
      if (text === '') return undefined;
      const bytes = Buffer.from(text, 'utf8');
      const piece = writeAt(bytes, position).then(() => {
        inFlight.delete(piece);
      });
      inFlight.add(piece);
      position += bytes.length;
      return inFlight.size >= PIECES_IN_FLIGHT ? settled(PIECES_IN_FLIGHT - 1) : undefined;
    });
    await settled(0);
    if (failure) throw failure;
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(temporary, target);
    return ok({ path: target, value });
  } catch (error) {
    // Nothing may still be writing to the file when it is closed and removed.
    await Promise.allSettled(inFlight);
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    return refusal(target, error);
  }
}
