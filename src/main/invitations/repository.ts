import type { InvitationRole } from '@shared/schemas/members';
import type { Db } from '../db/open';

export interface InvitationRow {
  id: number;
  email: string;
  emailKey: string;
  role: InvitationRole;
  status: 'pending' | 'accepted' | 'revoked';
  sentAt: string;
  expiresAt: string;
}

const COLUMNS = 'id, email, email_key AS emailKey, role, status, sent_at AS sentAt, expires_at AS expiresAt';

/**
 * Pending and not yet expired: the live offers to an address. By the address's index: left to itself SQLite walks
 * every live invitation instead (invitations_pending: 4,000 rows in the 100,000-member demo), and every SCIM create
 * and member add asks this.
 */
export const LIVE_FOR_EMAIL = `SELECT ${COLUMNS} FROM invitations INDEXED BY invitations_email
  WHERE email_key = ? AND status = 'pending' AND expires_at > ? ORDER BY id`;

export function createInvitationRepository(db: Db) {
  const byId = db.prepare(`SELECT ${COLUMNS} FROM invitations WHERE id = ?`);
  const liveForEmail = db.prepare(LIVE_FOR_EMAIL);
  const pendingForEmail = db.prepare(`SELECT ${COLUMNS} FROM invitations WHERE email_key = ? AND status = 'pending' ORDER BY id`);
  const insert = db.prepare(`
    INSERT INTO invitations (email, email_key, role, status, created_at, sent_at, expires_at)
    VALUES (@email, @key, @role, 'pending', @at, @at, @expiresAt)`);
  const insertOrg = db.prepare('INSERT OR IGNORE INTO invitation_orgs (invitation_id, org_id) VALUES (?, ?)');
  const insertTeam = db.prepare('INSERT OR IGNORE INTO invitation_teams (invitation_id, team_id) VALUES (?, ?)');
  const teamsOf = db.prepare(`
    SELECT t.id, t.name FROM invitation_teams it JOIN teams t ON t.id = it.team_id
    WHERE it.invitation_id = ? ORDER BY t.name_key, t.id`);
  const orgsOf = db.prepare(`
    SELECT o.id, o.name FROM invitation_orgs io JOIN organizations o ON o.id = io.org_id
    WHERE io.invitation_id = ? ORDER BY lower(o.name), o.id`);
  const resend = db.prepare('UPDATE invitations SET sent_at = @at, expires_at = @expiresAt WHERE id = @id');
  const revoke = db.prepare("UPDATE invitations SET status = 'revoked', revoked_at = @at WHERE id = @id");
  const accept = db.prepare("UPDATE invitations SET status = 'accepted', accepted_at = @at, account_id = @accountId WHERE id = @id");

  return {
    find(id: number): InvitationRow | null {
      return (byId.get(id) as InvitationRow | undefined) ?? null;
    },
    /** The live (pending, unexpired) invitations to an address, oldest first. */
    liveFor(emailKey: string, now: string): InvitationRow[] {
      return liveForEmail.all(emailKey, now) as InvitationRow[];
    },
    /** Every pending invitation to an address, expired or not. */
    pendingFor(emailKey: string): InvitationRow[] {
      return pendingForEmail.all(emailKey) as InvitationRow[];
    },
    insert(values: { email: string; key: string; role: InvitationRole; at: string; expiresAt: string; orgIds: number[]; teamIds: number[] }): number {
      const { orgIds, teamIds, ...row } = values;
      const id = Number(insert.run(row).lastInsertRowid);
      for (const orgId of orgIds) insertOrg.run(id, orgId);
      for (const teamId of teamIds) insertTeam.run(id, teamId);
      return id;
    },
    teams(id: number): { id: number; name: string }[] {
      return teamsOf.all(id) as { id: number; name: string }[];
    },
    organizations(id: number): { id: number; name: string }[] {
      return orgsOf.all(id) as { id: number; name: string }[];
    },
    resend(id: number, at: string, expiresAt: string): void {
      resend.run({ id, at, expiresAt });
    },
    revoke(id: number, at: string): void {
      revoke.run({ id, at });
    },
    accept(id: number, accountId: number, at: string): void {
      accept.run({ id, accountId, at });
    },
  };
}

export type InvitationRepository = ReturnType<typeof createInvitationRepository>;
