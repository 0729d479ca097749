import { describe, expect, it } from 'vitest';
import type { Actor } from '@shared/schemas/audit';
import { coreWithEnterprise, fixedClock } from '../test-support/temp-db';
import type { AuditChange } from './repository';

const SCIM: Actor = { type: 'scim', name: 'Okta' };
const changes: AuditChange[] = ['ana', 'bo', 'cy'].map((name, index) => ({
  action: 'team.member.add',
  targetType: 'team',
  targetId: 4,
  targetLabel: 'Platform',
  after: { accountId: index + 10, email: `${name}@acme.example` },
}));

const newCore = () => coreWithEnterprise({ now: fixedClock('2026-03-01T09:00:00.000Z').now });
const rows = (core: Awaited<ReturnType<typeof newCore>>) => core.db.prepare('SELECT * FROM audit_events ORDER BY id').all();

describe('audit recordMany', () => {
  it('writes the same rows, hashes included, as one record() a change', async () => {
    const one = await newCore();
    const many = await newCore();
    const at = new Date('2026-03-01T10:00:00.000Z');
    for (const change of changes) one.services.audit.record(at, SCIM, change);
    many.services.audit.recordMany(at, SCIM, changes);
    expect(rows(many)).toEqual(rows(one));
    expect(many.services.audit.verify().whole).toBe(true);
  });

  it('writes many in statements of several rows, the chain unbroken across them', async () => {
    const one = await newCore();
    const many = await newCore();
    const at = new Date('2026-03-01T10:00:00.000Z');
    const lots = Array.from({ length: 123 }, (_, index): AuditChange => ({ ...changes[index % 3]!, after: { accountId: index, email: `p${index}@acme.example` } }));
    for (const change of lots) one.services.audit.record(at, SCIM, change);
    many.services.audit.recordMany(at, SCIM, lots);
    expect(rows(many)).toEqual(rows(one));
    expect(many.services.audit.verify()).toMatchObject({ whole: true, broken: null });
  });

  it('never dates an event before the newest one, when the clock was set back', async () => {
    const core = await newCore();
    core.services.audit.record(new Date('2026-03-02T00:00:00.000Z'), SCIM, changes[0]!);
    core.services.audit.recordMany(new Date('2026-03-01T00:00:00.000Z'), SCIM, changes.slice(1));
    expect(core.db.prepare("SELECT at FROM audit_events WHERE action = 'team.member.add' ORDER BY id").pluck().all()).toEqual(Array(3).fill('2026-03-02T00:00:00.000Z'));
    expect(core.services.audit.verify().whole).toBe(true);
  });

  it('writes nothing when a change in it is refused, inside a write of its own', async () => {
    const core = await newCore();
    const before = rows(core);
    const bad = { ...changes[1]!, targetType: undefined as unknown as string };
    expect(() => core.services.audit.recordMany(new Date('2026-03-01T10:00:00.000Z'), SCIM, [changes[0]!, bad])).toThrow();
    expect(rows(core)).toEqual(before);
  });
});
