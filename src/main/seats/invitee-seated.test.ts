import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Core } from '../core';
import type { Db } from '../db/open';
import { openDatabase } from '../db/open';
import { fixtureFileName, loadDump } from '../db/test-support/fixtures/dump';
import { INVITEE_HOLDS_SEAT } from '../members/sql';
import { DAY_MS, usage, value } from '../test-support/seats-helpers';
import { coreWithEnterprise, fixedClock, tempDir } from '../test-support/temp-db';

/** Every invitation's kept invitee_seated (0023) beside whether its address holds a seat, looked up as before. */
function keptAndLookedUp(db: Db) {
  const rows = db.prepare(`SELECT i.id, i.email_key AS address, i.invitee_seated AS kept, ${INVITEE_HOLDS_SEAT} AS lookedUp FROM invitations i ORDER BY i.id`).all() as {
    id: number;
    address: string;
    kept: number;
    lookedUp: number;
  }[];
  return { kept: rows.map(({ id, address, kept }) => [id, address, kept]), lookedUp: rows.map(({ id, address, lookedUp }) => [id, address, lookedUp]) };
}

/** The live pending invitations holding a seat, counted as they were before 0023: each invitee looked up. */
function pendingLookedUp(db: Db, now: Date): number {
  return db
    .prepare(`SELECT count(*) FROM invitations i WHERE i.status = 'pending' AND i.expires_at > ? AND NOT ${INVITEE_HOLDS_SEAT}`)
    .pluck()
    .get(now.toISOString()) as number;
}

async function expectAgreement(core: Core, now: Date, step: string) {
  const { kept, lookedUp } = keptAndLookedUp(core.db);
  expect(kept, step).toEqual(lookedUp);
  expect((await usage(core)).pendingInvitations, step).toBe(pendingLookedUp(core.db, now));
}

