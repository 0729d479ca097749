import { ok } from '@shared/result';
import type { Handlers } from '../ipc/dispatch';
import { checkOpenDatabase, describeOutcome, isSound } from './check-database';
import type { Db } from './open';

export interface DatabaseHandlerDeps {
  db: Db;
  databasePath: string;
  now: () => Date;
  /** The damaged-database message, naming the backup to restore (backup/advice.ts). */
  describeDamage: (found: string) => string;
}

/** Settings → Database, "Check the database": SQLite's check and Roster's own, of the open database. */
export function databaseHandlers(deps: DatabaseHandlerDeps): Pick<Handlers, 'db:check'> {
  return {
    'db:check': ({ full }) => {
      const outcome = checkOpenDatabase(deps.db, deps.databasePath, full ? 'full' : 'quick');
      const sound = isSound(outcome);
      const what = full ? 'SQLite\'s full integrity check, its foreign key check and Roster\'s checks' : 'SQLite\'s quick check and Roster\'s checks';
      return ok({
        sound,
        depth: outcome.depth,
        problems: outcome.unusable ? [outcome.unusable] : outcome.problems,
        durationMs: Math.round(outcome.durationMs),
        checkedAt: deps.now().toISOString(),
        message: sound ? `The database is sound: ${what} found nothing wrong.` : (outcome.unusable ?? deps.describeDamage(describeOutcome(outcome))),
      });
    },
  };
}
