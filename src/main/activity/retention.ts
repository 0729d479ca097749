import type { Actor } from '@shared/schemas/audit';
import { DAY_MS } from '@shared/time';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import type { SettingsService } from '../settings/service';
import type { ActivityRepository } from './repository';

const SYSTEM: Actor = { type: 'system', name: 'Roster' };

/** Day-by-day activity is never kept for less than this (docs/RULES.md, A1), whatever the report shows. */
export const MIN_RETENTION_DAYS = 90;

/**
 * How many days of day-by-day activity are kept: the report's shown span, but
 * never under 90 days, so trying a shorter report rule never deletes history
 * for good.
 */
export function retentionDays(shownDays: number): number {
  return Math.max(MIN_RETENTION_DAYS, shownDays);
}

/** The first UTC day `days` before `at`: with retentionDays, the oldest day still kept. */
export function firstKeptDay(at: Date, days: number): string {
  return new Date(at.getTime() - days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Deletes day-by-day activity older than the retention window (docs/RULES.md, A1),
 * keeping each account's last login and last active time. Run when the store
 * opens and daily after; a run that deletes something is audited, as Roster's.
 */
export function pruneActivity(deps: { db: Db; activity: ActivityRepository; settings: SettingsService; audit: AuditRepository; now: () => Date }): number {
  return inWriteTransaction(deps.db, () => {
    const at = deps.now();
    const { shownDays } = deps.settings.current().reportRule;
    const before = firstKeptDay(at, retentionDays(shownDays));
    const deleted = deps.activity.deleteDaysBefore(before);
    if (deleted > 0) {
      deps.audit.record(at, SYSTEM, { action: 'activity.prune', targetType: 'activity', targetLabel: `before ${before}`, after: { deletedDays: deleted, keptFrom: before, keptDays: retentionDays(shownDays) } });
    }
    return deleted;
  });
}
