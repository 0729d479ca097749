export type StoreErrorCode =
  | 'CANNOT_OPEN'
  | 'NOT_A_DATABASE'
  | 'NOT_ROSTER'
  | 'DAMAGED'
  | 'NEWER_SCHEMA'
  | 'EDITED_MIGRATION'
  | 'MIGRATION_FAILED'
  | 'READ_ONLY'
  | 'LOCKED';

/**
 * The database file cannot be used. Thrown by openDatabase before it changes
 * anything; the message says what is wrong with which file, for a person.
 */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** For DAMAGED: what was found wrong ("its header is damaged (…)"), so a host can add which backup to restore. */
    readonly found?: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
