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

/** A file system error becomes a refusal that names the file and the reason; anything else goes on. */
function refusal(target: string, error: unknown): Result<never> {
  if (!(error as NodeJS.ErrnoException).code) throw error;
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
