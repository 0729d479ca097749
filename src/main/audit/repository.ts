import { MAX_AUDIT_FACETS, type Actor, type AuditFacets, type AuditFilter } from '@shared/schemas/audit';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';
import { CHAIN_VERSION, chainHash, GENESIS, type ChainedCells } from './chain';
import { subjectOf, toEvent, toJson, type AuditEvent, type AuditRow } from './event-row';
import { readAnchor, verifyAuditChain } from './verify';

export type { AuditEvent } from './event-row';

export interface AuditChange {
  /** "<area>.<verb>", e.g. "org.rename". */
  action: string;
  targetType: string;
  targetId?: string | number | null;
  /** A name a person recognises, kept even after the target is gone. */
  targetLabel?: string | null;
  before?: unknown;
  after?: unknown;
  /**
   * The person the event concerns, by address. Left out, it is found from the
   * change itself (event-row.ts, subjectOf); null says it concerns nobody.
   */
  subject?: string | null;
}

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
  // The person an event concerns is searched too, so an address finds every event about them.
  if (filter.target) {
    add("(target_label LIKE @target ESCAPE '\\' OR target_id LIKE @target ESCAPE '\\' OR subject LIKE @target ESCAPE '\\')", { target: containsLike(filter.target) });
  }
  if (filter.subject) add('subject = @subject', { subject: filter.subject.toLowerCase() });
  if (filter.since) add('at >= @since', { since: new Date(filter.since).toISOString() });
  if (filter.until) add('at < @until', { until: new Date(filter.until).toISOString() });
  return { where: conditions.length > 0 ? conditions.join(' AND ') : '1', params };
}

/** Where the chain stands: the last event's id and time (null before any) and the hash the next event follows. */
interface Link {
  id: number;
  at: string | null;
  hash: Buffer;
}

const COLUMNS = 'id, at, actor_type, actor_name, actor_admin, actor_token, action, target_type, target_id, target_label, subject, before, after, chain_version, prev_hash, hash';
const PLACES = Array(16).fill('?').join(', ');
/** recordMany inserts at most this many events a statement (16 values each). */
const MANY = 50;

/** Rows are read this many at a time when a whole selection is walked (exports). */
const CHUNK = 1000;

