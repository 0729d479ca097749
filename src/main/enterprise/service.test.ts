import { describe, expect, it } from 'vitest';
import { createAuditRepository } from '../audit/repository';
import { fixedClock, TEST_ACTOR, testCore } from '../test-support/temp-db';

describe('setting up the enterprise', () => {
  it('creates it once, with its name and seats, and audits it', async () => {
    const clock = fixedClock('2026-01-05T08:00:00.000Z');
    const core = testCore({ now: clock.now });
    expect(await core.invoke('enterprise:get')).toEqual({ ok: true, value: null });
    const created = await core.invoke('enterprise:create', { name: ' Northwind Traders ', seats: 250 });
    const expected = { name: 'Northwind Traders', seats: 250, createdAt: '2026-01-05T08:00:00.000Z', updatedAt: '2026-01-05T08:00:00.000Z' };
    expect(created).toEqual({ ok: true, value: expected });
    expect(await core.invoke('enterprise:get')).toEqual({ ok: true, value: expected });
    expect(createAuditRepository(core.db).list()).toMatchObject([
      { action: 'enterprise.create', actor: TEST_ACTOR, after: { name: 'Northwind Traders', seats: 250 } },
    ]);
  });

  it('refuses a second enterprise in the same database, naming the one there', async () => {
    const core = testCore();
    await core.invoke('enterprise:create', { name: 'Northwind', seats: 10 });
    const second = await core.invoke('enterprise:create', { name: 'Contoso', seats: 10 });
    expect(second).toMatchObject({ ok: false, error: { code: 'ENTERPRISE_EXISTS', message: expect.stringMatching(/"Northwind"/) } });
    expect(await core.invoke('enterprise:get')).toMatchObject({ value: { name: 'Northwind', seats: 10 } });
  });

  it.each([
    [0, 'Seat count must be at least 1'],
    [-5, 'Seat count must be at least 1'],
    [2.5, 'Seat count must be a whole number'],
    [10_000_001, 'Seat count must be at most 10,000,000'],
    ['50', 'Seat count must be a whole number'],
  ])('refuses %s seats: "%s"', async (seats, message) => {
    const core = testCore();
    const result = await core.dispatch('enterprise:create', { name: 'Northwind', seats });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'seats', message }] } });
    expect(await core.invoke('enterprise:get')).toEqual({ ok: true, value: null });
  });

  it('takes the edges: 1 seat and 10,000,000 seats (a million members and their invitations need more than a million)', async () => {
    expect((await testCore().invoke('enterprise:create', { name: 'Tiny', seats: 1 })).ok).toBe(true);
    expect((await testCore().invoke('enterprise:create', { name: 'Huge', seats: 10_000_000 })).ok).toBe(true);
  });
});
