import { describe, expect, it } from 'vitest';
import type { AuditVerification } from '@shared/schemas/audit';
import { DAY_MS } from '@shared/time';
import { coreWithEnterprise, fixedClock, TEST_ACTOR } from '../test-support/temp-db';
import type { Core } from '../core';
import { pruneAudit } from './retention';

const rows = (core: Core) => core.db.prepare('SELECT * FROM audit_events ORDER BY id').all();

async function verify(core: Core): Promise<AuditVerification> {
  const result = await core.invoke('audit:verify');
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A core with an enterprise and ten more events, a minute apart, from 2026-03-01T09:01Z. */
async function withEvents(count = 10) {
  const clock = fixedClock('2026-03-01T09:00:00.000Z');
  const core = await coreWithEnterprise({ now: clock.now });
  for (let i = 1; i <= count; i += 1) {
    clock.advance(60_000);
    const created = await core.invoke('orgs:create', { name: `Org ${i}` });
    if (!created.ok) throw new Error(created.error.message);
  }
  return { core, clock };
}

/** What someone with their own tools can do to the file: drop Roster's triggers, then edit. */
function dropGuards(core: Core) {
  core.db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete');
}

describe('the database refuses what would rewrite the audit log', () => {
  it('refuses INSERT OR REPLACE over an event that exists, and changes nothing', async () => {
    const { core } = await withEvents(2);
    const before = rows(core);
    const replace = core.db.prepare(
      "INSERT OR REPLACE INTO audit_events (id, at, actor_type, actor_name, action, target_type) VALUES (2, '2026-03-01T09:01:00.000Z', 'app', 'someone else', 'org.create', 'organization')",
    );
    expect(() => replace.run()).toThrow(/append-only: an event cannot be replaced, nor written before the newest one/);
    expect(() => core.db.prepare("REPLACE INTO audit_events (id, at, actor_type, actor_name, action, target_type) VALUES (1, '2026-03-01T09:00:00.000Z', 'app', 'x', 'y', 'z')").run()).toThrow(
      /cannot be replaced/,
    );
    expect(rows(core)).toEqual(before);
  });

  it('refuses an event dated before the last one, or slipped in before it, or written without its chain', async () => {
    const { core } = await withEvents(2);
    const before = rows(core);
    const hash = Buffer.alloc(32, 1);
    const insert = (id: number | null, at: string, version = 1) =>
      core.db
        .prepare('INSERT INTO audit_events (id, at, actor_type, actor_name, action, target_type, chain_version, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, at, 'app', 'forger', 'org.create', 'organization', version, version === 1 ? hash : null, version === 1 ? hash : null);
    expect(() => insert(null, '2026-02-01T00:00:00.000Z')).toThrow(/cannot be dated before the newest one/);
    // Between the oldest event (09:00) and the newest (09:02): the newest is the one compared.
    expect(() => insert(null, '2026-03-01T09:01:30.000Z')).toThrow(/cannot be dated before the newest one/);
    expect(() => insert(-5, '2026-03-02T00:00:00.000Z')).toThrow(/nor written before the newest one/);
    expect(() => insert(null, '2026-03-02T00:00:00.000Z', 0)).toThrow(/must be chained/);
    expect(rows(core)).toEqual(before);
  });
});

describe('event times never run backwards', () => {
  it('gives an event written after the clock was set back the time of the event before it, and never refuses the write', async () => {
    const { core, clock } = await withEvents(1);
    const last = core.services.audit.list().at(-1)!;
    expect(last.at).toBe('2026-03-01T09:01:00.000Z');
    clock.advance(-3_600_000); // 08:01, an hour before the last event
    const created = await core.invoke('orgs:create', { name: 'After the clock went back' });
    expect(created.ok).toBe(true);
    expect(core.services.audit.list().at(-1)).toMatchObject({ action: 'org.create', targetLabel: 'After the clock went back', at: '2026-03-01T09:01:00.000Z' });
    clock.advance(3 * 3_600_000);
    expect((await core.invoke('orgs:create', { name: 'Later' })).ok).toBe(true);
    expect(core.services.audit.list().at(-1)!.at).toBe('2026-03-01T11:01:00.000Z');
    expect(await verify(core)).toMatchObject({ whole: true, checked: 4 });
  });
});

describe('verifying the chain', () => {
  it('finds the chain whole, naming the newest event and its hash', async () => {
    const { core } = await withEvents();
    const result = await verify(core);
    expect(result).toMatchObject({ whole: true, checked: 11, preChain: 0, anchor: null, broken: null, last: { eventId: 11, at: '2026-03-01T09:10:00.000Z' } });
    expect(result.last!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds an event edited with the triggers dropped, naming it, its time and what is wrong', async () => {
    const { core } = await withEvents();
    dropGuards(core);
    core.db.prepare("UPDATE audit_events SET actor_name = 'someone else' WHERE id = 6").run();
    expect(await verify(core)).toMatchObject({
      whole: false,
      checked: 5,
      broken: { eventId: 6, at: '2026-03-01T09:05:00.000Z', problem: expect.stringMatching(/changed after it was written/) },
    });
  });

  it('finds an edited time, and an edited before/after value', async () => {
    const { core } = await withEvents();
    dropGuards(core);
    core.db.prepare("UPDATE audit_events SET after = '{\"name\":\"Org 99\"}' WHERE id = 9").run();
    core.db.prepare("UPDATE audit_events SET at = '2026-03-01T09:03:30.000Z' WHERE id = 4").run();
    expect((await verify(core)).broken).toMatchObject({ eventId: 4, problem: expect.stringMatching(/changed after it was written/) });
  });

  it('finds an event deleted from the middle', async () => {
    const { core } = await withEvents();
    dropGuards(core);
    core.db.prepare('DELETE FROM audit_events WHERE id = 5').run();
    expect(await verify(core)).toMatchObject({
      whole: false,
      checked: 4,
      broken: { eventId: 6, at: '2026-03-01T09:05:00.000Z', problem: expect.stringMatching(/event #5 before it is missing/) },
    });
  });

  it('finds the first events deleted, and an event slipped in with its hash copied', async () => {
    const { core } = await withEvents();
    dropGuards(core);
    core.db.prepare('DELETE FROM audit_events WHERE id <= 2').run();
    expect((await verify(core)).broken).toMatchObject({ eventId: 3, problem: expect.stringMatching(/does not follow the start of the chain: events #1 to #2 before it are missing/) });

    const other = await withEvents(3);
    other.core.db.exec('DROP TRIGGER audit_events_insert_rules');
    other.core.db.prepare('INSERT INTO audit_events (id, at, actor_type, actor_name, action, target_type, chain_version, prev_hash, hash) SELECT 5, at, actor_type, actor_name, action, target_type, 1, hash, hash FROM audit_events WHERE id = 4').run();
    expect((await verify(other.core)).broken).toMatchObject({ eventId: 5, problem: expect.stringMatching(/changed after it was written/) });
  });

  it('reads a long log as a stream, verifying every event', async () => {
    const { core } = await withEvents(0);
    core.db.transaction(() => {
      for (let i = 0; i < 5000; i += 1) core.services.audit.record(new Date(Date.UTC(2026, 2, 2, 0, 0, 0, i)), TEST_ACTOR, { action: 'org.create', targetType: 'organization', targetId: i });
    })();
    expect(await verify(core)).toMatchObject({ whole: true, checked: 5001, last: { eventId: 5001 } });
  });
});

describe('the chain across the retention prune', () => {
  async function pruned() {
    const clock = fixedClock('2026-01-01T00:00:00.000Z');
    const core = await coreWithEnterprise({ now: clock.now });
    expect((await core.invoke('settings:update', { auditRetentionDays: 30 })).ok).toBe(true);
    for (let day = 1; day <= 40; day += 1) {
      clock.advance(DAY_MS);
      expect((await core.invoke('orgs:create', { name: `Day ${day}` })).ok).toBe(true);
    }
    const result = pruneAudit({ db: core.db, audit: core.services.audit, settings: core.services.settings, now: clock.now });
    expect(result.deleted).toBeGreaterThan(0);
    return { core, result };
  }

  it('keeps the hash of the last event pruned, so the chain is still whole after whole days go', async () => {
    const { core } = await pruned();
    const first = core.services.audit.list()[0]!;
    const verification = await verify(core);
    expect(verification).toMatchObject({ whole: true, anchor: { eventId: first.id - 1 } });
    expect(verification.checked).toBe(core.services.audit.list().length);
  });

  it('still finds an edit, or the first kept events deleted, after a prune', async () => {
    const edited = await pruned();
    dropGuards(edited.core);
    const kept = edited.core.services.audit.list();
    edited.core.db.prepare("UPDATE audit_events SET target_label = 'Day 0' WHERE id = ?").run(kept[3]!.id);
    expect((await verify(edited.core)).broken).toMatchObject({ eventId: kept[3]!.id, problem: expect.stringMatching(/changed after it was written/) });

    const cut = await pruned();
    dropGuards(cut.core);
    const first = cut.core.services.audit.list()[0]!;
    cut.core.db.prepare('DELETE FROM audit_events WHERE id = ?').run(first.id);
    expect((await verify(cut.core)).broken).toMatchObject({ eventId: first.id + 1, problem: expect.stringMatching(/missing/) });
  });

  it('refuses to move the anchor but for the prune', async () => {
    const { core } = await pruned();
    expect(() => core.db.prepare('UPDATE audit_chain_anchor SET event_id = 1').run()).toThrow(/moved only by the retention prune/);
    expect(() => core.db.prepare('DELETE FROM audit_chain_anchor').run()).toThrow(/moved only by the retention prune/);
    expect(() => core.db.prepare('INSERT OR REPLACE INTO audit_chain_anchor (id) VALUES (1)').run()).toThrow(/moved only by the retention prune/);
  });
});
