import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { FieldIssue } from '@shared/errors';
import {
  addAdminInput,
  ADMIN_ROLE_RANK,
  API_TOKEN_PREFIX,
  DEFAULT_API_TOKEN_DAYS,
  type AddAdminInput,
  type Admin,
  type AdminRole,
  type ApiToken,
  createApiTokenInput,
  type CreateApiTokenInput,
} from '@shared/schemas/admins';
import type { Actor } from '@shared/schemas/audit';
import { SESSION_IDLE_MS } from '@shared/schemas/console-auth';
import { emailKey, normaliseEmail } from '@shared/schemas/email';
import { nameKey } from '@shared/schemas/names';
import { fail, ok, type Result } from '@shared/result';
import { DAY_MS } from '@shared/time';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inAtomicWrite } from '../db/transaction';
import { createSessionRepository } from '../sessions/repository';
import type { AdminRepository, AdminRow, ApiTokenRow } from './repository';

/** Who an API token is, or why it is refused (said for a person; never the token itself). */
export type ApiAuthentication =
  | { ok: true; admin: Admin; token: { id: number; name: string; role: AdminRole } }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' | 'admin removed'; message: string };

/** last_used_at is written at most this often per token, so a busy caller does not write on every request. */
const LAST_USED_EVERY_MS = 60_000;

export const hashApiToken = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

const lower = (a: AdminRole, b: AdminRole): AdminRole => (ADMIN_ROLE_RANK[a] <= ADMIN_ROLE_RANK[b] ? a : b);

function toAdmin(row: AdminRow): Admin {
  return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.created_at };
}

function toToken(row: ApiTokenRow, at: Date): ApiToken {
  const status = row.revoked_at ? 'revoked' : row.expires_at <= at.toISOString() ? 'expired' : 'valid';
  return {
    id: row.id,
    name: row.name,
    adminEmail: row.admin_email,
    role: row.role,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    status,
  };
}

/** The key an address given to find an admin is compared by: as stored, lower-cased. */
const keyOf = (email: string) => emailKey(normaliseEmail(email) ?? email.trim());

/** Input from the command line (or, later, a server's owner channels), checked by its schema. */
function parse<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issues: FieldIssue[] = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const first = issues[0]!;
  return fail('INVALID_INPUT', `${first.message}${first.path ? ` (${first.path})` : ''}.`, issues);
}

const tokenLabel = (row: { name: string; admin_email: string }) => `${row.name} (${row.admin_email})`;

/**
 * A Roster server's admins and their API tokens (docs/SERVER.md). The rules:
 * there is always an owner once there is one (the last is never removed or
 * demoted); removing an admin revokes their tokens and ends their console
 * sessions; a token's role is at most its admin's, also after a demotion; only
 * a token's SHA-256 hash is kept, and every stored hash is compared in
 * constant time. Every change is audited.
 */
