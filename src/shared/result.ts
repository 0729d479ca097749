import type { AppError, ErrorCode, FieldIssue } from './errors';

/** What every service and every IPC call returns: a value, or an error for a person to read. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string, issues?: FieldIssue[]): Result<T> {
  return { ok: false, error: issues && issues.length > 0 ? { code, message, issues } : { code, message } };
}

/** The message of the first issue for a field, for showing it under that field. */
export function issueFor(error: AppError | null | undefined, path: string): string | undefined {
  return error?.issues?.find((issue) => issue.path === path)?.message;
}
