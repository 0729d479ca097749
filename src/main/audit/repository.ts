import { MAX_AUDIT_FACETS, type Actor, type AuditFacets, type AuditFilter } from '@shared/schemas/audit';
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

const toEvent = (row: AuditRow): AuditEvent => ({
  id: row.id,
  at: row.at,
  actor: { type: row.actor_type, name: row.actor_name },
  action: row.action,
  targetType: row.target_type,
  targetId: row.target_id,
  targetLabel: row.target_label,
  before: fromJson(row.before),
  after: fromJson(row.after),
});

/** LIKE matches `text` anywhere, its %, _ and \ literally; with ESCAPE '\'. LIKE itself ignores ASCII case. */
const containsLike = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause of a filter, as bound parameters; every column it names has an index (0001, 0009). */
function whereOf(filter: AuditFilter): { where: string; params: Record<string, string> } {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  const add = (condition: string, values: Record<string, string>) => {
    conditions.push(condition);
    Object.assign(params, values);
  };
  if (filter.actorType) add('actor_type = @actorType', { actorType: filter.actorType });
  if (filter.actorName) add('actor_name = @actorName', { actorName: filter.actorName });
  if (filter.action) {
    // "member." means every action under it: a range on the index, as LIKE would not use it.
    if (filter.action.endsWith('.')) add('action >= @actionFrom AND action < @actionTo', { actionFrom: filter.action, actionTo: `${filter.action.slice(0, -1)}/` });
    else add('action = @action', { action: filter.action });
  }
  if (filter.targetType) add('target_type = @targetType', { targetType: filter.targetType });
  if (filter.targetId) add('target_id = @targetId', { targetId: filter.targetId });
  if (filter.target) add("(target_label LIKE @target ESCAPE '\\' OR target_id LIKE @target ESCAPE '\\')", { target: containsLike(filter.target) });
  if (filter.since) add('at >= @since', { since: new Date(filter.since).toISOString() });
  if (filter.until) add('at < @until', { until: new Date(filter.until).toISOString() });
  return { where: conditions.length > 0 ? conditions.join(' AND ') : '1', params };
}

/** Rows are read this many at a time when a whole selection is walked (exports). */
const CHUNK = 1000;

/** The append-only audit log. Callers record inside the transaction of the change itself. */
export function createAuditRepository(db: Db) {
  const insert = db.prepare(`
    INSERT INTO audit_events (at, actor_type, actor_name, action, target_type, target_id, target_label, before, after)
    VALUES (@at, @actorType, @actorName, @action, @targetType, @targetId, @targetLabel, @before, @after)`);
  const listAll = db.prepare('SELECT * FROM audit_events ORDER BY id');
  const openGate = db.prepare('UPDATE audit_prune_gate SET open = 1, keep_from = ? WHERE id = 1');
  const closeGate = db.prepare('UPDATE audit_prune_gate SET open = 0, keep_from = NULL WHERE id = 1');
  const deleteBefore = db.prepare('DELETE FROM audit_events WHERE at < ?');
  const actors = db.prepare(`SELECT DISTINCT actor_type AS type, actor_name AS name FROM audit_events ORDER BY actor_type, actor_name LIMIT ${MAX_AUDIT_FACETS + 1}`);
  const actions = db.prepare(`SELECT DISTINCT action FROM audit_events ORDER BY action LIMIT ${MAX_AUDIT_FACETS + 1}`).pluck();
  const targetTypes = db.prepare(`SELECT DISTINCT target_type FROM audit_events ORDER BY target_type LIMIT ${MAX_AUDIT_FACETS + 1}`).pluck();

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

    /** Every event, oldest first: for tests and small logs. */
    list(): AuditEvent[] {
      return (listAll.all() as AuditRow[]).map(toEvent);
    },

    /** One page of the events a filter selects, newest first, and how many it selects in all. */
    page(filter: AuditFilter, offset: number, limit: number): { rows: AuditEvent[]; total: number } {
      const { where, params } = whereOf(filter);
      const rows = db.prepare(`SELECT * FROM audit_events WHERE ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as AuditRow[];
      const total = db.prepare(`SELECT count(*) FROM audit_events WHERE ${where}`).pluck().get(params) as number;
      return { rows: rows.map(toEvent), total };
    },

    /**
     * The events a filter selects, oldest first, read CHUNK rows at a time
     * (after the last id seen), so no query holds the whole log at once.
     */
    *chunks(filter: AuditFilter): Generator<AuditEvent[]> {
      const { where, params } = whereOf(filter);
      const next = db.prepare(`SELECT * FROM audit_events WHERE ${where} AND id > @after ORDER BY id LIMIT ${CHUNK}`);
      for (let after = 0; ; ) {
        const rows = next.all({ ...params, after }) as AuditRow[];
        if (rows.length === 0) return;
        yield rows.map(toEvent);
        after = rows[rows.length - 1]!.id;
      }
    },

    /** Who has acted, what was done and to what kind of thing, each list at most MAX_AUDIT_FACETS long. */
    facets(): AuditFacets {
      const found = {
        actors: actors.all() as Actor[],
        actions: actions.all() as string[],
        targetTypes: targetTypes.all() as string[],
      };
      const truncated = Object.values(found).some((list) => list.length > MAX_AUDIT_FACETS);
      return {
        actors: found.actors.slice(0, MAX_AUDIT_FACETS),
        actions: found.actions.slice(0, MAX_AUDIT_FACETS),
        targetTypes: found.targetTypes.slice(0, MAX_AUDIT_FACETS),
        truncated,
      };
    },

    /**
     * Deletes the events of the UTC days before `keepFrom` (YYYY-MM-DD): the
     * one DELETE the append-only trigger lets through, while the gate is open.
     * Call it inside a write transaction, so the gate is never seen open by
     * another connection, and is closed again even if the DELETE fails.
     */
    deleteDaysBefore(keepFrom: string): number {
      openGate.run(keepFrom);
      try {
        return deleteBefore.run(keepFrom).changes;
      } finally {
        closeGate.run();
      }
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
