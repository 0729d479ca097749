import { createAuditRepository } from '../audit/repository';
import type { Core } from '../core';
import { addMembers, value } from './seats-helpers';
import { coreWithEnterprise } from './temp-db';

/** An enterprise with two organizations (Engineering, Product) and two members (ana, bo). */
export async function setUp() {
  const core = await coreWithEnterprise();
  const engineering = value(await core.invoke('orgs:create', { name: 'Engineering' }));
  const product = value(await core.invoke('orgs:create', { name: 'Product' }));
  const [ana, bo] = await addMembers(core, 'ana@acme.com', 'bo@acme.com');
  return { core, engineering, product, ana: ana!, bo: bo! };
}

export function auditOf(core: Core, action: string) {
  return createAuditRepository(core.db).list().filter((event) => event.action === action);
}

export async function roleIn(core: Core, accountId: number, orgName: string) {
  const access = value(await core.invoke('access:member', { accountId }));
  return access.organizations.find((entry) => entry.org.name === orgName) ?? null;
}
