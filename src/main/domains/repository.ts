import type { DomainCheck, UnmanagedAccount, UnmanagedInput } from '@shared/schemas/domains';
import { containsPattern } from '../db/like';
import type { Db } from '../db/open';
import { ACCOUNT_MATCHES, ACCOUNT_ORDER } from '../members/sql';
import { displayDomain } from './normalise';

export interface DomainRow {
  id: number;
  domain: string;
  token: string;
  verifiedAt: string | null;
  verifiedBy: 'dns' | 'parent' | null;
  lastCheck: DomainCheck | null;
  capture: boolean;
  lock: boolean;
  includeSubdomains: boolean;
  defaultTeam: { id: number; name: string } | null;
  createdAt: string;
}

interface RawDomain {
  id: number;
  domain: string;
  token: string;
  verified_at: string | null;
  verified_by: 'dns' | 'parent' | null;
  last_check: string | null;
  capture: 0 | 1;
  lock: 0 | 1;
  include_subdomains: 0 | 1;
  default_team_id: number | null;
  default_team_name: string | null;
  created_at: string;
}

const toDomain = (row: RawDomain): DomainRow => ({
  id: row.id,
  domain: row.domain,
  token: row.token,
  verifiedAt: row.verified_at,
  verifiedBy: row.verified_by,
  lastCheck: row.last_check ? (JSON.parse(row.last_check) as DomainCheck) : null,
  capture: row.capture === 1,
  lock: row.lock === 1,
  includeSubdomains: row.include_subdomains === 1,
  defaultTeam: row.default_team_id === null ? null : { id: row.default_team_id, name: row.default_team_name! },
  createdAt: row.created_at,
});

const SELECT = `SELECT d.*, t.name AS default_team_name FROM domains d LEFT JOIN teams t ON t.id = d.default_team_id`;

/**
 * Whether the address of account `a` is on domain `d` (its subdomains too, where
 * d includes them). The suffix is compared exactly, not with LIKE, whose `_`
 * and `%` are wildcards.
 */
const onDomain = (a: string, d: string) =>
  `(${a}.email_domain = ${d}.domain OR (${d}.include_subdomains = 1 AND substr(${a}.email_domain, -length(${d}.domain) - 1) = '.' || ${d}.domain))`;
const ON_DOMAIN = onDomain('a', 'd');

/**
 * The one verified domain an account (`a`, with its waiting-list row `w`)
 * belongs to among those it is on: the domain it waits on first, then the most
 * specific (longest) name. With @domainId, only that domain counts.
 */
const BEST_DOMAIN = `(
  SELECT d2.id FROM domains d2
  WHERE d2.verified_at IS NOT NULL AND ${onDomain('a', 'd2')} AND (@domainId IS NULL OR d2.id = @domainId)
  ORDER BY coalesce(d2.id = w.domain_id, 0) DESC, length(d2.domain) DESC, d2.id
  LIMIT 1)`;

/**
 * Accounts on a verified domain that hold no seat: unmanaged, each once, on its own domain (BEST_DOMAIN).
 * Read from seatless_accounts (0019, kept by triggers): the accounts without a seat are a few thousand
 * where all accounts are a million, and finding them among all of them took 450 ms per count (23 ms now). CROSS JOIN
 * keeps SQLite reading them first (it otherwise scans accounts).
 */
const UNMANAGED = `
  FROM seatless_accounts s CROSS JOIN accounts a ON a.id = s.account_id JOIN domains d ON d.verified_at IS NOT NULL AND ${ON_DOMAIN}
  LEFT JOIN capture_waitlist w ON w.account_id = a.id
  WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.account_id = a.id)
    AND (@domainId IS NULL OR d.id = @domainId)
    AND d.id = ${BEST_DOMAIN}
    AND (@waitingOnly = 0 OR w.account_id IS NOT NULL)
    AND ${ACCOUNT_MATCHES}`;

