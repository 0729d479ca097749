/**
 * What a deletion took with it, as its audit event keeps it: how many, and the
 * first of them by name. Lists stop at AUDIT_LIST_LIMIT, so deleting a team of
 * 100,000 writes a readable event; the count says how many there were.
 */
export const AUDIT_LIST_LIMIT = 50;

export interface CappedList<T> {
  count: number;
  /** The first AUDIT_LIST_LIMIT of them, at most. */
  first: T[];
}
