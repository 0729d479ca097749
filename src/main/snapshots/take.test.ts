import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { coreWithEnterprise, tempDir, TEST_ACTOR } from '../test-support/temp-db';
import { readSnapshotInfo } from './info';
import { recordSnapshot, takeSnapshot } from './take';

const PASSWORD_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$SnapshotTestPasswordHashValue0123456789';
const CSRF = 'csrf-token-that-must-not-travel-0123456789';
const INFO = { of: 'acme-roster.example.com', takenAt: '2026-12-07T14:02:00.000Z', takenBy: 'ana@acme.example' };

/** A store holding one of every credential Roster keeps; answers the bytes that must not be in a copy. */
async function storeWithCredentials(): Promise<{ core: Core; secrets: Buffer[] }> {
  const core = await coreWithEnterprise();
  const added = await core.invoke('admins:add', { email: 'ana@acme.example', role: 'owner' });
  if (!added.ok) throw new Error(added.error.message);
  const token = await core.invoke('admins:createToken', { email: 'ana@acme.example', name: 'ops', role: 'owner' } as never);
  if (!token.ok) throw new Error(token.error.message);
  const scim = await core.invoke('scim:createToken', { name: 'Okta' } as never);
  if (!scim.ok) throw new Error(scim.error.message);
  const db = core.db;
  db.prepare('UPDATE admins SET password_hash = ?, oidc_issuer = ?, oidc_subject = ?').run(PASSWORD_HASH, 'https://idp.acme.example', 'subject-0042-secret');
  const adminId = db.prepare('SELECT id FROM admins').pluck().get();
  const sessionHash = createHash('sha256').update('cookie-value').digest();
  db.prepare(
    "INSERT INTO admin_sessions (admin_id, hash, csrf_token, method, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, 'password', '2026-12-07', '2026-12-07', '2026-12-14')",
  ).run(adminId, sessionHash, CSRF);
  const createdToken = token.value.secret;
  db.prepare("INSERT INTO idempotency_keys (admin_email_key, key, channel, request_hash, result, created_at) VALUES ('ana@acme.example', 'k1', 'admins:createToken', ?, ?, '2026-12-07')").run(
    createHash('sha256').update('x').digest(),
    JSON.stringify({ ok: true, value: { token: createdToken } }),
  );
  const apiHash = db.prepare('SELECT hash FROM api_tokens').pluck().get() as Buffer;
  const scimHash = db.prepare('SELECT hash FROM scim_tokens').pluck().get() as Buffer;
  const secrets = [apiHash, scimHash, sessionHash, Buffer.from(PASSWORD_HASH), Buffer.from(CSRF), Buffer.from(createdToken), Buffer.from('subject-0042-secret')];
  return { core, secrets };
}

describe('taking an offline copy', () => {
  it('holds no credential, not even in its free pages, but keeps every token by name', async () => {
    const { core, secrets } = await storeWithCredentials();
    // The live file holds them (the test would prove nothing otherwise).
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const live = fs.readFileSync(core.db.name);
    for (const secret of secrets.slice(0, 4)) expect(live.includes(secret)).toBe(true);

    const out = path.join(tempDir(), 'copy.db');
    const taken = await takeSnapshot(core.db, out, INFO);
    expect(taken.ok).toBe(true);
    const bytes = fs.readFileSync(out);
    for (const secret of secrets) expect(bytes.includes(secret), secret.toString('hex')).toBe(false);
    expect(fs.existsSync(`${out}-journal`) || fs.existsSync(`${out}-wal`)).toBe(false);

    const copy = new Database(out, { readonly: true });
    try {
      expect(copy.prepare('SELECT count(*) FROM admin_sessions').pluck().get()).toBe(0);
      expect(copy.prepare('SELECT count(*) FROM idempotency_keys').pluck().get()).toBe(0);
      expect(copy.prepare('SELECT name FROM api_tokens').pluck().all()).toEqual(['ops']);
      expect(copy.prepare('SELECT name FROM scim_tokens').pluck().all()).toEqual(['Okta']);
      expect(copy.prepare('SELECT password_hash FROM admins').pluck().all()).toEqual([null]);
      expect(copy.prepare('PRAGMA freelist_count').pluck().get()).toBe(0);
      expect(copy.prepare('PRAGMA journal_mode').pluck().get()).toBe('delete');
      expect(readSnapshotInfo(copy)).toEqual(INFO);
    } finally {
      copy.close();
    }
  });

  it('answers the sha256 of the file it wrote, and the live store is unchanged', async () => {
    const { core } = await storeWithCredentials();
    const out = path.join(tempDir(), 'copy.db');
    const taken = await takeSnapshot(core.db, out, INFO);
    if (!taken.ok) throw new Error(taken.error.message);
    expect(taken.value.sha256).toBe(createHash('sha256').update(fs.readFileSync(out)).digest('hex'));
    expect(taken.value.size).toBe(fs.statSync(out).size);
    expect(core.db.prepare('SELECT password_hash FROM admins').pluck().get()).toBe(PASSWORD_HASH);
    expect(core.db.prepare('SELECT count(*) FROM admin_sessions').pluck().get()).toBe(1);
    expect(readSnapshotInfo(core.db)).toBeNull();
  });

  it('records who took a copy, when, and its sha256 in the audit log', async () => {
    const { core } = await storeWithCredentials();
    const out = path.join(tempDir(), 'copy.db');
    // Taken after everything the store holds (its events carry the real clock; the audit log keeps time order).
    const info = { ...INFO, takenAt: new Date(Date.now() + 60_000).toISOString() };
    const taken = await takeSnapshot(core.db, out, info);
    if (!taken.ok) throw new Error(taken.error.message);
    recordSnapshot(core.services.audit, { ...TEST_ACTOR, admin: 'ana@acme.example' }, taken.value);
    const event = core.services.audit.list().at(-1)!;
    expect(event).toMatchObject({
      action: 'snapshot.take',
      at: info.takenAt,
      actor: { admin: 'ana@acme.example' },
      targetLabel: 'acme-roster.example.com',
      after: { sha256: taken.value.sha256, size: taken.value.size, takenBy: 'ana@acme.example' },
    });
  });

  it('leaves nothing under the name when the copy cannot be written', async () => {
    const { core } = await storeWithCredentials();
    const out = path.join(tempDir(), 'no-such-folder', 'copy.db');
    const taken = await takeSnapshot(core.db, out, INFO);
    expect(taken.ok).toBe(false);
    expect(fs.existsSync(path.dirname(out))).toBe(false);
  });
});
