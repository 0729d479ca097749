import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain (docs/SECURITY.md, "The audit log's hash chain").
 * Each event written since schema version 11 keeps the hash of the event
 * before it (`prev_hash`) and its own (`hash`):
 *
 *   hash = SHA-256( prev_hash (32 bytes) || UTF-8 of canonicalEvent(row) )
 *
 * The first chained event follows GENESIS; after a retention prune, the first
 * event kept follows the anchor (the hash of the last event deleted).
 */
export const CHAIN_VERSION = 1;

/** What the first event of a chain follows: 32 zero bytes. */
export const GENESIS = Buffer.alloc(32);

/** The stored cells a hash covers, as they are in the database (before/after as their JSON text). */
export interface ChainedCells {
  id: number;
  at: string;
  actor_type: string;
  actor_name: string;
  actor_admin: string | null;
  actor_token: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string | null;
  subject: string | null;
  before: string | null;
  after: string | null;
  chain_version: number;
}

/**
 * Version 1's canonical encoding: a JSON array of the cells in a fixed order.
 * Every cell is text, an integer or null, which JSON.stringify writes one way
 * only; before and after go in as the text stored, so a damaged cell is
 * hashed as it is and never needs to parse.
 */
export function canonicalEvent(row: ChainedCells): string {
  return JSON.stringify([
    row.chain_version,
    row.id,
    row.at,
    row.actor_type,
    row.actor_name,
    row.actor_admin,
    row.actor_token,
    row.action,
    row.target_type,
    row.target_id,
    row.target_label,
    row.subject,
    row.before,
    row.after,
  ]);
}

export function chainHash(prev: Buffer, row: ChainedCells): Buffer {
  return createHash('sha256').update(prev).update(canonicalEvent(row), 'utf8').digest();
}
