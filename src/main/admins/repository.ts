import type { AdminRole } from '@shared/schemas/admins';
import type { Db } from '../db/open';

export interface AdminRow {
  id: number;
  email: string;
  name: string | null;
  role: AdminRole;
  created_at: string;
  removed_at: string | null;
}

export interface ApiTokenRow {
  id: number;
  admin_id: number;
  admin_email: string;
  name: string;
  role: AdminRole;
  hash: Buffer;
  created_at: string;
  last_used_at: string | null;
  expires_at: string;
  revoked_at: string | null;
}

const TOKEN_COLUMNS = `t.id, t.admin_id, a.email AS admin_email, t.name, t.role, t.hash, t.created_at, t.last_used_at, t.expires_at, t.revoked_at
  FROM api_tokens t JOIN admins a ON a.id = t.admin_id`;

/** The only SQL over admins and API tokens (migration 0013). */
export function createAdminRepository(db: Db) {
  const adminById = db.prepare('SELECT id, email, name, role, created_at, removed_at FROM admins WHERE id = ?');
  const liveAdminByKey = db.prepare('SELECT id, email, name, role, created_at, removed_at FROM admins WHERE email_key = ? AND removed_at IS NULL');
  const liveAdmins = db.prepare('SELECT id, email, name, role, created_at, removed_at FROM admins WHERE removed_at IS NULL ORDER BY email_key, id');
  const liveOwners = db.prepare("SELECT count(*) FROM admins WHERE role = 'owner' AND removed_at IS NULL").pluck();
  const insertAdmin = db.prepare(
    'INSERT INTO admins (email, email_key, name, role, password_hash, created_at) VALUES (@email, @emailKey, @name, @role, @passwordHash, @at)',
  );
  const updateRole = db.prepare('UPDATE admins SET role = @role WHERE id = @id');
  const markRemoved = db.prepare('UPDATE admins SET removed_at = @at WHERE id = @id AND removed_at IS NULL');
  const liveAdminByIdentity = db.prepare(
    'SELECT id, email, name, role, created_at, removed_at FROM admins WHERE oidc_issuer = ? AND oidc_subject = ? AND removed_at IS NULL',
  );
  const identityOf = db.prepare('SELECT oidc_issuer AS issuer, oidc_subject AS subject FROM admins WHERE id = ?');
  const bindIdentity = db.prepare('UPDATE admins SET oidc_issuer = @issuer, oidc_subject = @subject WHERE id = @id AND removed_at IS NULL');

  const tokenById = db.prepare(`SELECT ${TOKEN_COLUMNS} WHERE t.id = ?`);
  const liveTokenByName = db.prepare(`SELECT ${TOKEN_COLUMNS} WHERE t.admin_id = ? AND t.name_key = ? AND t.revoked_at IS NULL`);
  const lastTokenByName = db.prepare(`SELECT ${TOKEN_COLUMNS} WHERE t.admin_id = ? AND t.name_key = ? ORDER BY t.id DESC LIMIT 1`);
  const liveTokensOf = db.prepare(`SELECT ${TOKEN_COLUMNS} WHERE t.admin_id = ? AND t.revoked_at IS NULL ORDER BY t.name_key, t.id`);
  const allTokens = db.prepare(`SELECT ${TOKEN_COLUMNS} ORDER BY t.revoked_at IS NOT NULL, a.email_key, t.name_key, t.id`);
  const hashes = db.prepare('SELECT id, hash FROM api_tokens');
  const insertToken = db.prepare(
    'INSERT INTO api_tokens (admin_id, name, name_key, role, hash, created_at, expires_at) VALUES (@adminId, @name, @nameKey, @role, @hash, @at, @expiresAt)',
  );
  const revokeToken = db.prepare('UPDATE api_tokens SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL');
  const setTokenRole = db.prepare('UPDATE api_tokens SET role = @role WHERE id = @id');
  const touchToken = db.prepare('UPDATE api_tokens SET last_used_at = @at WHERE id = @id');

  return {
    adminById: (id: number) => adminById.get(id) as AdminRow | undefined,
    liveAdminByKey: (emailKey: string) => liveAdminByKey.get(emailKey) as AdminRow | undefined,
    liveAdmins: () => liveAdmins.all() as AdminRow[],
    liveOwnerCount: () => liveOwners.get() as number,
    insertAdmin(admin: { email: string; emailKey: string; name: string | null; role: AdminRole; passwordHash: string | null; at: string }): number {
      return Number(insertAdmin.run(admin).lastInsertRowid);
    },
    setAdminRole: (id: number, role: AdminRole) => void updateRole.run({ id, role }),
    markAdminRemoved: (id: number, at: string) => void markRemoved.run({ id, at }),
    /** The live admin bound to this identity provider's subject (migration 0015), if any. */
    liveAdminByIdentity: (issuer: string, subject: string) => liveAdminByIdentity.get(issuer, subject) as AdminRow | undefined,
    identityOf: (id: number) => identityOf.get(id) as { issuer: string | null; subject: string | null } | undefined,
    bindIdentity: (id: number, issuer: string, subject: string) => void bindIdentity.run({ id, issuer, subject }),

    tokenById: (id: number) => tokenById.get(id) as ApiTokenRow | undefined,
    liveTokenByName: (adminId: number, nameKey: string) => liveTokenByName.get(adminId, nameKey) as ApiTokenRow | undefined,
    lastTokenByName: (adminId: number, nameKey: string) => lastTokenByName.get(adminId, nameKey) as ApiTokenRow | undefined,
    liveTokensOf: (adminId: number) => liveTokensOf.all(adminId) as ApiTokenRow[],
    allTokens: () => allTokens.all() as ApiTokenRow[],
    /** Every token's id and hash, for a constant-time comparison with each. */
    tokenHashes: () => hashes.all() as { id: number; hash: Buffer }[],
    insertToken(token: { adminId: number; name: string; nameKey: string; role: AdminRole; hash: Buffer; at: string; expiresAt: string }): number {
      return Number(insertToken.run(token).lastInsertRowid);
    },
    revokeToken: (id: number, at: string) => void revokeToken.run({ id, at }),
    setTokenRole: (id: number, role: AdminRole) => void setTokenRole.run({ id, role }),
    touchToken: (id: number, at: string) => void touchToken.run({ id, at }),
  };
}

export type AdminRepository = ReturnType<typeof createAdminRepository>;
