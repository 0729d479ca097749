import { describe, expect, it } from 'vitest';
import type { Actor } from '@shared/schemas/audit';
import { createDomainRepository } from '../domains/repository';
import { domainsCore, verifiedDomain } from '../domains/test-support/setup';
import { createOidcBinding, type OidcIdentity } from './oidc-binding';
import { createAdminRepository } from './repository';
import { createAdminService } from './service';

const CLI: Actor = { type: 'cli', name: 'root' };
const ISSUER = 'https://acme.okta.example';

/** An enterprise whose acme.example is a verified domain (by a real DNS lookup of its record), with two admins. */
async function setup() {
  const { core, clock, dns } = await domainsCore();
  await verifiedDomain(core, dns, 'acme.example');
  const repository = createAdminRepository(core.db);
  const admins = createAdminService({ db: core.db, admins: repository, audit: core.services.audit, now: clock.now });
  for (const email of ['Ana@northwind.example', 'bo@acme.example']) {
    const added = admins.add({ email, role: 'owner' }, CLI);
    if (!added.ok) throw new Error(added.error.message);
  }
  const domains = createDomainRepository(core.db);
  const binding = createOidcBinding({
    db: core.db,
    admins: repository,
    audit: core.services.audit,
    onVerifiedDomain: (domain) => domains.verifiedCovering(domain) !== null,
    now: clock.now,
  });
  const identity = (subject: string, email: string | null, emailVerified: boolean | null, issuer = ISSUER): OidcIdentity => ({ issuer, subject, email, emailVerified });
  const boundTo = (email: string) => core.db.prepare('SELECT oidc_issuer AS issuer, oidc_subject AS subject FROM admins WHERE email = ? AND removed_at IS NULL').get(email);
  const events = (action: string) => core.services.audit.list().filter((event) => event.action === action);
  return { core, admins, binding, identity, boundTo, events };
}

describe('the binding rule for signing in with the identity provider', () => {
  it('binds the admin a verified email claim names, ignoring case, and audits the binding', async () => {
    const { binding, identity, boundTo, events } = await setup();
    const signedIn = binding.signIn(identity('00u1', 'ana@NORTHWIND.example', true));
    expect(signedIn).toMatchObject({ ok: true, bound: true, admin: { email: 'Ana@northwind.example' } });
    expect(boundTo('Ana@northwind.example')).toEqual({ issuer: ISSUER, subject: '00u1' });
    expect(events('admin.bind')).toMatchObject([
      { actor: { type: 'app', admin: 'Ana@northwind.example' }, targetLabel: 'Ana@northwind.example', subject: 'ana@northwind.example', after: { issuer: ISSUER, subject: '00u1', verifiedBy: 'email_verified' } },
    ]);
  });

  it('signs in a bound admin by issuer and subject afterwards, whatever the email claim says now', async () => {
    const { binding, identity, events } = await setup();
    binding.signIn(identity('00u1', 'ana@northwind.example', true));
    // The claim changed to another admin's address, unverified: the binding decides, not the claim.
    expect(binding.signIn(identity('00u1', 'bo@acme.example', false))).toMatchObject({ ok: true, bound: false, admin: { email: 'Ana@northwind.example' } });
    expect(binding.signIn(identity('00u1', null, null))).toMatchObject({ ok: true, bound: false, admin: { email: 'Ana@northwind.example' } });
    expect(events('admin.bind')).toHaveLength(1);
  });

  it('refuses an address that is no admin, and creates no admin', async () => {
    const { admins, binding, identity, events } = await setup();
    expect(binding.signIn(identity('00u9', 'eve@acme.example', true))).toEqual({ ok: false, reason: 'unknown_admin', detail: 'eve@acme.example is not an admin', adminId: null });
    expect(binding.signIn(identity('00u9', null, true))).toMatchObject({ ok: false, reason: 'unknown_admin', detail: 'the identity provider sent no email claim' });
    expect(binding.signIn(identity('00u9', 'not an address', true))).toMatchObject({ ok: false, reason: 'unknown_admin' });
    expect(admins.list().map((admin) => admin.email)).toEqual(['Ana@northwind.example', 'bo@acme.example']);
    expect(events('admin.bind')).toEqual([]);
  });

  it('refuses an unverified email claim, unless its domain is one of the enterprise verified domains', async () => {
    const { binding, identity, boundTo, events } = await setup();
    expect(binding.signIn(identity('00u1', 'ana@northwind.example', false))).toMatchObject({ ok: false, reason: 'unverified_email', adminId: expect.any(Number) });
    expect(binding.signIn(identity('00u1', 'ana@northwind.example', null))).toMatchObject({ ok: false, reason: 'unverified_email' });
    expect(boundTo('Ana@northwind.example')).toEqual({ issuer: null, subject: null });
    // acme.example is verified by DNS: an address on it is the enterprise's, whatever the provider says of it.
    expect(binding.signIn(identity('00u2', 'bo@acme.example', null))).toMatchObject({ ok: true, bound: true, admin: { email: 'bo@acme.example' } });
    expect(events('admin.bind')).toMatchObject([{ after: { verifiedBy: 'domain' } }]);
  });

  it('refuses a second account of the same provider for an admin already bound, but lets another provider rebind them', async () => {
    const { binding, identity, boundTo } = await setup();
    binding.signIn(identity('00u1', 'ana@northwind.example', true));
    expect(binding.signIn(identity('00u7', 'ana@northwind.example', true))).toMatchObject({
      ok: false,
      reason: 'unknown_admin',
      detail: 'Ana@northwind.example is bound to another account of this identity provider',
    });
    expect(boundTo('Ana@northwind.example')).toEqual({ issuer: ISSUER, subject: '00u1' });
    // The enterprise moved to another provider: the first sign-in there binds anew.
    expect(binding.signIn(identity('abc', 'ana@northwind.example', true, 'https://login.microsoftonline.example/t/v2.0'))).toMatchObject({ ok: true, bound: true });
    expect(boundTo('Ana@northwind.example')).toEqual({ issuer: 'https://login.microsoftonline.example/t/v2.0', subject: 'abc' });
  });

  it('never signs in a removed admin, and binds an admin added again afresh', async () => {
    const { admins, binding, identity, boundTo } = await setup();
    binding.signIn(identity('00u2', 'bo@acme.example', true));
    expect(admins.remove('bo@acme.example', CLI).ok).toBe(true);
    expect(binding.signIn(identity('00u2', 'bo@acme.example', true))).toMatchObject({ ok: false, reason: 'unknown_admin', detail: 'bo@acme.example is not an admin' });
    expect(admins.add({ email: 'bo@acme.example', role: 'auditor' }, CLI).ok).toBe(true);
    expect(binding.signIn(identity('00u2', 'bo@acme.example', true))).toMatchObject({ ok: true, bound: true, admin: { role: 'auditor' } });
    expect(boundTo('bo@acme.example')).toEqual({ issuer: ISSUER, subject: '00u2' });
  });
});
