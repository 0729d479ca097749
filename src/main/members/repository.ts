import { randomUUID } from 'node:crypto';
import type { OrgRole, SeatSource } from '@shared/schemas/members';
import { foldText } from '@shared/text';
import { containsPattern } from '../db/like';
import { ACCOUNT_MATCHES, ACCOUNT_ORDER } from './sql';
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

/** What search and sorting compare a person by (see 0004_people_search.sql). */
function foldedName(name: string, emailKey: string): { nameFold: string; sortKey: string } {
  const nameFold = foldText(name);
  return { nameFold, sortKey: name ? nameFold : emailKey };
}

/** Accounts (people) and members (accounts that hold a seat). */
export function createMemberRepository(db: Db) {
  const accountByKey = db.prepare(`SELECT ${ACCOUNT} FROM accounts a WHERE a.email_key = ?`);
  const accountById = db.prepare(`SELECT ${ACCOUNT} FROM accounts a WHERE a.id = ?`);
  const insertAccount = db.prepare(`
    INSERT INTO accounts (email, email_key, email_domain, name, name_fold, sort_key, created_at, scim_id)
    VALUES (@email, @key, @domain, @name, @nameFold, @sortKey, @at, @scimId)`);
  const renameAccount = db.prepare('UPDATE accounts SET name = @name, name_fold = @nameFold, sort_key = @sortKey WHERE id = @id');
  // People without a name are sorted by their address, so the sort key follows it.
  const changeEmail = db.prepare(`
    UPDATE accounts SET email = @email, email_key = @key, email_domain = @domain, sort_key = CASE name WHEN '' THEN @key ELSE sort_key END
    WHERE id = @id`);
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
  // The groups the identity provider put this person in apply again with the seat (0010_scim_rollout.sql).
  const applyProviderGroups = db.prepare(`
    INSERT INTO team_members (team_id, account_id, since)
    SELECT sgm.team_id, sgm.account_id, @at FROM scim_group_members sgm JOIN teams t ON t.id = sgm.team_id
    WHERE sgm.account_id = @accountId AND t.source = 'scim'
    ON CONFLICT DO NOTHING
    RETURNING team_id AS id, (SELECT name FROM teams WHERE id = team_id) AS name`);
  const deleteMember = db.prepare('DELETE FROM members WHERE account_id = ?');
  const provisioned = db.prepare('SELECT 1 FROM scim_users WHERE account_id = ?').pluck();
  const orgsOf = db.prepare(`
    SELECT o.name, om.role FROM org_memberships om JOIN organizations o ON o.id = om.org_id WHERE om.account_id = ? ORDER BY o.name_key`);
  const teamsOf = db.prepare(`
    SELECT t.name FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE tm.account_id = ? ORDER BY t.name_key`).pluck();
  const search = db.prepare(`
    SELECT ${ACCOUNT}, m.source, m.seat_since AS seatSince,
      (SELECT om.role FROM org_memberships om WHERE om.org_id = @orgId AND om.account_id = a.id) AS orgRole,
      EXISTS (SELECT 1 FROM team_members tm WHERE tm.team_id = @teamId AND tm.account_id = a.id) AS inTeam
    FROM members m JOIN accounts a ON a.id = m.account_id
    WHERE ${ACCOUNT_MATCHES}
    ORDER BY ${ACCOUNT_ORDER}
    LIMIT @limit`);

  return {
    findAccountByKey(key: string): AccountRow | null {
      return (accountByKey.get(key) as AccountRow | undefined) ?? null;
    },
    findAccount(id: number): AccountRow | null {
      return (accountById.get(id) as AccountRow | undefined) ?? null;
    },
    insertAccount(values: { email: string; key: string; name: string; at: string }): AccountRow {
      const domain = values.key.slice(values.key.lastIndexOf('@') + 1);
      // The id SCIM will know this person by: never handed out twice (0010_scim_rollout.sql).
      const { lastInsertRowid } = insertAccount.run({ ...values, domain, ...foldedName(values.name, values.key), scimId: randomUUID() });
      return { id: Number(lastInsertRowid), email: values.email, name: values.name, createdAt: values.at, lastLoginAt: null, lastActiveAt: null };
    },
    renameAccount(id: number, name: string, emailKey: string): void {
      renameAccount.run({ id, name, ...foldedName(name, emailKey) });
    },
    /** Gives the account another address (the caller has checked that no other account has it). */
    changeEmail(id: number, email: string, key: string): void {
      changeEmail.run({ id, email, key, domain: key.slice(key.lastIndexOf('@') + 1) });
    },
    recordLogin(id: number, at: string): void {
      recordLogin.run({ id, at });
    },
    findMember(accountId: number): MemberRow | null {
      return (memberById.get(accountId) as MemberRow | undefined) ?? null;
    },
    /**
     * Gives the account a seat, and with it the SCIM groups its identity
     * provider put it in (held back while it had none): those teams are returned,
     * for the caller's audit (teams/membership.ts, auditProviderGroups).
     */
    insertMember(values: { accountId: number; source: SeatSource; at: string; invitationId: number | null }): { id: number; name: string }[] {
      insertMember.run(values);
      return applyProviderGroups.all({ accountId: values.accountId, at: values.at }) as { id: number; name: string }[];
    },
    /** Where the member is, directly: what releasing their seat takes away (for the audit log). */
    placesOf(accountId: number): { organizations: { name: string; role: OrgRole }[]; teams: string[] } {
      return { organizations: orgsOf.all(accountId) as { name: string; role: OrgRole }[], teams: teamsOf.all(accountId) as string[] };
    },
    /** Whether the identity provider has provisioned this account over SCIM (it keeps a scim_users row). */
    isProvisioned(accountId: number): boolean {
      return provisioned.get(accountId) !== undefined;
    },
    /** Frees the seat; the database removes their organization and team memberships with it. */
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
