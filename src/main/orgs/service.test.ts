import { describe, expect, it } from 'vitest';
import { createAuditRepository } from '../audit/repository';
import { addMembers, value } from '../test-support/seats-helpers';
import { coreWithEnterprise, fixedClock, TEST_ACTOR, testCore } from '../test-support/temp-db';
import type { Core } from '../core';

function orgCount(core: Core): number {
  return (core.db.prepare('SELECT count(*) AS n FROM organizations').get() as { n: number }).n;
}

function auditCount(core: Core): number {
  return (core.db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
}

/** Runs a call that must be refused and checks that it changed nothing. */
async function expectRefused(core: Core, call: () => Promise<unknown>) {
  const before = { orgs: core.db.prepare('SELECT * FROM organizations ORDER BY id').all(), audit: auditCount(core) };
  const result = (await call()) as { ok: boolean; error?: { code: string; message: string; issues?: unknown } };
  expect(result.ok).toBe(false);
  expect(core.db.prepare('SELECT * FROM organizations ORDER BY id').all()).toEqual(before.orgs);
  expect(auditCount(core)).toBe(before.audit);
  return result.error!;
}

describe('creating an organization', () => {
  it('trims the name, stores it, and audits who made it and what it is', async () => {
    const clock = fixedClock('2026-03-01T09:00:00.000Z');
    const core = await coreWithEnterprise({ now: clock.now });
    const created = await core.invoke('orgs:create', { name: '  Engineering  ' });
    expect(created).toEqual({
      ok: true,
      value: { id: 1, name: 'Engineering', createdAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-01T09:00:00.000Z', version: 1 },
    });
    const events = createAuditRepository(core.db).list();
    expect(events.at(-1)).toMatchObject({
      at: '2026-03-01T09:00:00.000Z',
      actor: TEST_ACTOR,
      action: 'org.create',
      targetType: 'organization',
      targetId: '1',
      targetLabel: 'Engineering',
      before: null,
      after: { name: 'Engineering' },
    });
  });

  it('refuses an empty or blank name with a message for the name field', async () => {
    const core = await coreWithEnterprise();
    for (const name of ['', '   ']) {
      const error = await expectRefused(core, () => core.invoke('orgs:create', { name }));
      expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'name', message: 'Organization name is required' }] });
    }
  });

  it('takes exactly 100 characters, counted as a person counts them, and refuses 101', async () => {
    const core = await coreWithEnterprise();
    expect((await core.invoke('orgs:create', { name: 'a'.repeat(100) })).ok).toBe(true);
    expect((await core.invoke('orgs:create', { name: '🚀'.repeat(100) })).ok).toBe(true);
    const error = await expectRefused(core, () => core.invoke('orgs:create', { name: 'b'.repeat(101) }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('Organization name must be at most 100 characters (this one has 101) (name).');
  });

  it.each([
    ['Sales\nEMEA', /cannot contain control characters/],
    ['Sales\u0085EMEA', /cannot contain control characters/],
    ['Sales \u202Eaeme', /invisible text-direction controls/],
    ['\u200B\u200B', /at least one visible character/],
    ['\u00A0\u2003', /is required/],
  ])('refuses the name %j', async (name, message) => {
    const core = await coreWithEnterprise();
    const error = await expectRefused(core, () => core.invoke('orgs:create', { name }));
    expect(error.message).toMatch(message);
  });

  it('compares names without their invisible characters, and keeps emoji sequences whole', async () => {
    const core = await coreWithEnterprise();
    await core.invoke('orgs:create', { name: 'Engineering' });
    const error = await expectRefused(core, () => core.invoke('orgs:create', { name: 'Engi\u200Bneering' }));
    expect(error.code).toBe('CONFLICT');
    expect(await core.invoke('orgs:create', { name: 'Family 👨‍👩‍👧' })).toMatchObject({ ok: true, value: { name: 'Family 👨‍👩‍👧' } });
  });

  it('refuses a name already taken, ignoring case, and names the one that exists', async () => {
    const core = await coreWithEnterprise();
    await core.invoke('orgs:create', { name: 'Engineering' });
    await core.invoke('orgs:create', { name: 'Straße' });
    for (const name of ['engineering', 'ENGINEERING', 'Ｅｎｇｉｎｅｅｒｉｎｇ', 'STRASSE']) {
      const error = await expectRefused(core, () => core.invoke('orgs:create', { name }));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toMatch(/An organization named "(Engineering|Straße)" already exists/);
    }
  });

  it('refuses wrong types and extra fields, changing nothing', async () => {
    const core = await coreWithEnterprise();
    const dispatch = core.dispatch;
    for (const payload of [undefined, null, 42, { name: 42 }, { name: 'Ok', extra: true }, { name: 'Ok', __proto__: { admin: true } }]) {
      const error = await expectRefused(core, () => dispatch('orgs:create', payload));
      expect(error.code).toBe('INVALID_INPUT');
    }
  });

  it('needs an enterprise first', async () => {
    const core = testCore();
    const error = await expectRefused(core, () => core.invoke('orgs:create', { name: 'Engineering' }));
    expect(error).toMatchObject({ code: 'NO_ENTERPRISE' });
    expect((await core.invoke('orgs:list')).ok).toBe(false);
  });
});

