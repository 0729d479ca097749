import { describe, expect, it } from 'vitest';
import type { Actor } from '@shared/schemas/audit';
import { coreWithEnterprise, fixedClock, TEST_ACTOR } from '../test-support/temp-db';
import type { Core } from '../core';

const APPEND_ONLY = /^The audit log is append-only/;
const SCIM: Actor = { type: 'scim', name: 'Okta' };
const CLI: Actor = { type: 'cli', name: 'ana' };

const rows = (core: Core) => core.db.prepare('SELECT * FROM audit_events ORDER BY id').all();
const gate = (core: Core) => core.db.prepare('SELECT open, keep_from AS keepFrom FROM audit_prune_gate').get();

/** A core with a few hand-recorded events, one a day from 2026-01-01 on, after enterprise.create (2025-12-31). */
async function withEvents() {
  const core = await coreWithEnterprise({ now: fixedClock('2025-12-31T09:00:00.000Z').now });
  const record = (day: string, actor: Actor, action: string, targetType: string, targetId: string | null, targetLabel: string | null) =>
    core.services.audit.record(new Date(`${day}T12:00:00.000Z`), actor, { action, targetType, targetId, targetLabel, before: { n: 1 }, after: { n: 2 } });
  record('2026-01-01', TEST_ACTOR, 'member.add', 'member', '7', 'ana@acme.com');
  record('2026-01-02', SCIM, 'member.remove', 'member', '7', 'ana@acme.com');
  record('2026-01-03', SCIM, 'team.member.add', 'team', '3', 'Developers');
  record('2026-01-04', CLI, 'org.create', 'organization', '1', 'Research_100%');
  record('2026-01-05', CLI, 'memberx.odd', 'member', '8', 'bo@acme.com');
  return core;
}

const list = async (core: Core, input: Parameters<Core['invoke']>[1] & object) => {
  const page = await core.invoke('audit:list', input as never);
  if (!page.ok) throw new Error(page.error.message);
  return page.value;
};

describe('the audit log is append-only in the database itself', () => {
  it('refuses a raw UPDATE with its message and changes nothing', async () => {
    const core = await withEvents();
    const before = rows(core);
    expect(() => core.db.prepare("UPDATE audit_events SET actor_name = 'someone else'").run()).toThrow(APPEND_ONLY);
    expect(() => core.db.prepare("UPDATE audit_events SET after = NULL WHERE action = 'org.create'").run()).toThrow(/an event cannot be changed/);
    expect(rows(core)).toEqual(before);
  });

  it('refuses a raw DELETE, even of one old event, and changes nothing', async () => {
    const core = await withEvents();
    const before = rows(core);
    expect(() => core.db.prepare('DELETE FROM audit_events').run()).toThrow(APPEND_ONLY);
    expect(() => core.db.prepare("DELETE FROM audit_events WHERE at < '2026-01-02'").run()).toThrow(/only the retention prune deletes events/);
    expect(rows(core)).toEqual(before);
  });

  it('lets a DELETE through only while the gate is open, and only for days before its cutoff', async () => {
    const core = await withEvents();
    const before = rows(core);
    core.db.exec('BEGIN');
    core.db.prepare("UPDATE audit_prune_gate SET open = 1, keep_from = '2026-01-02'").run();
    // The gate names 2026-01-02 as the first day kept: an event of that day still cannot go.
    expect(() => core.db.prepare("DELETE FROM audit_events WHERE at LIKE '2026-01-02%'").run()).toThrow(APPEND_ONLY);
    expect(core.db.prepare("DELETE FROM audit_events WHERE at < '2026-01-02'").run().changes).toBe(2);
    core.db.exec('ROLLBACK');
    expect(rows(core)).toEqual(before);

    // Without the gate's row, nothing can be deleted at all.
    core.db.prepare('DELETE FROM audit_prune_gate').run();
    expect(() => core.db.prepare("DELETE FROM audit_events WHERE at < '2026-01-02'").run()).toThrow(APPEND_ONLY);
    expect(rows(core)).toEqual(before);
  });

  it('deletes through the repository only inside the gate, closing it again', async () => {
    const core = await withEvents();
    const deleted = core.db.transaction(() => core.services.audit.deleteDaysBefore('2026-01-03'))();
    expect(deleted).toBe(3);
    expect(gate(core)).toEqual({ open: 0, keepFrom: null });
    expect(core.services.audit.list().map((event) => event.at.slice(0, 10))).not.toContain('2026-01-02');
  });
});