export function createAdminService({ db, admins, audit, now }: { db: Db; admins: AdminRepository; audit: AuditRepository; now: () => Date }) {
  const notAdmin = <T>(email: string) => fail<T>('NOT_FOUND', `There is no admin with the address ${email.trim()}. See them with "roster admins list".`);
  const lastOwner = <T>(row: AdminRow, doing: string) =>
    fail<T>('CONFLICT', `${row.email} is the last owner: make another admin an owner before ${doing}.`);

  const sessions = createSessionRepository(db);

  /** Lowers the role of an admin's tokens to theirs, audited as part of the caller's change. */
  function capTokens(row: AdminRow, role: AdminRole, at: Date, actor: Actor): void {
    for (const token of admins.liveTokensOf(row.id)) {
      if (ADMIN_ROLE_RANK[token.role] <= ADMIN_ROLE_RANK[role]) continue;
      admins.setTokenRole(token.id, role);
      audit.record(at, actor, {
        action: 'admin.token.role',
        targetType: 'api_token',
        targetId: token.id,
        targetLabel: tokenLabel(token),
        before: { role: token.role },
        after: { role },
        subject: row.email,
      });
    }
  }

  return {
    /** The admins there are now (removed ones are kept for the audit log, not listed). */
    list(): Admin[] {
      return admins.liveAdmins().map(toAdmin);
    },

    /**
     * Adds an admin, with the argon2id hash of their console password when
     * they have one (hashPassword, by the caller: hashing takes a while and
     * runs before the write). A password itself is never taken here.
     */
    add(raw: AddAdminInput, actor: Actor, passwordHash: string | null = null): Result<Admin> {
      const parsed = parse(addAdminInput, raw);
      if (!parsed.ok) return parsed;
      const input = parsed.value;
      if (input.password !== undefined) throw new Error('admins.add takes the hash of a password (hashPassword), never the password.');
      return inAtomicWrite(db, () => {
        const key = emailKey(input.email);
        if (admins.liveAdminByKey(key)) return fail<Admin>('CONFLICT', `${input.email} is an admin already; change their role with "roster admins role".`);
        const at = now();
        const id = admins.insertAdmin({ email: input.email, emailKey: key, name: input.name ?? null, role: input.role, passwordHash, at: at.toISOString() });
        const admin = toAdmin(admins.adminById(id)!);
        const after = { email: admin.email, name: admin.name, role: admin.role, ...(passwordHash ? { password: 'set' } : {}) };
        audit.record(at, actor, { action: 'admin.add', targetType: 'admin', targetId: id, targetLabel: admin.email, after });
        return ok(admin);
      });
    },

    setRole(email: string, role: AdminRole, actor: Actor): Result<Admin> {
      return inAtomicWrite(db, () => {
        const row = admins.liveAdminByKey(keyOf(email));
        if (!row) return notAdmin<Admin>(email);
        if (row.role === role) return ok(toAdmin(row));
        if (row.role === 'owner' && admins.liveOwnerCount() <= 1) return lastOwner<Admin>(row, `making ${row.email} ${role === 'admin' ? 'an admin' : 'an auditor'}`);
        const at = now();
        admins.setAdminRole(row.id, role);
        audit.record(at, actor, { action: 'admin.role', targetType: 'admin', targetId: row.id, targetLabel: row.email, before: { role: row.role }, after: { role } });
        capTokens(row, role, at, actor);
        return ok(toAdmin(admins.adminById(row.id)!));
      });
    },

    /** Removes an admin and revokes every token they hold, in one transaction. */
    remove(email: string, actor: Actor): Result<Admin & { revokedTokens: string[] }> {
      return inAtomicWrite(db, () => {
        const row = admins.liveAdminByKey(keyOf(email));
        if (!row) return notAdmin<Admin & { revokedTokens: string[] }>(email);
        if (row.role === 'owner' && admins.liveOwnerCount() <= 1) return lastOwner<Admin & { revokedTokens: string[] }>(row, 'removing them');
        const at = now();
        const tokens = admins.liveTokensOf(row.id);
        for (const token of tokens) {
          admins.revokeToken(token.id, at.toISOString());
          audit.record(at, actor, { action: 'admin.token.revoke', targetType: 'api_token', targetId: token.id, targetLabel: tokenLabel(token), subject: row.email });
        }
        // Their console sessions end with them, in this same transaction: no call of theirs is let in after it.
        const endedSessions = sessions.endLiveOf(row.id, at.toISOString(), new Date(at.getTime() - SESSION_IDLE_MS).toISOString(), 'admin-removed');
        admins.markAdminRemoved(row.id, at.toISOString());
        const revokedTokens = tokens.map((token) => token.name);
        audit.record(at, actor, {
          action: 'admin.remove',
          targetType: 'admin',
          targetId: row.id,
          targetLabel: row.email,
          before: { email: row.email, role: row.role },
          after: { revokedTokens, ...(endedSessions > 0 ? { endedSessions } : {}) },
        });
        return ok({ ...toAdmin(row), revokedTokens });
      });
    },

    /**
     * A new API token: the secret is in this answer and nowhere else, ever.
     * `issuedBy` says how it came to be, in its audit event (a native app's
     * sign-in: which app, from which address).
     */
    createToken(raw: CreateApiTokenInput, actor: Actor, issuedBy?: Record<string, string | null>): Result<{ token: ApiToken; secret: string }> {
      type Created = { token: ApiToken; secret: string };
      const parsed = parse(createApiTokenInput, raw);
      if (!parsed.ok) return parsed;
      const input = parsed.value;
      return inAtomicWrite(db, () => {
        const admin = admins.liveAdminByKey(emailKey(input.email));
        if (!admin) return notAdmin<Created>(input.email);
        const role = input.role ?? admin.role;
        if (ADMIN_ROLE_RANK[role] > ADMIN_ROLE_RANK[admin.role]) {
          return fail<Created>('FORBIDDEN', `${admin.email} is ${admin.role === 'admin' ? 'an admin' : 'an auditor'}: their tokens can be at most ${admin.role}, not ${role}.`);
        }
        const key = nameKey(input.name);
        if (admins.liveTokenByName(admin.id, key)) {
          return fail<Created>('CONFLICT', `${admin.email} has a token named ${input.name} already; give this one another name, or revoke that one first.`, [
            { path: 'name', message: 'Already taken' },
          ]);
        }
        const at = now();
        const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
        const expiresAt = new Date(at.getTime() + (input.expiresInDays ?? DEFAULT_API_TOKEN_DAYS) * DAY_MS).toISOString();
        const id = admins.insertToken({ adminId: admin.id, name: input.name, nameKey: key, role, hash: hashApiToken(secret), at: at.toISOString(), expiresAt });
        const row = admins.tokenById(id)!;
        audit.record(at, actor, {
          action: 'admin.token.create',
          targetType: 'api_token',
          targetId: id,
          targetLabel: tokenLabel(row),
          after: { name: row.name, admin: admin.email, role, expiresAt, ...(issuedBy ? { issuedBy } : {}) },
          subject: admin.email,
        });
        return ok({ token: toToken(row, at), secret });
      });
    },

    /**
     * Every token, live ones first, or only those of the admin with this
     * address now (not those of a removed admin who had it before): never a
     * secret, which is not kept.
     */
    listTokens(ofEmail?: string): ApiToken[] {
      const at = now();
      const rows = admins.allTokens();
      if (ofEmail === undefined) return rows.map((row) => toToken(row, at));
      const admin = admins.liveAdminByKey(keyOf(ofEmail));
      return admin ? rows.filter((row) => row.admin_id === admin.id).map((row) => toToken(row, at)) : [];
    },

    revokeToken(email: string, name: string, actor: Actor): Result<ApiToken & { alreadyRevoked: boolean }> {
      type Revoked = ApiToken & { alreadyRevoked: boolean };
      return inAtomicWrite(db, () => {
        const admin = admins.liveAdminByKey(keyOf(email));
        if (!admin) return notAdmin<Revoked>(email);
        const key = nameKey(name);
        const at = now();
        const live = admins.liveTokenByName(admin.id, key);
        if (!live) {
          const last = admins.lastTokenByName(admin.id, key);
          if (last) return ok({ ...toToken(last, at), alreadyRevoked: true });
          return fail<Revoked>('NOT_FOUND', `${admin.email} has no token named ${name.trim()}. See them with "roster admins token list".`);
        }
        admins.revokeToken(live.id, at.toISOString());
        audit.record(at, actor, { action: 'admin.token.revoke', targetType: 'api_token', targetId: live.id, targetLabel: tokenLabel(live), subject: admin.email });
        return ok({ ...toToken(admins.tokenById(live.id)!, at), alreadyRevoked: false });
      });
    },

    /**
     * The admin and token a request's bearer token names, or why it is refused.
     * Every stored hash is compared with the presented one in constant time, all
     * of them whatever matches, so the time taken says nothing about which did.
     * The role is the lower of the token's and its admin's.
     */
    /** Whether a token still opens the API (not revoked nor expired, its admin not removed); unlike authenticate, not a use. */
    tokenIsLive(id: number): boolean {
      const row = admins.tokenById(id);
      const admin = row ? admins.adminById(row.admin_id) : undefined;
      return !!row && !!admin && !admin.removed_at && !row.revoked_at && row.expires_at > now().toISOString();
    },

    authenticate(secret: string): ApiAuthentication {
      const at = now();
      const presented = hashApiToken(secret);
      let foundId: number | null = null;
      for (const { id, hash } of admins.tokenHashes()) {
        if (timingSafeEqual(hash, presented) && foundId === null) foundId = id;
      }
      const row = foundId === null ? undefined : admins.tokenById(foundId);
      if (!row) return { ok: false, reason: 'unknown', message: "This API token is not one of this Roster server's." };
      const label = `API token "${row.name}" of ${row.admin_email}`;
      // A removed admin's tokens were revoked with them; the admin is checked first, and on its own, all the same.
      const admin = admins.adminById(row.admin_id)!;
      if (admin.removed_at) return { ok: false, reason: 'admin removed', message: `${label} ended when its admin was removed, at ${admin.removed_at}.` };
      if (row.revoked_at) return { ok: false, reason: 'revoked', message: `${label} was revoked at ${row.revoked_at}.` };
      if (row.expires_at <= at.toISOString()) return { ok: false, reason: 'expired', message: `${label} expired at ${row.expires_at}; create a new one.` };
      if (!row.last_used_at || at.getTime() - Date.parse(row.last_used_at) >= LAST_USED_EVERY_MS) {
        try {
          admins.touchToken(row.id, at.toISOString());
        } catch {
          // Busy with another writer: the time of last use can wait for the next request.
        }
      }
      return { ok: true, admin: toAdmin(admin), token: { id: row.id, name: row.name, role: lower(row.role, admin.role) } };
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