describe('renaming an organization', () => {
  it('renames it and audits the name before and after', async () => {
    const clock = fixedClock();
    const core = await coreWithEnterprise({ now: clock.now });
    const { value: org } = (await core.invoke('orgs:create', { name: 'Sales' })) as { value: { id: number } };
    clock.advance(60_000);
    const renamed = await core.invoke('orgs:rename', { id: org.id, name: 'Sales EMEA' });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Sales EMEA', updatedAt: '2026-03-01T09:01:00.000Z' } });
    expect(createAuditRepository(core.db).list().at(-1)).toMatchObject({
      action: 'org.rename',
      before: { name: 'Sales' },
      after: { name: 'Sales EMEA' },
    });
  });

  it('lets an organization change only the case of its own name', async () => {
    const core = await coreWithEnterprise();
    const { value: org } = (await core.invoke('orgs:create', { name: 'acme labs' })) as { value: { id: number } };
    expect(await core.invoke('orgs:rename', { id: org.id, name: 'Acme Labs' })).toMatchObject({ ok: true, value: { name: 'Acme Labs' } });
  });

  it("refuses another organization's name, ignoring case", async () => {
    const core = await coreWithEnterprise();
    await core.invoke('orgs:create', { name: 'Product' });
    const { value: org } = (await core.invoke('orgs:create', { name: 'Design' })) as { value: { id: number } };
    const error = await expectRefused(core, () => core.invoke('orgs:rename', { id: org.id, name: 'PRODUCT' }));
    expect(error).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'name', message: '"Product" is already taken' }] });
  });

  it('changes nothing, and audits nothing, when the name is the same', async () => {
    const core = await coreWithEnterprise();
    const { value: org } = (await core.invoke('orgs:create', { name: 'Finance' })) as { value: { id: number } };
    const events = auditCount(core);
    expect((await core.invoke('orgs:rename', { id: org.id, name: ' Finance ' })).ok).toBe(true);
    expect(auditCount(core)).toBe(events);
  });

  it('says so when the organization is gone', async () => {
    const core = await coreWithEnterprise();
    const error = await expectRefused(core, () => core.invoke('orgs:rename', { id: 99, name: 'Anything' }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no organization with id 99/) });
  });
});

