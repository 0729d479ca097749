import { describe, expect, it } from 'vitest';
import { coreWithEnterprise, fixedClock, TEST_ACTOR } from '../test-support/temp-db';
import { AUDIT_CSV_HEADER, auditCsv } from './export';

describe('the audit log as CSV', () => {
  it('writes the header and one row per event, oldest first, quoting JSON and neutralising formulas', async () => {
    const core = await coreWithEnterprise({ now: fixedClock('2026-03-01T09:00:00.000Z').now });
    core.services.audit.record(new Date('2026-03-01T10:00:00.000Z'), { type: 'scim', name: '+Okta' }, {
      action: 'org.rename',
      targetType: 'organization',
      targetId: 4,
      targetLabel: '=cmd|"/c calc"!A1',
      before: { name: 'Old, "quoted"' },
      after: { name: '=cmd' },
    });
    core.services.audit.record(new Date('2026-03-01T11:00:00.000Z'), TEST_ACTOR, { action: 'org.remove', targetType: 'organization', targetId: 4, targetLabel: '@SUM(1)' });
    const csv = auditCsv(core.services.audit, { target: '' }, { bom: false, now: new Date('2026-03-02T00:00:00Z') });
    expect(csv.fileName).toBe('roster-audit-2026-03-02.csv');
    expect(csv.rows).toBe(3);
    const lines = csv.content.split('\r\n');
    expect(lines[0]).toBe('Time,Actor type,Actor,Action,Target type,Target,Target id,Before,After');
    expect(lines[1]).toMatch(/^2026-03-01T09:00:00\.000Z,app,test admin,enterprise\.create,enterprise,Northwind,/);
    expect(lines[2]).toBe(`2026-03-01T10:00:00.000Z,scim,'+Okta,org.rename,organization,"'=cmd|""/c calc""!A1",4,"{""name"":""Old, \\""quoted\\""""}","{""name"":""=cmd""}"`);
    expect(lines[3]).toBe("2026-03-01T11:00:00.000Z,app,test admin,org.remove,organization,'@SUM(1),4,,");
    expect(lines[4]).toBe('');
    expect(lines).toHaveLength(5);
  });

  it('starts with a byte-order mark when asked, and holds only the header when nothing matches', async () => {
    const core = await coreWithEnterprise();
    const csv = auditCsv(core.services.audit, { target: '', actorType: 'import' }, { bom: true, now: new Date() });
    expect(csv.content).toBe(`\uFEFF${AUDIT_CSV_HEADER.join(',')}\r\n`);
    expect(csv.rows).toBe(0);
  });

  it('reads a long log a thousand rows at a time, in order, every row once', async () => {
    const core = await coreWithEnterprise({ now: fixedClock('2026-03-01T09:00:00.000Z').now });
    core.db.transaction(() => {
      for (let i = 0; i < 2500; i += 1) core.services.audit.record(new Date(Date.UTC(2026, 2, 1, 10, 0, 0, i)), TEST_ACTOR, { action: 'org.create', targetType: 'organization', targetId: i });
    })();
    const chunks = [...core.services.audit.chunks({ target: '', action: 'org.create' })];
    expect(chunks.map((chunk) => chunk.length)).toEqual([1000, 1000, 500]);
    expect(chunks.flat().map((event) => Number(event.targetId))).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    const csv = auditCsv(core.services.audit, { target: '', action: 'org.' }, { bom: false, now: new Date() });
    expect(csv.rows).toBe(2500);
    expect(csv.content.split('\r\n')).toHaveLength(2502);
  });

  it('is delivered for the current filter through audit:export (a download in browser mode and the CLI host)', async () => {
    const core = await coreWithEnterprise({ now: fixedClock('2026-03-01T09:00:00.000Z').now });
    expect((await core.invoke('orgs:create', { name: 'Research' })).ok).toBe(true);
    const result = await core.invoke('audit:export', { filter: { action: 'org.' } });
    expect(result.ok && result.value.kind).toBe('download');
    if (!result.ok || result.value.kind !== 'download') return;
    expect(result.value).toMatchObject({ fileName: 'roster-audit-2026-03-01.csv', mimeType: 'text/csv' });
    const lines = result.value.content.split('\r\n');
    expect(lines[0]).toBe(`\uFEFF${AUDIT_CSV_HEADER.join(',')}`);
    expect(lines.slice(1, -1)).toHaveLength(1);
    expect(lines[1]).toMatch(/,org\.create,organization,Research,1,,/);
  });
});
