import { describe, expect, it } from 'vitest';
import { value } from '../test-support/seats-helpers';
import { coreWithEnterprise, testCore } from '../test-support/temp-db';

describe('renaming the enterprise', () => {
  it('takes a new name, audits it, and changes nothing for the same name', async () => {
    const core = await coreWithEnterprise();
    expect(value(await core.invoke('enterprise:rename', { name: '  Northwind Traders  ' })).name).toBe('Northwind Traders');
    expect(value(await core.invoke('enterprise:get'))?.name).toBe('Northwind Traders');
    const audited = () => core.services.audit.list().filter((event) => event.action === 'enterprise.rename');
    expect(audited()).toMatchObject([{ targetLabel: 'Northwind Traders', before: { name: 'Northwind' }, after: { name: 'Northwind Traders' } }]);
    value(await core.invoke('enterprise:rename', { name: 'Northwind Traders' }));
    expect(audited()).toHaveLength(1);
  });

  it('refuses an empty or overlong name, naming the field, and a database with no enterprise', async () => {
    const core = await coreWithEnterprise();
    expect(await core.invoke('enterprise:rename', { name: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'name' }] } });
    expect(await core.invoke('enterprise:rename', { name: 'x'.repeat(101) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(value(await core.invoke('enterprise:get'))?.name).toBe('Northwind');
    expect(await testCore().invoke('enterprise:rename', { name: 'Acme' })).toMatchObject({ ok: false, error: { code: 'NO_ENTERPRISE' } });
  });
});
