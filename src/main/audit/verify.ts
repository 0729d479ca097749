import type { AuditVerification } from '@shared/schemas/audit';
import type { Db } from '../db/open';
import { CHAIN_VERSION, chainHash, GENESIS } from './chain';
import type { AuditRow } from './event-row';

export interface ChainAnchor {
  eventId: number;
  at: string;
  hash: Buffer;
}

export function readAnchor(db: Db): ChainAnchor | null {
  const row = db.prepare('SELECT event_id AS eventId, at, hash FROM audit_chain_anchor WHERE id = 1').get() as
    | { eventId: number | null; at: string | null; hash: Buffer | null }
    | undefined;
  return row && row.eventId !== null && row.at !== null && row.hash !== null ? { eventId: row.eventId, at: row.at, hash: row.hash } : null;
}

const hex = (hash: Buffer) => hash.toString('hex');

/**
 * What is wrong with a chained event that does not follow the one before it:
 * `lastId` is the id of the row before it (of any kind, or the anchor's).
 */
function missingBefore(row: AuditRow, lastId: number, previous: { id: number } | null, anchor: ChainAnchor | null): string {
  const from = previous ? `event #${previous.id}` : anchor ? `the last event the retention prune deleted (#${anchor.eventId})` : 'the start of the chain';
  const gap = row.id - lastId - 1;
  if (gap === 1) return `it does not follow ${from}: event #${lastId + 1} before it is missing (deleted).`;
  if (gap > 1) return `it does not follow ${from}: events #${lastId + 1} to #${row.id - 1} before it are missing (deleted).`;
  if (!previous && !anchor) return `it does not follow ${from}: the events before it are missing (deleted), or its link was changed.`;
  return `it does not follow ${from}: its link to the event before it was changed.`;
}

/**
 * Walks the audit log oldest first in one read transaction (a consistent
 * snapshot, even while other processes write), one row at a time, so a log
 * of any length is checked in constant memory. Stops at the first event that
 * breaks the chain. Events from before the chain (chain_version 0) are
 * counted, not checked: they come before the first chained event.
 */
export function verifyAuditChain(db: Db): AuditVerification {
  return db.transaction((): AuditVerification => {
    const anchor = readAnchor(db);
    const result: AuditVerification = {
      whole: true,
      checked: 0,
      preChain: 0,
      anchor: anchor ? { eventId: anchor.eventId, at: anchor.at } : null,
      last: null,
      broken: null,
    };
    let expected = anchor?.hash ?? GENESIS;
    let previous: { id: number; at: string } | null = null;
    let lastId = anchor?.eventId ?? 0;
    const rows = db.prepare('SELECT * FROM audit_events ORDER BY id').iterate() as IterableIterator<AuditRow>;
    for (const row of rows) {
      const problem = problemOf(row, { previous, lastId, anchor, expected });
      if (problem === 'pre-chain') {
        result.preChain += 1;
        lastId = Math.max(lastId, row.id);
        continue;
      }
      if (problem !== null) {
        result.whole = false;
        result.broken = { eventId: row.id, at: row.at, problem };
        break;
      }
      result.checked += 1;
      expected = row.hash!;
      previous = { id: row.id, at: row.at };
      lastId = row.id;
      result.last = { eventId: row.id, at: row.at, hash: hex(row.hash!) };
    }
    return result;
  })();
}

interface Walk {
  /** The chained event before this one, verified. */
  previous: { id: number; at: string } | null;
  lastId: number;
  anchor: ChainAnchor | null;
  /** The hash this event must follow. */
  expected: Buffer;
}

function problemOf(row: AuditRow, { previous, lastId, anchor, expected }: Walk): string | 'pre-chain' | null {
  if (row.chain_version === 0) {
    if (previous === null) return 'pre-chain';
    return 'it has no place in the hash chain, yet it comes after chained events: it was written by another program, not by Roster.';
  }
  if (row.chain_version !== CHAIN_VERSION || row.prev_hash === null || row.hash === null) {
    return `its chain cells are not Roster's (version ${String(row.chain_version)}): it was written or changed by another program.`;
  }
  if (anchor && previous === null && row.id <= anchor.eventId) {
    return `it comes before the last event the retention prune deleted (#${anchor.eventId}): it was written by another program.`;
  }
  if (!row.prev_hash.equals(expected)) return missingBefore(row, lastId, previous, anchor);
  if (!chainHash(row.prev_hash, row).equals(row.hash)) {
    return 'it was changed after it was written: its time, actor, action, target, person or before/after values no longer match its hash.';
  }
  const before = previous ? previous.at : anchor?.at;
  if (before !== undefined && row.at < before) return `its time is before that of the event before it (${before}).`;
  return null;
}
