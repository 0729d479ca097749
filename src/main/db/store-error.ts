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
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