/** The append-only audit log. Callers record inside the transaction of the change itself. */
export function createAuditRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO audit_events (${COLUMNS}) VALUES (${PLACES})`);
  // The newest event, by the rowid: one indexed read per write.
  const newest = db.prepare('SELECT id, at, chain_version AS version, hash FROM audit_events ORDER BY id DESC LIMIT 1');
  // The last chained event a prune is about to delete (chained events run in time order, so this is the newest by id too).
  const lastChainedBefore = db.prepare('SELECT id, at, hash FROM audit_events WHERE at < ? AND chain_version = 1 ORDER BY at DESC, id DESC LIMIT 1');
  const moveAnchor = db.prepare('UPDATE audit_chain_anchor SET event_id = ?, at = ?, hash = ? WHERE id = 1');
  const listAll = db.prepare('SELECT * FROM audit_events ORDER BY id');
  const openGate = db.prepare('UPDATE audit_prune_gate SET open = 1, keep_from = ? WHERE id = 1');
  const closeGate = db.prepare('UPDATE audit_prune_gate SET open = 0, keep_from = NULL WHERE id = 1');
  const deleteBefore = db.prepare('DELETE FROM audit_events WHERE at < ?');
  const actors = db.prepare(`SELECT DISTINCT actor_type AS type, actor_name AS name FROM audit_events ORDER BY actor_type, actor_name LIMIT ${MAX_AUDIT_FACETS + 1}`);
  const actions = db.prepare(`SELECT DISTINCT action FROM audit_events ORDER BY action LIMIT ${MAX_AUDIT_FACETS + 1}`).pluck();
  const targetTypes = db.prepare(`SELECT DISTINCT target_type FROM audit_events ORDER BY target_type LIMIT ${MAX_AUDIT_FACETS + 1}`).pluck();

  /**
   * Chains and inserts one event. Runs inside the caller's write transaction,
   * so the newest event read here is still the newest when this one goes in,
   * whichever process wrote it: nothing is cached between writes.
   */
  function append(at: Date, actor: Actor, change: AuditChange): void {
    appendAfter(latestLink(), at, actor, change);
  }

  /** What the next event follows: the newest event's id, time and hash (or the anchor's, or the genesis). */
  function latestLink(): Link {
    const last = newest.get() as { id: number; at: string; version: number; hash: Buffer | null } | undefined;
    const chained = last !== undefined && last.version === CHAIN_VERSION && last.hash !== null;
    // Before the first chained event (or when a prune left only older rows), the anchor or the genesis.
    const anchor = chained ? null : readAnchor(db);
    const prev = chained ? last.hash! : (anchor?.hash ?? GENESIS);
    return { id: Math.max(last?.id ?? 0, anchor?.eventId ?? 0), at: last?.at ?? null, hash: prev };
  }

  /** Chains and inserts one event after `link`; answers the link the next event follows. */
  function appendAfter(link: Link, at: Date, actor: Actor, change: AuditChange): Link {
    const { values, next } = chainAfter(link, at, actor, change);
    insert.run(...values);
    return next;
  }

  // Several events in one INSERT: SQLite's cost is largely per statement (and, inside a savepoint, its statement journal).
  const insertsOf = new Map<number, Statement>();
  function insertMany(rows: unknown[][]): void {
    for (let start = 0; start < rows.length; start += MANY) {
      const slice = rows.slice(start, start + MANY);
      let statement = insertsOf.get(slice.length);
      if (!statement) {
        statement = db.prepare(`INSERT INTO audit_events (${COLUMNS}) VALUES ${Array(slice.length).fill(`(${PLACES})`).join(', ')}`);
        insertsOf.set(slice.length, statement);
      }
      statement.run(...slice.flat());
    }
  }

  /** An event's cells after `link`, in the column order of the INSERT, and the link the next event follows. */
  function chainAfter(link: Link, at: Date, actor: Actor, change: AuditChange): { values: unknown[]; next: Link } {
    const prev = link.hash;
    const requested = at.toISOString();
    const cells: ChainedCells = {
      id: link.id + 1,
      // A clock set back never dates an event before the last one, and never blocks the write.
      at: link.at !== null && requested < link.at ? link.at : requested,
      actor_type: actor.type,
      actor_name: actor.name,
      actor_admin: actor.admin ?? null,
      // A SCIM actor is its token.
      actor_token: actor.token ?? (actor.type === 'scim' ? actor.name : null),
      action: change.action,
      target_type: change.targetType,
      target_id: change.targetId === undefined || change.targetId === null ? null : String(change.targetId),
      target_label: change.targetLabel ?? null,
      subject: change.subject === undefined ? subjectOf(change) : change.subject === null ? null : change.subject.toLowerCase(),
      before: toJson(change.before),
      after: toJson(change.after),
      chain_version: CHAIN_VERSION,
    };
    // Positional, in the column order above: binding 16 names costs more than the read of the newest event.
    const c = cells;
    const hash = chainHash(prev, c);
    return {
      values: [c.id, c.at, c.actor_type, c.actor_name, c.actor_admin, c.actor_token, c.action, c.target_type, c.target_id, c.target_label, c.subject, c.before, c.after, c.chain_version, prev, hash],
      next: { id: c.id, at: c.at, hash },
    };
  }

  return {
    /** Records a change, in the transaction of the change itself; alone, in a write transaction of its own. */
    record(at: Date, actor: Actor, change: AuditChange): void {
      if (db.inTransaction) append(at, actor, change);
      else db.transaction(() => append(at, actor, change)).immediate();
    },

    /**
     * Records several changes, one event each, exactly as that many record()
     * calls would: the newest event is read once and the chain carried on in
     * memory, which the caller's one transaction keeps true (a team's 1,000
     * new members are 1,000 events, not 1,000 reads of the newest).
     */
    recordMany(at: Date, actor: Actor, changes: Iterable<AuditChange>): void {
      const write = () => {
        let link = latestLink();
        const rows: unknown[][] = [];
        for (const change of changes) {
          const { values, next } = chainAfter(link, at, actor, change);
          rows.push(values);
          link = next;
        }
        insertMany(rows);
      };
      if (db.inTransaction) write();
      else db.transaction(write).immediate();
    },

    /** Walks the whole hash chain: is it whole, and where does it break. */
    verify: () => verifyAuditChain(db),

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
        // The chain goes on from the last chained event deleted: its hash becomes the anchor, in this same transaction.
        const lastGone = lastChainedBefore.get(keepFrom) as { id: number; at: string; hash: Buffer } | undefined;
        const deleted = deleteBefore.run(keepFrom).changes;
        if (lastGone) moveAnchor.run(lastGone.id, lastGone.at, lastGone.hash);
        return deleted;
      } finally {
        closeGate.run();
      }
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