export function createDomainRepository(db: Db) {
  const list = db.prepare(`${SELECT} ORDER BY d.domain`);
  const byId = db.prepare(`${SELECT} WHERE d.id = ?`);
  const byName = db.prepare(`${SELECT} WHERE d.domain = ?`);
  const verified = db.prepare(`${SELECT} WHERE d.verified_at IS NOT NULL ORDER BY length(d.domain) DESC`);
  const insert = db.prepare('INSERT INTO domains (domain, token, created_at, updated_at) VALUES (@domain, @token, @at, @at)');
  const remove = db.prepare('DELETE FROM domains WHERE id = ?');
  const setCheck = db.prepare('UPDATE domains SET last_check = @check, updated_at = @at WHERE id = @id');
  const setVerified = db.prepare('UPDATE domains SET verified_at = @at, verified_by = @by, updated_at = @at WHERE id = @id');
  const setVerifiedBy = db.prepare('UPDATE domains SET verified_by = @by, updated_at = @at WHERE id = @id');
  const clearVerified = db.prepare('UPDATE domains SET verified_at = NULL, verified_by = NULL, capture = 0, lock = 0, updated_at = @at WHERE id = @id');
  const setSwitch = {
    capture: db.prepare('UPDATE domains SET capture = @on, updated_at = @at WHERE id = @id'),
    lock: db.prepare('UPDATE domains SET lock = @on, updated_at = @at WHERE id = @id'),
    include_subdomains: db.prepare('UPDATE domains SET include_subdomains = @on, updated_at = @at WHERE id = @id'),
  };
  const setDefaultTeam = db.prepare('UPDATE domains SET default_team_id = @teamId, updated_at = @at WHERE id = @id');
  const counts = db.prepare(`
    SELECT d.id, count(a.id) AS unmanaged, count(w.account_id) AS waiting
    FROM seatless_accounts s CROSS JOIN accounts a ON a.id = s.account_id JOIN domains d ON ${ON_DOMAIN}
    LEFT JOIN capture_waitlist w ON w.account_id = a.id AND w.domain_id = d.id
    WHERE d.verified_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM members m WHERE m.account_id = a.id)
    GROUP BY d.id`);
  const unmanagedPage = db.prepare(`
    SELECT a.id AS accountId, a.email, a.name, d.domain, a.created_at AS createdAt, a.last_login_at AS lastLoginAt,
      w.since AS waitingSince,
      -- By the address's index: SQLite otherwise walks every live invitation (invitations_pending) for each unmanaged account.
      (SELECT max(i.expires_at) FROM invitations i INDEXED BY invitations_email WHERE i.email_key = a.email_key AND i.status = 'pending' AND i.expires_at > @now) AS invitedUntil
    ${UNMANAGED}
    ORDER BY ${ACCOUNT_ORDER}
    LIMIT @limit OFFSET @offset`);
  const unmanagedTotal = db.prepare(`SELECT count(*) ${UNMANAGED}`).pluck();
  // Leaving the list when the account becomes a member is a trigger's work (0006_capture_waitlist.sql).
  const addWaiting = db.prepare('INSERT OR IGNORE INTO capture_waitlist (account_id, domain_id, since) VALUES (?, ?, ?)');
  const unmanagedDomain = db.prepare(`
    SELECT ${BEST_DOMAIN} FROM accounts a LEFT JOIN capture_waitlist w ON w.account_id = a.id
    WHERE a.id = @accountId AND NOT EXISTS (SELECT 1 FROM members m WHERE m.account_id = a.id)`).pluck();

  /** The most specific verified domain an address's domain falls under, among those `wanted` picks. */
  const covering = (emailDomain: string, wanted: (row: DomainRow) => boolean): DomainRow | null =>
    (verified.all() as RawDomain[])
      .map(toDomain)
      .find((row) => wanted(row) && (row.domain === emailDomain || (row.includeSubdomains && emailDomain.endsWith(`.${row.domain}`)))) ?? null;

  return {
    list: (): DomainRow[] => (list.all() as RawDomain[]).map(toDomain),
    find: (id: number): DomainRow | null => {
      const row = byId.get(id) as RawDomain | undefined;
      return row ? toDomain(row) : null;
    },
    findByName: (domain: string): DomainRow | null => {
      const row = byName.get(domain) as RawDomain | undefined;
      return row ? toDomain(row) : null;
    },
    /** Verified domains that `domain` is a subdomain of, the nearest first. */
    verifiedAncestors: (domain: string): DomainRow[] =>
      (verified.all() as RawDomain[]).map(toDomain).filter((row) => domain.endsWith(`.${row.domain}`)),
    capturingFor: (emailDomain: string) => covering(emailDomain, (row) => row.capture),
    lockingFor: (emailDomain: string) => covering(emailDomain, (row) => row.lock),
    /** A verified domain the address's domain is, or is under (for invite control: the enterprise owns its subdomains). */
    verifiedCovering: (emailDomain: string): DomainRow | null =>
      (verified.all() as RawDomain[]).map(toDomain).find((row) => row.domain === emailDomain || emailDomain.endsWith(`.${row.domain}`)) ?? null,
    insert: (values: { domain: string; token: string; at: string }): number => Number(insert.run(values).lastInsertRowid),
    remove: (id: number): void => void remove.run(id),
    setCheck: (id: number, check: DomainCheck): void => void setCheck.run({ id, check: JSON.stringify(check), at: check.at }),
    setVerified: (id: number, by: 'dns' | 'parent', at: string): void => void setVerified.run({ id, by, at }),
    /** A verified domain now proven another way (its own record, or its parent's): the date it was first verified stays. */
    setVerifiedBy: (id: number, by: 'dns' | 'parent', at: string): void => void setVerifiedBy.run({ id, by, at }),
    clearVerified: (id: number, at: string): void => void clearVerified.run({ id, at }),
    setSwitch: (id: number, which: keyof typeof setSwitch, on: boolean, at: string): void => void setSwitch[which].run({ id, on: on ? 1 : 0, at }),
    setDefaultTeam: (id: number, teamId: number | null, at: string): void => void setDefaultTeam.run({ id, teamId, at }),
    /** Unmanaged and waiting accounts per verified domain. */
    counts: (): Map<number, { unmanaged: number; waiting: number }> =>
      new Map((counts.all() as { id: number; unmanaged: number; waiting: number }[]).map((row) => [row.id, row])),
    unmanaged(input: UnmanagedInput, now: string): { rows: UnmanagedAccount[]; total: number } {
      const params = {
        domainId: input.domainId ?? null,
        waitingOnly: input.waitingOnly ? 1 : 0,
        pattern: input.search.trim() ? containsPattern(input.search.trim()) : null,
      };
      const rows = unmanagedPage.all({ ...params, now, limit: input.limit, offset: input.offset }) as Omit<UnmanagedAccount, 'display'>[];
      return {
        rows: rows.map((row) => ({ ...row, display: displayDomain(row.domain) })),
        total: unmanagedTotal.get(params) as number,
      };
    },
    /**
     * The verified domain an account is unmanaged on (the one it waits on, else
     * the most specific), or null if it is a member or on no verified domain.
     */
    unmanagedDomainOf: (accountId: number): number | null => (unmanagedDomain.get({ accountId, domainId: null }) as number | undefined) ?? null,
    addWaiting: (accountId: number, domainId: number, at: string): void => void addWaiting.run(accountId, domainId, at),
  };
}

export type DomainRepository = ReturnType<typeof createDomainRepository>;
