import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { CheckDepth } from '@shared/schemas/database';
import { damageFound, describeProblems, findProblems, inspectHeader, isDamageError } from './integrity';
import type { Migration } from './migrations';
import { ROSTER_APPLICATION_ID, verifyRosterSchema, type Db } from './open';
import { StoreError } from './store-error';

export interface CheckOutcome {
  depth: CheckDepth;
  /** What was found damaged (by SQLite, in the header, or Roster's record of migrations gone); empty when none. */
  problems: string[];
  /**
   * Sound as SQLite sees it, but not a database this Roster can use (another
   * program's, a newer Roster's, one with an edited migration, not SQLite at
   * all): why, and what to do, for a person. Null when it can be used.
   */
  unusable: string | null;
  durationMs: number;
}

export const isSound = (outcome: CheckOutcome) => outcome.problems.length === 0 && outcome.unusable === null;

/**
 * SQLite's check of an open connection (integrity.ts, findProblems), then,
 * when SQLite finds the file readable, Roster's own: Roster's mark, its record
 * of migrations, none newer than this Roster and none edited.
 */
export function checkOpenDatabase(db: Db, file: string, depth: CheckDepth, migrations?: Migration[]): CheckOutcome {
  const started = performance.now();
  const problems = findProblems(db, depth);
  let unusable: string | null = null;
  if (problems.length === 0) {
    try {
      verifyRosterSchema(db, file, migrations);
    } catch (error) {
      if (error instanceof StoreError && error.code !== 'DAMAGED') unusable = error.message;
      else if (isDamageError(error)) problems.push(error instanceof StoreError ? (error.found ?? error.message) : damageFound(error));
      else throw error;
    }
  }
  return { depth, problems, unusable, durationMs: performance.now() - started };
}

/**
 * Checks the database in `file` without changing it (`roster check`): its
 * header first, with plain reads, then SQLite's and Roster's checks on a
 * connection of its own. Nothing is migrated or written; a file another
 * process is writing to is checked as of one moment.
 */
export function checkDatabaseFile(file: string, depth: CheckDepth, options: { nativeBinding?: string } = {}): CheckOutcome {
  const started = performance.now();
  const header = inspectHeader(file);
  const refused = (problem: string): CheckOutcome => ({ depth, problems: [problem], unusable: null, durationMs: performance.now() - started });
  const unusable = (why: string): CheckOutcome => ({ depth, problems: [], unusable: why, durationMs: performance.now() - started });
  if (header.kind === 'damaged') return refused(header.found);
  if (header.kind === 'not-sqlite') {
    if (header.applicationId === ROSTER_APPLICATION_ID) return refused('its header is damaged (it no longer begins as a SQLite database does)');
    return unusable(`${file} is not a database file.`);
  }
  if (header.kind === 'new') return unusable(`${file} is empty: there is no database in it.`);
  let db: Db;
  try {
    // Read-write (nothing is written): a read-only connection skips the CHECK constraints.
    db = new Database(file, { fileMustExist: true, nativeBinding: options.nativeBinding, timeout: 5000 });
  } catch (error) {
    if (isDamageError(error)) return refused(damageFound(error));
    throw error;
  }
  try {
    db.pragma('cell_size_check = ON');
    return { ...checkOpenDatabase(db, file, depth), durationMs: performance.now() - started };
  } catch (error) {
    if (isDamageError(error)) return refused(damageFound(error));
    throw error;
  } finally {
    db.close();
  }
}

/** "the quick check found a problem: …" */
export const describeOutcome = (outcome: CheckOutcome) => describeProblems(outcome.problems, outcome.depth === 'full' ? 'the full check' : 'the quick check');
