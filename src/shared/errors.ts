/**
 * Error codes a caller can switch on. The message that travels with a code is
 * written for a person and shown as is; the code is for program logic.
 */
export const errorCodes = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  /**
   * An edit made from a page that no longer shows what is stored: the record
   * changed after the page read it (docs/RULES.md, V6). The message says who
   * changed what, and when; nothing was saved, and the page should read it again.
   */
  'STALE',
  'NO_ENTERPRISE',
  'ENTERPRISE_EXISTS',
  'NO_FREE_SEATS',
  'SEATS_IN_USE',
  'FORBIDDEN',
  /** A Roster server was called without a valid API token or session (HTTP 401). */
  'UNAUTHENTICATED',
  /** Too many attempts (failed sign-ins): the message says when to try again, and HTTP's Retry-After in seconds. */
  'RATE_LIMITED',
  'UNSUPPORTED',
  /** The store is an offline copy (docs/OFFLINE-COPIES.md): it is read and exported, never changed. The message says of what. */
  'READ_ONLY',
  /** This Roster and the Roster server it would work on speak different contract versions: the message says which to upgrade. */
  'VERSION_MISMATCH',
  'BUSY',
  'UNAVAILABLE',
  'NO_DATABASE',
  'DATABASE_UNUSABLE',
  /** The database file is damaged (SQLite found corruption): the message names the newest backup to restore. */
  'DAMAGED',
  'USAGE',
  /** The person cancelled a long job; the message says what was (not) done. */
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one field of an input, for inline validation messages. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. "name"; empty for the input as a whole. */
  path: string;
  message: string;
}

export interface AppError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}
