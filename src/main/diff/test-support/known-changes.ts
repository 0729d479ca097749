import path from 'node:path';
import { verifiedDomain, domainsCore } from '../../domains/test-support/setup';
import { addMembers, DAY_MS, value } from '../../test-support/seats-helpers';
import { tempDir } from '../../test-support/temp-db';

/**
 * Two copies of one store (`VACUUM INTO`, as a backup is made) around known
 * changes made through the services, and the live store after them:
 *
 * OLD: 10 seats; ana, bo, cy; Engineering and Product; team Dev (member, linked
 * to Engineering: ana, bo), team QA (cy); bo admin of Product and cy member of
 * Engineering directly; invitations to dee (naming Product), eve, fay; acme.com
 * verified, capture off; SCIM tokens okta and legacy.
 *
 * Then: cy removed; gus added and put in the new team Ops; dee's invitation
 * accepted; fay's revoked; ana's seat taken over by the identity provider;
 * Dev made admin and linked to Product; QA renamed Quality; organization Sales
 * created; capture on; 12 seats; legacy revoked; 31 days later (eve's invitation
 * expired) hal invited and token entra created.
 */
export async function knownChanges() {
  const { core, clock, dns } = await domainsCore(10);
  const engineering = value(await core.invoke('orgs:create', { name: 'Engineering' }));
  const product = value(await core.invoke('orgs:create', { name: 'Product' }));
  const [ana, bo, cy] = await addMembers(core, 'ana@acme.com', 'bo@acme.com', 'cy@acme.com');
  const dev = value(await core.invoke('teams:create', { name: 'Dev' }));
  const qa = value(await core.invoke('teams:create', { name: 'QA' }));
  value(await core.invoke('teams:addMembers', { teamId: dev.id, accountIds: [ana!.accountId, bo!.accountId] }));
  value(await core.invoke('teams:addMembers', { teamId: qa.id, accountIds: [cy!.accountId] }));
  value(await core.invoke('teams:link', { teamId: dev.id, orgIds: [engineering.id] }));
  value(await core.invoke('orgs:addMembers', { orgId: product.id, accountIds: [bo!.accountId], role: 'admin' }));
  value(await core.invoke('orgs:addMembers', { orgId: engineering.id, accountIds: [cy!.accountId], role: 'member' }));
  const dee = value(await core.invoke('invitations:create', { email: 'dee@acme.com', orgIds: [product.id] }));
  value(await core.invoke('invitations:create', { email: 'eve@acme.com', orgIds: [product.id] }));
  const fay = value(await core.invoke('invitations:create', { email: 'fay@acme.com', orgIds: [product.id] }));
  const domain = await verifiedDomain(core, dns, 'acme.com');
  value(await core.invoke('scim:createToken', { name: 'okta' }));
  const legacy = value(await core.invoke('scim:createToken', { name: 'legacy' }));

  const dir = tempDir();
  const oldFile = path.join(dir, 'q1.roster');
  const newFile = path.join(dir, 'q2.roster');
  core.db.prepare('VACUUM INTO ?').run(oldFile);

  clock.advance(60_000);
  value(await core.invoke('members:remove', { accountId: cy!.accountId }));
  const [gus] = await addMembers(core, 'gus@acme.com');
  const ops = value(await core.invoke('teams:create', { name: 'Ops' }));
  value(await core.invoke('teams:addMembers', { teamId: ops.id, accountIds: [gus!.accountId] }));
  value(await core.invoke('invitations:accept', { id: dee.id }));
  value(await core.invoke('invitations:revoke', { id: fay.id }));
  // The identity provider taking over an existing member needs a SCIM server; its effect on the seat is this.
  core.db.prepare("UPDATE members SET source = 'scim' WHERE account_id = ?").run(ana!.accountId);
  value(await core.invoke('teams:setRole', { id: dev.id, role: 'admin' }));
  value(await core.invoke('teams:link', { teamId: dev.id, orgIds: [product.id] }));
  value(await core.invoke('teams:rename', { id: qa.id, name: 'Quality' }));
  value(await core.invoke('orgs:create', { name: 'Sales' }));
  value(await core.invoke('domains:setCapture', { id: domain.id, on: true }));
  value(await core.invoke('seats:set', { seats: 12 }));
  value(await core.invoke('scim:revokeToken', { id: legacy.token.id }));
  clock.advance(31 * DAY_MS);
  value(await core.invoke('invitations:create', { email: 'hal@acme.com' }));
  value(await core.invoke('scim:createToken', { name: 'entra' }));
  core.db.prepare('VACUUM INTO ?').run(newFile);
  return { core, clock, oldFile, newFile, liveFile: core.db.name, dir };
}
