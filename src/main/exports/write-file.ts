import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type Result } from '@shared/result';

/** The file operations an atomic write needs; tests replace one to fail at a chosen step. */
export interface WriteFs {
  open: typeof fs.open;
  rename: typeof fs.rename;
  rm: typeof fs.rm;
}

/** Why a file could not be written, by the error's code, said for a person. */
export const FILE_ERROR_REASONS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'a folder has that name',
  ENAMETOOLONG: 'the name is too long',
};

export function fileErrorReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  return (code && FILE_ERROR_REASONS[code]) ?? (error as Error).message;
}

const ELSEWHERE = 'Choose a folder you can write to.';
const SPACE = 'Free some space, or choose another disk.';

/** What to do about a file that could not be written, by the error's code (SQLite's too). */
export const FILE_ERROR_ADVICE: Record<string, string> = {
  ENOENT: 'Choose a folder that exists.',
  ENOTDIR: 'Choose a folder that exists.',
  EACCES: ELSEWHERE,
  EPERM: ELSEWHERE,
  EROFS: ELSEWHERE,
  ENOSPC: SPACE,
  EDQUOT: SPACE,
  EISDIR: 'Choose another file name.',
  ENAMETOOLONG: 'Choose a shorter file name.',
  SQLITE_FULL: SPACE,
  SQLITE_CANTOPEN: ELSEWHERE,
  SQLITE_READONLY: ELSEWHERE,
  SQLITE_BUSY: 'Close the other program, or try again in a moment.',
};

/**
 * The whole sentence for a file that was not written: what, why, and what to
 * do, e.g. "Could not save /x/a.csv: its folder does not exist. Choose a
 * folder that exists." Every writer leaves nothing half written, so there is
 * nothing to clean up; an unknown cause is worth one more try elsewhere.
 */
export function saveFailure(what: string, error: unknown, reason = fileErrorReason(error)): string {
  const code = (error as { code?: string }).code ?? '';
  const advice = FILE_ERROR_ADVICE[code] ?? FILE_ERROR_ADVICE[code.replace(/_[A-Z]+$/, '')] ?? 'Try again, or choose another folder.';
  return `Could not ${what}: ${reason}. ${advice}`;
}

/**
 * Writes `content` to `file` so that `file` is never half written: the text
 * goes to a temporary file in the same folder (so the rename stays on one
 * disk), is flushed to the disk, then renamed over `file` in one step. If any
 * step fails, the temporary file is removed and an existing `file` is left
 * as it was; the error names the path and the reason. Resolves to the
 * absolute path written.
 */
export async function writeFileAtomic(file: string, content: string, files: WriteFs = fs): Promise<Result<string>> {
  const target = path.resolve(file);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await files.open(temporary, 'wx');
    created = true;
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await files.rename(temporary, target);
    return ok(target);
  } catch (error) {
    if (created) await files.rm(temporary, { force: true }).catch(() => undefined);
    return fail('UNAVAILABLE', saveFailure(`save ${target}`, error));
  }
}
