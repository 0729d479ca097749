import type * as nodeCrypto from 'node:crypto';
import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Actor } from '@shared/schemas/audit';
import { DAY_MS } from '@shared/time';
import { fixedClock, testCore } from '../test-support/temp-db';
import { createAdminRepository } from './repository';
import { createAdminService, hashApiToken } from './service';

// The real comparison, watched: authenticate must compare hashes with it, never with ===.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof nodeCrypto>();
  const watched = vi.fn(actual.timingSafeEqual);
  return { ...actual, default: { ...actual, timingSafeEqual: watched }, timingSafeEqual: watched };
});

const OWNER: Actor = { type: 'cli', name: 'root', admin: 'ana@example.com', token: 'setup' };

function setup() {
  const clock = fixedClock();
  const core = testCore({ now: clock.now });
  const admins = createAdminService({ db: core.db, admins: createAdminRepository(core.db), audit: core.services.audit, now: clock.now });
  return { core, clock, admins };
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('admins', () => {
  it('adds admins with unique addresses ignoring case, and lists them', () => {
    const { admins } = setup();
    value(admins.add({ email: 'Ana@Example.com', role: 'owner', name: 'Ana' }, OWNER));
    const again = admins.add({ email: 'ana@EXAMPLE.com', role: 'admin' }, OWNER);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(admins.add({ email: 'not an address', role: 'admin' }, OWNER)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(admins.add({ email: 'bo@example.com', role: 'king' as never }, OWNER)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(admins.list().map((admin) => [admin.email, admin.role, admin.name])).toEqual([['Ana@example.com', 'owner', 'Ana']]);
  });

  it('never removes or demotes the last owner, and does once there is another', () => {
    const { admins } = setup();
    value(admins.add({ email: 'ana@example.com', role: 'owner' }, OWNER));
    expect(admins.setRole('ana@example.com', 'admin', OWNER)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('last owner') } });
    expect(admins.remove('ANA@example.com', OWNER)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    value(admins.add({ email: 'bo@example.com', role: 'owner' }, OWNER));
    expect(value(admins.setRole('ana@example.com', 'auditor', OWNER)).role).toBe('auditor');
    expect(admins.remove('bo@example.com', OWNER)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    value(admins.remove('ana@example.com', OWNER));
    expect(admins.list().map((admin) => admin.email)).toEqual(['bo@example.com']);
    expect(admins.remove('ana@example.com', OWNER)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('audits every change, naming the admin and token that acted', () => {
    const { core, admins } = setup();
    value(admins.add({ email: 'ana@example.com', role: 'owner' }, OWNER));
    value(admins.add({ email: 'bo@example.com', role: 'admin' }, OWNER));
    value(admins.createToken({ email: 'bo@example.com', name: 'ci' }, OWNER));
    value(admins.setRole('bo@example.com', 'auditor', OWNER));
    value(admins.revokeToken('bo@example.com', 'ci', OWNER));
    value(admins.remove('bo@example.com', OWNER));
    const events = core.services.audit.list();
    expect(events.map((event) => event.action)).toEqual(['admin.add', 'admin.add', 'admin.token.create', 'admin.role', 'admin.token.role', 'admin.token.revoke', 'admin.remove']);
    for (const event of events) expect(event.actor).toMatchObject({ type: 'cli', name: 'root', admin: 'ana@example.com', token: 'setup' });
  });
});

describe('API tokens', () => {
  it('keeps only the hash: the secret is nowhere in the database file', () => {
    const { core, admins } = setup();
    value(admins.add({ email: 'ana@example.com', role: 'owner' }, OWNER));
    const { secret, token } = value(admins.createToken({ email: 'ana@example.com', name: 'ci' }, OWNER));
    expect(secret).toMatch(/^roster_api_[\w-]{43}$/);
    expect(token).toMatchObject({ name: 'ci', adminEmail: 'ana@example.com', role: 'owner', status: 'valid' });
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = Buffer.concat([fs.readFileSync(core.db.name), fs.existsSync(`${core.db.name}-wal`) ? fs.readFileSync(`${core.db.name}-wal`) : Buffer.alloc(0)]);
    expect(bytes.includes(hashApiToken(secret)), 'the search finds what is there').toBe(true);
    expect(bytes.includes(Buffer.from(secret))).toBe(false);
    expect(bytes.includes(Buffer.from(secret.slice('roster_api_'.length)))).toBe(false);
  });

  it('lasts 90 days unless told, and is refused once expired', () => {
    const { admins, clock } = setup();
    value(admins.add({ email: 'ana@example.com', role: 'owner' }, OWNER));
    const { secret, token } = value(admins.createToken({ email: 'ana@example.com', name: 'ci' }, OWNER));
    const short = value(admins.createToken({ email: 'ana@example.com', name: 'short', expiresInDays: 1 }, OWNER));
    expect(Date.parse(token.expiresAt) - clock.now().getTime()).toBe(90 * DAY_MS);
    clock.advance(DAY_MS);
    expect(admins.authenticate(short.secret)).toMatchObject({ ok: false, reason: 'expired', message: expect.stringContaining('expired at') });
    expect(admins.authenticate(secret)).toMatchObject({ ok: true });
    clock.advance(89 * DAY_MS);
    expect(admins.authenticate(secret)).toMatchObject({ ok: false, reason: 'expired' });
    expect(admins.listTokens().map((listed) => listed.status)).toEqual(['expired', 'expired']);
  });

  it('has a role at most its admin’s, lowered when the admin is demoted', () => {
    const { admins } = setup();
    value(admins.add({ email: 'ana@example.com', role: 'owner' }, OWNER));
    value(admins.add({ email: 'bo@example.com', role: 'auditor' }, OWNER));
    expect(admins.createToken({ email: 'bo@example.com', name: 'ci', role: 'admin' }, OWNER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(value(admins.createToken({ email: 'bo@example.com', name: 'ci' }, OWNER)).token.role).toBe('auditor');

    value(admins.add({ email: 'cy@example.com', role: 'admin' }, OWNER));
    const cy = value(admins.createToken({ email: 'cy@example.com', name: 'deploy' }, OWNER));
    value(admins.setRole('cy@example.com', 'auditor', OWNER));
    expect(admins.listTokens().find((token) => token.name === 'deploy')!.role).toBe('auditor');
    expect(admins.authenticate(cy.secret)).toMatchObject({ ok: true, admin: { email: 'cy@example.com', role: 'auditor' }, token: { name: 'deploy', role: 'auditor' } });
  });

  it('refuses a revoked token, and one whose admin was removed (their tokens are revoked with them)', () => {
    const { core, admins } = setup();
    value(admins.add({ email: 'ana@example.com', role: 'owner' }, OWNER));
    value(admins.add({ email: 'bo@example.com', role: 'admin' }, OWNER));
    const revoked = value(admins.createToken({ email: 'ana@example.com', name: 'old' }, OWNER));
    expect(value(admins.revokeToken('ana@example.com', 'OLD', OWNER)).alreadyRevoked).toBe(false);
    expect(value(admins.revokeToken('ana@example.com', 'old', OWNER)).alreadyRevoked).toBe(true);
    expect(admins.authenticate(revoked.secret)).toMatchObject({ ok: false, reason: 'revoked' });

    const bo = value(admins.createToken({ email: 'bo@example.com', name: 'ci' }, OWNER));
    const removed = value(admins.remove('bo@example.com', OWNER));
    expect(removed.revokedTokens).toEqual(['ci']);
    expect(admins.listTokens().find((token) => token.name === 'ci')!.status).toBe('revoked');
    expect(admins.authenticate(bo.secret)).toMatchObject({ ok: false, reason: 'admin removed' });

    // Even were a removed admin's token left unrevoked (a hand-edited file), it is refused.
    value(admins.add({ email: 'cy@example.com', role: 'admin' }, OWNER));
    const cy = value(admins.createToken({ email: 'cy@example.com', name: 'ci' }, OWNER));
    core.db.prepare("UPDATE admins SET removed_at = '2026-03-01T10:00:00.000Z' WHERE email = 'cy@example.com'").run();
    expect(admins.authenticate(cy.secret)).toMatchObject({ ok: false, reason: 'admin removed' });
    expect(admins.authenticate('roster_api_not-one-of-ours')).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('says whether a token is still live (its event stream goes on) as authenticate would, without noting a use', () => {
    const { core, admins, clock } = setup();
    value(admins.add({ email: 'ana@example.com', role: 'owner' }, OWNER));
    value(admins.add({ email: 'bo@example.com', role: 'admin' }, OWNER));
    const idOf = (secret: string) => {
      const found = admins.authenticate(secret);
      if (!found.ok) throw new Error(found.message);
      return found.token.id;
    };
    const ci = idOf(value(admins.createToken({ email: 'ana@example.com', name: 'ci', expiresInDays: 1 }, OWNER)).secret);
    const old = idOf(value(admins.createToken({ email: 'ana@example.com', name: 'old' }, OWNER)).secret);
    const bo = idOf(value(admins.createToken({ email: 'bo@example.com', name: 'ci' }, OWNER)).secret);
    const lastUsed = () => core.db.prepare('SELECT last_used_at FROM api_tokens WHERE id = ?').pluck().get(ci);
    const before = lastUsed();
    clock.advance(DAY_MS / 2);
    expect([admins.tokenIsLive(ci), admins.tokenIsLive(old), admins.tokenIsLive(bo), admins.tokenIsLive(9999)]).toEqual([true, true, true, false]);
    expect(lastUsed()).toBe(before);
    value(admins.revokeToken('ana@example.com', 'old', OWNER));
    value(admins.remove('bo@example.com', OWNER));
    clock.advance(DAY_MS / 2);
    expect([admins.tokenIsLive(ci), admins.tokenIsLive(old), admins.tokenIsLive(bo)]).toEqual([false, false, false]);
  });

  it('authenticates by comparing every stored hash in constant time, and notes when it was used', () => {
    const { admins, clock } = setup();
    value(admins.add({ email: 'ana@example.com', role: 'owner' }, OWNER));
    const tokens = ['a', 'b', 'c'].map((name) => value(admins.createToken({ email: 'ana@example.com', name }, OWNER)));
    const compare = vi.mocked(timingSafeEqual);
    compare.mockClear();
    clock.advance(1000);
    expect(admins.authenticate(tokens[0]!.secret)).toMatchObject({ ok: true, admin: { email: 'ana@example.com' }, token: { name: 'a', role: 'owner' } });
    expect(compare).toHaveBeenCalledTimes(3);
    expect(compare.mock.calls.some(([stored, presented]) => Buffer.from(stored as Uint8Array).equals(hashApiToken(tokens[0]!.secret)) && Buffer.from(presented as Uint8Array).equals(hashApiToken(tokens[0]!.secret)))).toBe(true);
    expect(admins.listTokens().find((token) => token.name === 'a')!.lastUsedAt).toBe(clock.now().toISOString());
  });

  it('names tokens uniquely per admin ignoring case; a revoked token’s name may be used again', () => {
    const { admins } = setup();
    value(admins.add({ email: 'ana@example.com', role: 'owner' }, OWNER));
    value(admins.add({ email: 'bo@example.com', role: 'admin' }, OWNER));
    value(admins.createToken({ email: 'ana@example.com', name: 'CI' }, OWNER));
    expect(admins.createToken({ email: 'ana@example.com', name: 'ci' }, OWNER)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    value(admins.createToken({ email: 'bo@example.com', name: 'ci' }, OWNER));
    value(admins.revokeToken('ana@example.com', 'ci', OWNER));
    value(admins.createToken({ email: 'ana@example.com', name: 'ci' }, OWNER));
    expect(admins.createToken({ email: 'nobody@example.com', name: 'x' }, OWNER)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(admins.listTokens().map((token) => [token.adminEmail, token.name, token.status])).toEqual([
      ['ana@example.com', 'ci', 'valid'],
      ['bo@example.com', 'ci', 'valid'],
      ['ana@example.com', 'CI', 'revoked'],
    ]);
  });
});
