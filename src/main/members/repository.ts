import type { OrgRole, SeatSource } from '@shared/schemas/members';
import { containsPattern } from '../db/like';
import type { Db } from '../db/open';

export interface AccountRow {
  id: number;
  email: string;
  name: string;
  createdAt: string;
  lastLoginAt: string | null;
  lastActiveAt: string | null;
}

export interface MemberRow extends AccountRow {
  source: SeatSource;
  seatSince: string;
}

const ACCOUNT = `a.id, a.email, a.name, a.created_at AS createdAt, a.last_login_at AS lastLoginAt, a.last_active_at AS lastActiveAt`;

/** Accounts (people) and members (accounts that hold a seat). */
export function createMemberRepository(db: Db) {
  const accountByKey = db.prepare(`SELECT ${ACCOUNT} FROM accounts a WHERE a.email_key = ?`);
  const accountById = db.prepare(`SELECT ${ACCOUNT} FROM accounts a WHERE a.id = ?`);
  const insertAccount = db.prepare(
    'INSERT INTO accounts (email, email_key, name, created_at) VALUES (@email, @key, @name, @at)',
  );
  const renameAccount = db.prepare('UPDATE accounts SET name = @name WHERE id = @id');
  // Only ever later: events may arrive out of order.
  const recordLogin = db.prepare(
    'UPDATE accounts SET last_login_at = @at WHERE id = @id AND (last_login_at IS NULL OR last_login_at < @at)',
  );
  const memberById = db.prepare(
    `SELECT ${ACCOUNT}, m.source, m.seat_since AS seatSince FROM members m JOIN accounts a ON a.id = m.account_id WHERE m.account_id = ?`,
  );
  const insertMember = db.prepare(
    'INSERT INTO members (account_id, source, seat_since, invitation_id) VALUES (@accountId, @source, @at, @invitationId)',
  );
  const deleteMember = db.prepare('DELETE FROM members WHERE account_id = ?');
  const search = db.prepare(`
    SELECT ${ACCOUNT}, m.source, m.seat_since AS seatSince,
      (SELECT om.role FROM org_memberships om WHERE om.org_id = @orgId AND om.account_id = a.id) AS orgRole,
      EXISTS (SELECT 1 FROM team_members tm WHERE tm.team_id = @teamId AND tm.account_id = a.id) AS inTeam
    FROM members m JOIN accounts a ON a.id = m.account_id
    WHERE a.email_key LIKE @pattern ESCAPE '\\' OR lower(a.name) LIKE @pattern ESCAPE '\\'
    ORDER BY lower(CASE a.name WHEN '' THEN a.email ELSE a.name END), a.id
    LIMIT @limit`);

  return {
    findAccountByKey(key: string): AccountRow | null {
      return (accountByKey.get(key) as AccountRow | undefined) ?? null;
    },
    findAccount(id: number): AccountRow | null {
      return (accountById.get(id) as AccountRow | undefined) ?? null;
    },
    insertAccount(values: { email: string; key: string; name: string; at: string }): AccountRow {
      const { lastInsertRowid } = insertAccount.run(values);
      return { id: Number(lastInsertRowid), email: values.email, name: values.name, createdAt: values.at, lastLoginAt: null, lastActiveAt: null };
    },
    renameAccount(id: number, name: string): void {
      renameAccount.run({ id, name });
    },
    recordLogin(id: number, at: string): void {
      recordLogin.run({ id, at });
    },
    findMember(accountId: number): MemberRow | null {
      return (memberById.get(accountId) as MemberRow | undefined) ?? null;
    },
    insertMember(values: { accountId: number; source: SeatSource; at: string; invitationId: number | null }): void {
      insertMember.run(values);
    },
    /** Frees the seat; the database removes their organization (and later team) memberships with it. */
    deleteMember(accountId: number): void {
      deleteMember.run(accountId);
    },
    /** Members whose email or name contains `text`, ignoring case, with their place in `orgId` and `teamId` if given. */
    search(text: string, limit: number, orgId: number | null, teamId: number | null): (MemberRow & { orgRole: OrgRole | null; inTeam: 0 | 1 })[] {
      return search.all({ pattern: containsPattern(text), limit, orgId, teamId }) as (MemberRow & { orgRole: OrgRole | null; inTeam: 0 | 1 })[];
    },
  };
}

export type MemberRepository = ReturnType<typeof createMemberRepository>;