describe('deleting an organization', () => {
  it('deletes it and audits what it was', async () => {
    const core = await coreWithEnterprise();
    const { value: org } = (await core.invoke('orgs:create', { name: 'Legal' })) as { value: { id: number } };
    expect(await core.invoke('orgs:remove', { id: org.id })).toEqual({ ok: true, value: { id: org.id } });
    expect(orgCount(core)).toBe(0);
    expect(createAuditRepository(core.db).list().at(-1)).toMatchObject({
      action: 'org.remove',
      targetLabel: 'Legal',
      before: { name: 'Legal' },
      after: null,
    });
    const again = await expectRefused(core, () => core.invoke('orgs:remove', { id: org.id }));
    expect(again.code).toBe('NOT_FOUND');
  });

  it('keeps in its audit event who lost access with it: direct members, linked teams and pending invitations', async () => {
    const core = await coreWithEnterprise();
    const org = value(await core.invoke('orgs:create', { name: 'Legal' }));
    const [ana, bo] = await addMembers(core, 'ana@acme.com', 'bo@acme.com');
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [ana!.accountId], role: 'member' }));
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [bo!.accountId], role: 'owner' }));
    for (const name of ['Reviewers', 'Counsel']) {
      const team = value(await core.invoke('teams:create', { name }));
      value(await core.invoke('teams:link', { teamId: team.id, orgIds: [org.id] }));
    }
    value(await core.invoke('teams:link', { teamId: value(await core.invoke('teams:create', { name: 'Admins' })).id, allOrgs: true }));
    value(await core.invoke('invitations:create', { email: 'cy@acme.com', orgIds: [org.id] }));
    value(await core.invoke('orgs:remove', { id: org.id }));
    expect(createAuditRepository(core.db).list().at(-1)).toMatchObject({
      action: 'org.remove',
      targetLabel: 'Legal',
      before: {
        name: 'Legal',
        directMembers: { count: 2, first: [{ email: 'bo@acme.com', role: 'owner' }, { email: 'ana@acme.com', role: 'member' }] },
        linkedTeams: { count: 2, first: ['Counsel', 'Reviewers'] },
        pendingInvitations: { count: 1, first: ['cy@acme.com'] },
      },
      after: null,
    });
  });

  it('lists at most 50 of them in its audit event, and counts them all', async () => {
    const core = await coreWithEnterprise();
    value(await core.invoke('seats:set', { seats: 100 }));
    const org = value(await core.invoke('orgs:create', { name: 'Everyone' }));
    const people = await addMembers(core, ...Array.from({ length: 52 }, (_, i) => `p${String(i).padStart(2, '0')}@acme.com`));
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: people.map((person) => person.accountId), role: 'member' }));
    value(await core.invoke('orgs:remove', { id: org.id }));
    const { directMembers } = createAuditRepository(core.db).list().at(-1)!.before as { directMembers: { count: number; first: { email: string }[] } };
    expect(directMembers.count).toBe(52);
    expect(directMembers.first).toHaveLength(50);
    expect(directMembers.first[0]).toEqual({ email: 'p00@acme.com', role: 'member' });
  });
});

describe('listing organizations', () => {
  it('lists them by name, ignoring case', async () => {
    const core = await coreWithEnterprise();
    for (const name of ['beta', 'Alpha', 'gamma']) await core.invoke('orgs:create', { name });
    const listed = await core.invoke('orgs:list');
    expect(listed.ok && listed.value.map((org) => org.name)).toEqual(['Alpha', 'beta', 'gamma']);
  });
});

describe('change events', () => {
  it('announce a change to organizations after it is made, and nothing after a refusal', async () => {
    const core = await coreWithEnterprise();
    const seen: unknown[] = [];
    core.on('changed', (payload) => seen.push(payload));
    await core.invoke('orgs:create', { name: 'Support' });
    await core.invoke('orgs:create', { name: 'support' });
    await core.invoke('orgs:list');
    expect(seen).toEqual([{ areas: ['orgs'] }]);
  });
});

describe('the audit log', () => {
  it('refuses to have its events changed or deleted, even with SQL', async () => {
    const core = await coreWithEnterprise();
    expect(() => core.db.prepare("UPDATE audit_events SET actor_name = 'someone else'").run()).toThrow(/append-only/);
    expect(() => core.db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    expect(auditCount(core)).toBe(1);
  });
});
