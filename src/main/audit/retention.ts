import type { Actor } from '@shared/schemas/audit';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import { firstKeptDay } from '../activity/retention';
import type { SettingsService } from '../settings/service';
import type { AuditRepository } from './repository';

const SYSTEM: Actor = { type: 'system', name: 'Roster' };

export interface AuditPruneResult {
  /** Events deleted; 0 when the log is kept for ever or nothing was old enough. */
  deleted: number;
  /** The first UTC day kept, or null when the log is kept for ever. */
  keepFrom: string | null;
}

/**
 * Deletes the audit events of whole UTC days older than the retention setting
 * (an event N days old stays; N + 1 goes); with no setting (the default) it
 * deletes nothing. Runs when the store opens, daily, and when the setting
 * changes. A run that deleted something is itself audited, as Roster's, after
 * the prune, so its `audit.prune` event is never what it deletes.
 */
export function pruneAudit(deps: { db: Db; audit: AuditRepository; settings: SettingsService; now: () => Date }): AuditPruneResult {
  // Kept for ever (the default): nothing to do, and no write lock to take.
  if (deps.settings.current().auditRetentionDays === null) return { deleted: 0, keepFrom: null };
  return inWriteTransaction(deps.db, () => {
    const days = deps.settings.current().auditRetentionDays;
    if (days === null) return { deleted: 0, keepFrom: null };
    const at = deps.now();
    const keepFrom = firstKeptDay(at, days);
    const deleted = deps.audit.deleteDaysBefore(keepFrom);
    if (deleted > 0) {
      deps.audit.record(at, SYSTEM, {
        action: 'audit.prune',
        targetType: 'audit',
        targetLabel: `before ${keepFrom}`,
        after: { deletedEvents: deleted, keptFrom: keepFrom, retentionDays: days },
      });
    }
    return { deleted, keepFrom };
  });
}
