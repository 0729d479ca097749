import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { openDatabase } from '../db/open';
import { fixtureFileName, loadDump } from '../db/test-support/fixtures/dump';
import { value } from '../test-support/seats-helpers';
import { coreWithEnterprise, fixedClock, tempDir } from '../test-support/temp-db';

/** The pending invitations migration 0022 keeps, beside the same count made from the rows. */
function keptAndCounted(core: Core) {
  return {
    kept: core.db.prepare('SELECT pending_invitations FROM enterprise WHERE id = 1').pluck().get(),
    counted: core.db.prepare("SELECT count(*) FROM invitations WHERE status = 'pending'").pluck().get(),
  };
}

describe('migration 0022: the pending invitations kept as they change', () => {
  it('starts from the pending invitations a store already holds', () => {
    const file = path.join(tempDir(), 'roster.db');
    loadDump(file, fs.readFileSync(path.join(__dirname, '..', 'db', 'test-support', 'fixtures', fixtureFileName(21)), 'utf8'));
    const db = openDatabase(file);
    try {
      const counted = db.prepare("SELECT count(*) FROM invitations WHERE status = 'pending'").pluck().get();
      expect(counted).toBeGreaterThan(0);
      expect(db.prepare('SELECT pending_invitations FROM enterprise WHERE id = 1').pluck().get()).toBe(counted);
    } finally {
      db.close();
    }
  });

  it('agrees with the rows through invitations sent, accepted, revoked, expired and deleted', async () => {
    const clock = fixedClock('2026-03-01T09:00:00.000Z');
    const core = await coreWithEnterprise({ now: clock.now });
    const sent = [];
    for (const email of ['ana@acme.com', 'bo@acme.com', 'cy@acme.com', 'di@acme.com']) sent.push(value(await core.invoke('invitations:create', { email })));
    expect(keptAndCounted(core)).toEqual({ kept: 4, counted: 4 });
    value(await core.invoke('invitations:accept', { id: sent[0]!.id }));
    value(await core.invoke('invitations:revoke', { id: sent[1]!.id }));
    expect(keptAndCounted(core)).toEqual({ kept: 2, counted: 2 });
    // An expired invitation stays pending in the rows, and so in the count (the bound is allowed to be high).
    clock.advance(60 * 24 * 3600 * 1000);
    expect(keptAndCounted(core)).toEqual({ kept: 2, counted: 2 });
    core.db.prepare('DELETE FROM invitations WHERE id = ?').run(sent[2]!.id);
    core.db.prepare("UPDATE invitations SET status = 'pending' WHERE id = ?").run(sent[1]!.id);
    expect(keptAndCounted(core)).toEqual({ kept: 2, counted: 2 });
  });

  it('still lets the seat check refuse exactly when every seat is taken or promised', async () => {
    const core = await coreWithEnterprise();
    value(await core.invoke('seats:set', { seats: 3 }));
    const { free } = value(await core.invoke('seats:usage'));
    expect(free).toBe(3);
    for (let i = 0; i < free; i += 1) value(await core.invoke('invitations:create', { email: `p${i}@acme.com` }));
    expect(await core.invoke('invitations:create', { email: 'one.more@acme.com' })).toMatchObject({ ok: false, error: { code: 'NO_FREE_SEATS' } });
    expect(await core.invoke('members:add', { email: 'one.more@acme.com' })).toMatchObject({ ok: false, error: { code: 'NO_FREE_SEATS' } });
  });
});