describe('migration 0023: whether an invitation’s address holds a seat, kept on the invitation', () => {
  it('starts from the seats a version 22 store holds, pending, expired, accepted and revoked invitations alike', () => {
    const file = path.join(tempDir(), 'roster.db');
    loadDump(file, fs.readFileSync(path.join(__dirname, '..', 'db', 'test-support', 'fixtures', fixtureFileName(22)), 'utf8'));
    // Written as version 22 would: a live and an expired invitation to a member's address, and one to an account without a seat.
    const old = new Database(file);
    const member = old.prepare('SELECT a.email, a.email_key FROM accounts a JOIN members m ON m.account_id = a.id ORDER BY a.id LIMIT 1').get() as { email: string; email_key: string };
    const seatless = old.prepare('SELECT a.email, a.email_key FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.account_id = a.id) ORDER BY a.id LIMIT 1').get() as
      | { email: string; email_key: string }
      | undefined;
    const invite = old.prepare(
      "INSERT INTO invitations (email, email_key, role, status, created_at, sent_at, expires_at) VALUES (?, ?, 'member', 'pending', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?)",
    );
    invite.run(member.email, member.email_key, '2036-01-01T00:00:00.000Z');
    invite.run(member.email, member.email_key, '2026-01-15T00:00:00.000Z');
    if (seatless) invite.run(seatless.email, seatless.email_key, '2036-01-01T00:00:00.000Z');
    old.close();

    const db = openDatabase(file);
    try {
      const { kept, lookedUp } = keptAndLookedUp(db);
      expect(kept).toEqual(lookedUp);
      expect(kept.filter(([, address, seated]) => address === member.email_key && seated === 1)).toHaveLength(2);
      expect(kept.some(([, , seated]) => seated === 0)).toBe(true);
      const now = new Date('2026-03-01T00:00:00.000Z');
      const counted = db
        .prepare("SELECT count(*) FROM invitations i INDEXED BY invitations_pending_seat WHERE i.status = 'pending' AND i.expires_at > ? AND i.invitee_seated = 0")
        .pluck()
        .get(now.toISOString());
      expect(counted).toBe(pendingLookedUp(db, now));
    } finally {
      db.close();
    }
  });

  it('stays right through invitations sent, accepted, revoked, readdressed and expired, seats taken and released, addresses changed and accounts removed', async () => {
    const clock = fixedClock('2026-03-01T09:00:00.000Z');
    const core = await coreWithEnterprise({ now: clock.now });
    const db = core.db;
    const step = (name: string) => expectAgreement(core, clock.now(), name);
    const accountOf = (email: string) => db.prepare('SELECT id FROM accounts WHERE email_key = ?').pluck().get(email) as number;

    const toStranger = value(await core.invoke('invitations:create', { email: 'stranger@acme.com' }));
    await step('an invitation to an address with no account');
    value(await core.invoke('members:add', { email: 'ana@acme.com' }));
    const toAna = value(await core.invoke('invitations:create', { email: 'Ana@acme.com' }));
    await step('an invitation to a member');
    expect(db.prepare('SELECT invitee_seated FROM invitations WHERE id = ?').pluck().get(toAna.id)).toBe(1);

    const toBo = value(await core.invoke('invitations:create', { email: 'bo@acme.com' }));
    value(await core.invoke('members:add', { email: 'bo@acme.com' }));
    await step('a member added on their pending invitation');
    const toCy = value(await core.invoke('invitations:create', { email: 'cy@acme.com' }));
    value(await core.invoke('invitations:accept', { id: toCy.id }));
    await step('an invitation accepted');

    value(await core.invoke('members:remove', { accountId: accountOf('ana@acme.com') }));
    await step('a member removed: the invitation to them holds a seat again');
    expect(db.prepare('SELECT invitee_seated FROM invitations WHERE id = ?').pluck().get(toAna.id)).toBe(0);
    db.prepare("INSERT INTO members (account_id, source, seat_since) VALUES (?, 'manual', '2026-03-01T09:00:00.000Z')").run(accountOf('ana@acme.com'));
    await step('a seat taken again without the invitation (as an import or SCIM would)');

    // Renamed addresses: a member's moves from one pending invitation's address to another's.
    const toDan = value(await core.invoke('invitations:create', { email: 'dan@acme.com' }));
    db.prepare("UPDATE accounts SET email = 'dan@acme.com', email_key = 'dan@acme.com' WHERE id = ?").run(accountOf('ana@acme.com'));
    await step("a member's address changed to an invited one");
    expect(db.prepare('SELECT invitee_seated FROM invitations WHERE id IN (?, ?) ORDER BY id').pluck().all(toAna.id, toDan.id)).toEqual([0, 1]);
    db.prepare("UPDATE accounts SET name = 'Dan' WHERE email_key = 'dan@acme.com'").run();
    await step('an account changed but not its address');
    db.prepare("UPDATE invitations SET email = 'bo@acme.com', email_key = 'bo@acme.com' WHERE id = ?").run(toStranger.id);
    await step('an invitation readdressed to a member');
    db.prepare("UPDATE invitations SET email = 'nobody@acme.com', email_key = 'nobody@acme.com' WHERE id = ?").run(toStranger.id);
    await step('an invitation readdressed away from a member');

    // A seat moved to another account (no path does this, but a row could), and an account with no seat removed.
    value(await core.invoke('members:add', { email: 'eve@acme.com' }));
    value(await core.invoke('members:remove', { accountId: accountOf('eve@acme.com') }));
    const toEve = value(await core.invoke('invitations:create', { email: 'eve@acme.com' }));
    db.prepare('UPDATE members SET account_id = ? WHERE account_id = ?').run(accountOf('eve@acme.com'), accountOf('bo@acme.com'));
    await step('a seat moved from one account to another');
    expect(db.prepare('SELECT invitee_seated FROM invitations WHERE id IN (?, ?) ORDER BY id').pluck().all(toBo.id, toEve.id)).toEqual([0, 1]);
    db.prepare('DELETE FROM members WHERE account_id = ?').run(accountOf('eve@acme.com'));
    db.prepare('DELETE FROM accounts WHERE id = ?').run(accountOf('eve@acme.com'));
    await step('an account removed');

    value(await core.invoke('invitations:revoke', { id: toDan.id }));
    await step('an invitation revoked');
    clock.advance(31 * DAY_MS);
    await step('every invitation expired');
    value(await core.invoke('invitations:resend', { id: toEve.id }));
    await step('an expired invitation sent again');
    expect((await usage(core)).pendingInvitations).toBe(1);
  });
});
