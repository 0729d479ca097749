import type { Db } from '../db/open';
import { momentParams, RULED, type ReportMoment } from './rule-sql';

/** A member's Last Active as the report shows it, and their whole days idle (never active: since their seat). */
export interface LastActive {
  lastActive: string;
  idleDays: number;
  /** The day shown is a login from before activity was tracked (the legacy rule). */
  legacy: boolean;
}

/**
 * Last Active for a page of members, by the report's own query: the one rule
 * (rule-sql.ts) behind the CSV, Licenses, the member, team and organization
 * pages and the command line. SQLite pushes the ids down into the query, so a
 * page reads its own rows by key, never every member.
 */
export function createLastActiveReader(db: Db) {
  const read = db.prepare(`${RULED} SELECT accountId, lastActive, idleDays, bucket = 'legacy' AS legacy FROM ruled WHERE accountId IN (SELECT value FROM json_each(@ids))`);
  return (accountIds: readonly number[], moment: ReportMoment): Map<number, LastActive> => {
    if (accountIds.length === 0) return new Map();
    const rows = read.all({ ...momentParams(moment), ids: JSON.stringify(accountIds) }) as { accountId: number; lastActive: string; idleDays: number; legacy: 0 | 1 }[];
    return new Map(rows.map(({ accountId, legacy, ...value }) => [accountId, { ...value, legacy: legacy === 1 }]));
  };
}
