import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '@shared/time';
import { coreWithEnterprise, fixedClock, tempDir, TEST_ACTOR, testCore } from '../test-support/temp-db';
import type { Core } from '../core';
import { pruneAudit } from './retention';

const days = (core: Core) => core.services.audit.list().map((event) => `${event.at.slice(0, 10)} ${event.action}`);
const prune = (core: Core, now: Date) => pruneAudit({ db: core.db, audit: core.services.audit, settings: core.services.settings, now: () => now });

/** Events at the first and the last moment of each UTC day from 2026-01-25 to 2026-02-05. */
function recordDays(core: Core) {
  for (let day = Date.parse('2026-01-25T00:00:00Z'); day <= Date.parse('2026-02-05T00:00:00Z'); day += DAY_MS) {
    for (const at of [day, day + DAY_MS - 1]) core.services.audit.record(new Date(at), TEST_ACTOR, { action: 'org.rename', targetType: 'organization' });
  }
}

describe('audit retention', () => {
  it('keeps every event for ever by default', async () => {
    const core = await coreWithEnterprise({ now: fixedClock('2026-01-01T00:00:00Z').now });
    recordDays(core);
    const before = days(core);
    expect(core.services.settings.current().auditRetentionDays).toBeNull();
    expect(prune(core, new Date('2036-01-01T00:00:00Z'))).toEqual({ deleted: 0, keepFrom: null });
    expect(days(core)).toEqual(before);
  });

  it('is at least 30 days, or null for ever, and is audited when changed', async () => {
    const core = await coreWithEnterprise({ now: fixedClock('2026-01-01T00:00:00Z').now });
    expect(await core.invoke('settings:update', { auditRetentionDays: 29 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/at least 30 days/) } });
    expect(await core.invoke('settings:update', { auditRetentionDays: 30.5 })).toMatchObject({ ok: false });
    expect(await core.invoke('settings:update', { auditRetentionDays: 365 })).toMatchObject({ ok: true, value: { auditRetentionDays: 365 } });
    expect(await core.invoke('settings:update', { auditRetentionDays: null })).toMatchObject({ ok: true, value: { auditRetentionDays: null } });
    expect(core.services.audit.list().filter((event) => event.action === 'settings.update').map((event) => event.after)).toEqual([
      { auditRetentionDays: 365 },
      { auditRetentionDays: null },
    ]);
  });

  it('deletes whole UTC days older than N only, then records one audit.prune with how many and the cutoff', async () => {
    const core = await coreWithEnterprise({ now: fixedClock('2026-01-01T00:00:00Z').now });
    expect((await core.invoke('settings:update', { auditRetentionDays: 30 })).ok).toBe(true);
    recordDays(core);
    // 30 days before 2026-03-03T10:00Z is 2026-02-01: that day is kept whole, 2026-01-31 goes whole,
    // with the days before it: 7 days of 2 events, and the enterprise's creation and setting of 2026-01-01.
    const now = new Date('2026-03-03T10:00:00Z');
    expect(prune(core, now)).toEqual({ deleted: 16, keepFrom: '2026-02-01' });
    const kept = days(core);
    expect(kept[0]).toBe('2026-02-01 org.rename');
    expect(kept.filter((entry) => entry.startsWith('2026-02-01'))).toHaveLength(2);
    expect(kept.some((entry) => entry < '2026-02-01')).toBe(false);
    const last = core.services.audit.list().at(-1)!;
    expect(last).toMatchObject({
      at: now.toISOString(),
      actor: { type: 'system', name: 'Roster' },
      action: 'audit.prune',
      targetType: 'audit',
      targetLabel: 'before 2026-02-01',
      after: { deletedEvents: 16, keptFrom: '2026-02-01', retentionDays: 30 },
    });
    expect(core.db.prepare('SELECT open, keep_from AS keepFrom FROM audit_prune_gate').get()).toEqual({ open: 0, keepFrom: null });

    // Nothing more is old enough: no deletion, and no second audit.prune.
    expect(prune(core, now)).toEqual({ deleted: 0, keepFrom: '2026-02-01' });
    expect(core.services.audit.list().filter((event) => event.action === 'audit.prune')).toHaveLength(1);
  });

  it('runs when the store opens and when the setting is shortened', async () => {
    const databasePath = path.join(tempDir(), 'roster.db');
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const first = await coreWithEnterprise({ databasePath, now: clock.now });
    recordDays(first);
    clock.advance(60 * DAY_MS); // 2026-03-02
    expect((await first.invoke('settings:update', { auditRetentionDays: 365 })).ok).toBe(true);
    expect(days(first).filter((entry) => entry.includes('audit.prune'))).toEqual([]);
    // Shortened: the prune runs at once, keeping 2026-01-31 on.
    expect((await first.invoke('settings:update', { auditRetentionDays: 30 })).ok).toBe(true);
    expect(days(first).filter((entry) => entry.startsWith('2026-01-2'))).toEqual([]);
    expect(days(first).at(-1)).toBe('2026-03-02 audit.prune');
    first.close();

    // Opened 3 days later: 2026-01-31 .. 2026-02-02 go as the store opens.
    const reopened = testCore({ databasePath, now: () => new Date('2026-03-05T08:00:00Z') });
    const prunes = reopened.services.audit.list().filter((event) => event.action === 'audit.prune');
    expect(prunes.map((event) => event.after)).toEqual([
      { deletedEvents: 13, keptFrom: '2026-01-31', retentionDays: 30 },
      { deletedEvents: 6, keptFrom: '2026-02-03', retentionDays: 30 },
    ]);
  });
});
