import type { ActivityBucket } from '@shared/schemas/report';
import type { SeatSource } from '@shared/schemas/members';
import type { Db } from '../db/open';
import { momentParams, RULED, type ReportMoment } from './rule-sql';

/**
 * The identity provider manages a member when it gave them their seat, or when
 * it has written them as a SCIM user (a member added by hand that the provider
 * took over): releasing either here is undone at its next sync.
 */
const SCIM = `(r.seatSource = 'scim' OR EXISTS (SELECT 1 FROM scim_users s WHERE s.account_id = r.accountId))`;
/** No team gives owner (docs/RULES.md, Words): ownership is a direct membership. */
const OWNER = `EXISTS (SELECT 1 FROM org_memberships om WHERE om.account_id = r.accountId AND om.role = 'owner')`;

/** An idle member as the review and the release see them. */
export interface IdleFlags {
  accountId: number;
  scim: boolean;
  owner: boolean;
}

export interface IdleDetail {
  accountId: number;
  email: string;
  name: string;
  lastActive: string;
  bucket: ActivityBucket;
  idleDays: number;
  seatSince: string;
  seatSource: SeatSource;
  scim: boolean;
  ownerOf: string[];
}

type Flag = 0 | 1;

/** The SQL of reclaiming idle seats (docs/RULES.md, A5), over the report's one rule (rule-sql.ts). */
export function createReclaimRepository(db: Db) {
  // One pass over every member: the idle ones, most idle first, with what the switches look at.
  const idle = db.prepare(`${RULED}
    SELECT r.accountId, ${SCIM} AS scim, ${OWNER} AS owner FROM ruled r
    WHERE r.idleDays > @inactiveDays ORDER BY r.idleDays DESC, r.email_key`);
  // The same facts for given accounts only (a page, or the ids an admin confirmed): SQLite reads them by key.
  const facts = db.prepare(`${RULED}
    SELECT r.accountId, r.email, r.name, r.lastActive, r.bucket, r.idleDays, r.seatSince, r.seatSource, ${SCIM} AS scim, ${OWNER} AS owner
    FROM ruled r WHERE r.accountId IN (SELECT value FROM json_each(@ids))`);
  const ownedOrgs = db.prepare(`
    SELECT om.account_id AS accountId, o.name FROM org_memberships om JOIN organizations o ON o.id = om.org_id
    WHERE om.role = 'owner' AND om.account_id IN (SELECT value FROM json_each(?)) ORDER BY o.name_key, o.id`);
  const emails = db.prepare('SELECT id, email FROM accounts WHERE id IN (SELECT value FROM json_each(?))');

  type FactRow = Omit<IdleDetail, 'scim' | 'ownerOf'> & { scim: Flag; owner: Flag };

  function factsOf(accountIds: readonly number[], moment: ReportMoment): Map<number, FactRow> {
    if (accountIds.length === 0) return new Map();
    const rows = facts.all({ ...momentParams(moment), ids: JSON.stringify(accountIds) }) as FactRow[];
    return new Map(rows.map((row) => [row.accountId, row]));
  }

  return {
    /** Every member idle over `inactiveDays` as of the moment, most idle first (then by address). */
    idle(moment: ReportMoment, inactiveDays: number): IdleFlags[] {
      const rows = idle.all({ ...momentParams(moment), inactiveDays }) as { accountId: number; scim: Flag; owner: Flag }[];
      return rows.map((row) => ({ accountId: row.accountId, scim: row.scim === 1, owner: row.owner === 1 }));
    },

    /** What the review shows of these members, in the order given; those without a seat are left out. */
    details(accountIds: readonly number[], moment: ReportMoment): IdleDetail[] {
      const found = factsOf(accountIds, moment);
      const owned = new Map<number, string[]>();
      const owners = accountIds.filter((id) => found.get(id)?.owner === 1);
      if (owners.length > 0) {
        for (const { accountId, name } of ownedOrgs.all(JSON.stringify(owners)) as { accountId: number; name: string }[]) {
          owned.set(accountId, [...(owned.get(accountId) ?? []), name]);
        }
      }
      return accountIds.flatMap((id) => {
        const row = found.get(id);
        if (!row) return [];
        const { owner: _owner, scim, ...rest } = row;
        return [{ ...rest, scim: scim === 1, ownerOf: owned.get(id) ?? [] }];
      });
    },

    /** Each member's idle days and flags now, for the release's re-check; accounts without a seat are absent. */
    recheck(accountIds: readonly number[], moment: ReportMoment): Map<number, { email: string; idleDays: number; scim: boolean; owner: boolean }> {
      const found = factsOf(accountIds, moment);
      return new Map([...found].map(([id, row]) => [id, { email: row.email, idleDays: row.idleDays, scim: row.scim === 1, owner: row.owner === 1 }]));
    },

    /** The address of each of these accounts that exists at all (members or not). */
    accountEmails(accountIds: readonly number[]): Map<number, string> {
      if (accountIds.length === 0) return new Map();
      return new Map((emails.raw().all(JSON.stringify(accountIds)) as [number, string][]).map(([id, email]) => [id, email]));
    },
  };
}

export type ReclaimRepository = ReturnType<typeof createReclaimRepository>;
