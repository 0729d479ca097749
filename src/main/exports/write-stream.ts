import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fail, ok, type Result } from '@shared/result';
import { fileErrorReason } from './write-file';

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
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(temporary, 'wx');
    const handle = fd;
    const value = produce((text) => {
      if (text !== '') fs.writeSync(handle, text, null, 'utf8');
    });
    fs.fsyncSync(handle);
    fs.closeSync(handle);
    fd = null;
    fs.renameSync(temporary, target);
    return ok({ path: target, value });
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    if (!(error as NodeJS.ErrnoException).code) throw error;
    return fail('UNAVAILABLE', `Could not save ${target}: ${fileErrorReason(error)}.`);
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
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(temporary, 'wx');
    const handle = fd;
    const value = await produce((text) => {
      if (text !== '') fs.writeSync(handle, text, null, 'utf8');
    });
    fs.fsyncSync(handle);
    fs.closeSync(handle);
    fd = null;
    fs.renameSync(temporary, target);
    return ok({ path: target, value });
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    if (!(error as NodeJS.ErrnoException).code) throw error;
    return fail('UNAVAILABLE', `Could not save ${target}: ${fileErrorReason(error)}.`);
  }
}
