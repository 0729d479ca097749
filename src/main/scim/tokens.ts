import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '@shared/schemas/audit';
import { nameKey } from '@shared/schemas/names';
import { EXPIRING_SOON_DAYS, type CreateTokenInput, type ScimToken, type TokenStatus } from '@shared/schemas/scim';
import { fail, ok, type Result } from '@shared/result';
import { DAY_MS } from '@shared/time';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';

interface TokenRow {
  id: number;
  name: string;
  hash: Buffer;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Who a bearer token is: the live token, or null with the reason (and the name, when it is ours but revoked or expired). */
export type Authentication =
  | { token: { id: number; name: string }; name: string; reason: null }
  | { token: null; name: string | null; reason: string };

/** Tokens start with this, so one found in a log or a paste is recognisable. */
const PREFIX = 'roster_scim_';
/** last_used_at is written at most this often per token, so a busy provider does not write on every request. */
const LAST_USED_EVERY_MS = 60_000;

export function hashToken(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

function statusOf(row: TokenRow, at: Date): TokenStatus {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at && row.expires_at <= at.toISOString()) return 'expired';
  if (row.expires_at && new Date(row.expires_at).getTime() - at.getTime() <= EXPIRING_SOON_DAYS * DAY_MS) return 'expiringSoon';
  return 'valid';
}

function toToken(row: TokenRow, at: Date): ScimToken {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    status: statusOf(row, at),
  };
}

/**
 * SCIM bearer tokens (docs/RULES.md, S1): created with a name, shown once, kept only
 * as a SHA-256 hash, compared in constant time; they can expire and be revoked.
 */
export function createTokenService({ db, audit, now }: { db: Db; audit: AuditRepository; now: () => Date }) {
  const all = db.prepare('SELECT * FROM scim_tokens ORDER BY revoked_at IS NOT NULL, name_key, id');
  const every = db.prepare('SELECT * FROM scim_tokens');
  const byId = db.prepare('SELECT * FROM scim_tokens WHERE id = ?');
  const byKey = db.prepare('SELECT id FROM scim_tokens WHERE name_key = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO scim_tokens (name, name_key, hash, created_at, expires_at) VALUES (@name, @key, @hash, @at, @expiresAt)',
  );
  const revoke = db.prepare('UPDATE scim_tokens SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL');
  const touch = db.prepare('UPDATE scim_tokens SET last_used_at = @at WHERE id = @id');

  return {
    list(): Result<ScimToken[]> {
      const at = now();
      return ok((all.all() as TokenRow[]).map((row) => toToken(row, at)));
    },

    /** A new token: the secret is in this answer and nowhere else, ever. */
    create(input: CreateTokenInput, actor: Actor): Result<{ token: ScimToken; secret: string }> {
      return inWriteTransaction(db, () => {
        const key = nameKey(input.name);
        if (byKey.get(key) !== undefined) {
          return fail<{ token: ScimToken; secret: string }>('CONFLICT', `There is a token named ${input.name} already; give this one another name.`, [
            { path: 'name', message: 'Already taken' },
          ]);
        }
        const at = now();
        const secret = `${PREFIX}${randomBytes(32).toString('base64url')}`;
        const expiresAt = input.expiresInDays ? new Date(at.getTime() + input.expiresInDays * DAY_MS).toISOString() : null;
        const { lastInsertRowid } = insert.run({ name: input.name, key, hash: hashToken(secret), at: at.toISOString(), expiresAt });
        const row = byId.get(lastInsertRowid) as TokenRow;
        audit.record(at, actor, { action: 'scim.token.create', targetType: 'scim_token', targetId: row.id, targetLabel: row.name, after: { name: row.name, expiresAt } });
        return ok({ token: toToken(row, at), secret });
      });
    },

    revoke(id: number, actor: Actor): Result<ScimToken> {
      return inWriteTransaction(db, () => {
        const row = byId.get(id) as TokenRow | undefined;
        if (!row) return fail<ScimToken>('NOT_FOUND', `There is no token with id ${id}.`);
        const at = now();
        if (!row.revoked_at) {
          revoke.run({ id, at: at.toISOString() });
          audit.record(at, actor, { action: 'scim.token.revoke', targetType: 'scim_token', targetId: id, targetLabel: row.name });
        }
        return ok(toToken(byId.get(id) as TokenRow, at));
      });
    },

    /**
     * The token a request carries, if it is one of ours and neither expired nor
     * revoked; otherwise why not, and the name of a token that is ours but no
     * longer valid, for the request log. Every token's hash is compared in
     * constant time.
     */
    authenticate(secret: string): Authentication {
      const at = now();
      const presented = hashToken(secret);
      let found: TokenRow | null = null;
      for (const row of every.all() as TokenRow[]) {
        if (timingSafeEqual(row.hash, presented) && !found) found = row;
      }
      if (!found) return { token: null, name: null, reason: 'unknown token' };
      if (found.revoked_at) return { token: null, name: found.name, reason: `token "${found.name}" was revoked at ${found.revoked_at}` };
      if (statusOf(found, at) === 'expired') return { token: null, name: found.name, reason: `token "${found.name}" expired at ${found.expires_at}` };
      if (!found.last_used_at || at.getTime() - new Date(found.last_used_at).getTime() >= LAST_USED_EVERY_MS) {
        try {
          touch.run({ id: found.id, at: at.toISOString() });
        } catch {
          // Busy with another writer: the time of last use can wait for the next request.
        }
      }
      return { token: { id: found.id, name: found.name }, name: found.name, reason: null };
    },

    /** Finds a token by name, for the command line. */
    findByName(name: string): Result<ScimToken> {
      const id = byKey.get(nameKey(name)) as number | undefined;
      if (id === undefined) return fail('NOT_FOUND', `There is no token named ${name.trim()}.`);
      return ok(toToken(byId.get(id) as TokenRow, now()));
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
