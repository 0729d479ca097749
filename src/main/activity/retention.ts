import type { Actor } from '@shared/schemas/audit';
import { DAY_MS } from '@shared/time';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import type { SettingsService } from '../settings/service';
import type { ActivityRepository } from './repository';

const SYSTEM: Actor = { type: 'system', name: 'Roster' };

/** The first UTC day whose activity is still kept at `at`: days older than the report's shown span go. */
export function firstKeptDay(at: Date, shownDays: number): string {
  return new Date(at.getTime() - shownDays * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Deletes day-by-day activity older than the retention window (SPEC.md A1),
 * keeping each account's last login and last active time. Run when the store
 * opens and daily after; a run that deletes something is audited, as Roster's.
 */
export function pruneActivity(deps: { db: Db; activity: ActivityRepository; settings: SettingsService; audit: AuditRepository; now: () => Date }): number {
  return inWriteTransaction(deps.db, () => {
    const at = deps.now();
    const { shownDays } = deps.settings.current().reportRule;
    const before = firstKeptDay(at, shownDays);
    const deleted = deps.activity.deleteDaysBefore(before);
    if (deleted > 0) {
      deps.audit.record(at, SYSTEM, { action: 'activity.prune', targetType: 'activity', targetLabel: `before ${before}`, after: { deletedDays: deleted, keptFrom: before, shownDays } });
    }
    return deleted;
  });
}