describe('listing and filtering the audit log', () => {
  it('pages newest first with the total', async () => {
    const core = await withEvents();
    const first = await list(core, { limit: 2 });
    expect(first.total).toBe(6);
    expect(first.rows.map((event) => event.action)).toEqual(['memberx.odd', 'org.create']);
    const second = await list(core, { offset: 2, limit: 2 });
    expect(second.rows.map((event) => event.action)).toEqual(['team.member.add', 'member.remove']);
    expect(second.rows[0]).toMatchObject({ actor: SCIM, targetType: 'team', targetId: '3', targetLabel: 'Developers', before: { n: 1 }, after: { n: 2 } });
  });

  it('filters by actor type and name', async () => {
    const core = await withEvents();
    expect((await list(core, { filter: { actorType: 'scim' } })).total).toBe(2);
    expect((await list(core, { filter: { actorType: 'cli', actorName: 'ana' } })).total).toBe(2);
    expect((await list(core, { filter: { actorType: 'cli', actorName: 'Ana' } })).total).toBe(0);
    expect((await list(core, { filter: { actorName: 'Okta' } })).rows.every((event) => event.actor.name === 'Okta')).toBe(true);
  });

  it('filters by exact action, or every action under a prefix ending in "."', async () => {
    const core = await withEvents();
    expect((await list(core, { filter: { action: 'member.add' } })).rows.map((event) => event.action)).toEqual(['member.add']);
    expect((await list(core, { filter: { action: 'member.' } })).rows.map((event) => event.action)).toEqual(['member.remove', 'member.add']);
    expect((await list(core, { filter: { action: 'team.' } })).total).toBe(1);
    expect((await list(core, { filter: { action: 'member' } })).total).toBe(0);
  });

  it('filters by target type and id, and searches labels and ids with % and _ taken literally', async () => {
    const core = await withEvents();
    expect((await list(core, { filter: { targetType: 'member', targetId: '7' } })).total).toBe(2);
    expect((await list(core, { filter: { target: 'ANA@' } })).total).toBe(2);
    expect((await list(core, { filter: { target: 'h_1' } })).total).toBe(1);
    expect((await list(core, { filter: { target: '100%' } })).rows.map((event) => event.targetLabel)).toEqual(['Research_100%']);
    expect((await list(core, { filter: { target: 'ch%1' } })).total).toBe(0);
  });

  it('filters by time: since included, until excluded, any zone', async () => {
    const core = await withEvents();
    const page = await list(core, { filter: { since: '2026-01-02T12:00:00Z', until: '2026-01-04T13:00:00+01:00' } });
    expect(page.rows.map((event) => event.at)).toEqual(['2026-01-03T12:00:00.000Z', '2026-01-02T12:00:00.000Z']);
  });

  it('refuses pages over 500 and times without a zone', async () => {
    const core = await withEvents();
    expect(await core.invoke('audit:list', { limit: 501 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.invoke('audit:list', { filter: { since: '2026-01-02' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('offers the actors, actions and target types there are for the filter menus', async () => {
    const core = await withEvents();
    const facets = await core.invoke('audit:facets');
    expect(facets).toEqual({
      ok: true,
      value: {
        actors: [TEST_ACTOR, CLI, SCIM],
        actions: ['enterprise.create', 'member.add', 'member.remove', 'memberx.odd', 'org.create', 'team.member.add'],
        targetTypes: ['enterprise', 'member', 'organization', 'team'],
        truncated: false,
      },
    });
  });
});
