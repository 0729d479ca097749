import type { Actor } from '@shared/schemas/audit';
import type { Db } from '../db/open';

export interface AuditChange {
  /** "<area>.<verb>", e.g. "org.rename". */
  action: string;
  targetType: string;
  targetId?: string | number | null;
  /** A name a person recognises, kept even after the target is gone. */
  targetLabel?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: Actor;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  before: unknown;
  after: unknown;
}

interface AuditRow {
  id: number;
  at: string;
  actor_type: Actor['type'];
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string | null;
  before: string | null;
  after: string | null;
}

const toJson = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
const fromJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** The append-only audit log. Callers record inside the transaction of the change itself. */
export function createAuditRepository(db: Db) {
  const insert = db.prepare(`
    INSERT INTO audit_events (at, actor_type, actor_name, action, target_type, target_id, target_label, before, after)
    VALUES (@at, @actorType, @actorName, @action, @targetType, @targetId, @targetLabel, @before, @after)`);
  const listAll = db.prepare('SELECT * FROM audit_events ORDER BY id');

  return {
    record(at: Date, actor: Actor, change: AuditChange): void {
      insert.run({
        at: at.toISOString(),
        actorType: actor.type,
        actorName: actor.name,
        action: change.action,
        targetType: change.targetType,
        targetId: change.targetId === undefined || change.targetId === null ? null : String(change.targetId),
        targetLabel: change.targetLabel ?? null,
        before: toJson(change.before),
        after: toJson(change.after),
      });
    },

    list(): AuditEvent[] {
      return (listAll.all() as AuditRow[]).map((row) => ({
        id: row.id,
        at: row.at,
        actor: { type: row.actor_type, name: row.actor_name },
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        targetLabel: row.target_label,
        before: fromJson(row.before),
        after: fromJson(row.after),
      }));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
