import { describe, expect, it } from 'vitest';
import { createAuditRepository } from '../audit/repository';
import type { Core } from '../core';
import { value } from '../test-support/seats-helpers';
import { TEST_ACTOR } from '../test-support/temp-db';
import { domainsCore, verifiedDomain } from './test-support/setup';

const audited = (core: Core) => createAuditRepository(core.db).list();

describe('a check whose domain changed while DNS was asked', () => {
  it('saves nothing onto another domain that took the id of the one removed', async () => {
    const { core, dns } = await domainsCore();
    const acme = value(await core.invoke('domains:add', { domain: 'acme.com' }));
    dns.set(acme.record.name, { txt: [acme.record.value] });

    // The lookup is in flight; meanwhile (no await) the domain goes, and another takes its id.
    const checking = core.services.domains.verify(acme.id, TEST_ACTOR);
    value(core.services.domains.remove(acme.id, TEST_ACTOR));
    const other = value(core.services.domains.add('other.com', TEST_ACTOR));
    expect(other.id).toBe(acme.id);

    expect(await checking).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'acme.com was removed or changed while it was being checked; nothing was saved.' },
    });
    expect(value(await core.invoke('domains:get', { id: other.id }))).toMatchObject({ domain: 'other.com', verified: false, lastCheck: null });
    expect(audited(core).map((event) => event.action)).not.toContain('domain.verify');
  });

  it('saves nothing when the same domain was removed and added again, with a new token', async () => {
    const { core, dns } = await domainsCore();
    const first = value(await core.invoke('domains:add', { domain: 'acme.com' }));
    dns.set(first.record.name, { txt: [first.record.value] });

    const checking = core.services.domains.verify(first.id, TEST_ACTOR);
    value(core.services.domains.remove(first.id, TEST_ACTOR));
    const again = value(core.services.domains.add('acme.com', TEST_ACTOR));
    expect(again.id).toBe(first.id);
    expect(again.record.value).not.toBe(first.record.value);

    expect(await checking).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/^acme\.com was removed or changed while/) } });
    expect(value(await core.invoke('domains:get', { id: again.id }))).toMatchObject({ verified: false, lastCheck: null });
  });

  it('names an internationalised domain as people write it', async () => {
    const { core } = await domainsCore();
    const domain = value(await core.invoke('domains:add', { domain: 'münchen.de' }));
    const checking = core.services.domains.verify(domain.id, TEST_ACTOR);
    value(core.services.domains.remove(domain.id, TEST_ACTOR));
    expect(await checking).toMatchObject({ ok: false, error: { message: 'münchen.de was removed or changed while it was being checked; nothing was saved.' } });
  });
});

describe('a subdomain verified through its parent', () => {
  /** acme.com verified by its record; eu.acme.com, with no record of its own, verified through it. */
  async function viaParent() {
    const { core, dns } = await domainsCore();
    const parent = await verifiedDomain(core, dns, 'acme.com');
    const sub = value(await core.invoke('domains:add', { domain: 'eu.acme.com' }));
    expect(value(await core.invoke('domains:verify', { id: sub.id }))).toMatchObject({ verified: true, verifiedBy: 'parent' });
    value(await core.invoke('domains:setCapture', { id: sub.id, on: true }));
    return { core, dns, parent, sub };
  }

  it.each([
    ['does not answer', { silent: true as const }, 'timeout', /No answer from .* for _roster-challenge\.acme\.com \(timeout\)/],
    ['fails (SERVFAIL)', { rcode: 'SERVFAIL' as const }, 'servfail', /failed to answer for _roster-challenge\.acme\.com \(SERVFAIL\)/],
  ])('stays verified, capture on, when its own name does not exist and the parent\'s DNS %s', async (_label, answer, outcome, said) => {
    const { core, dns, parent, sub } = await viaParent();
    const events = audited(core).length;
    dns.set(parent.record.name, answer);
    const checked = value(await core.invoke('domains:verify', { id: sub.id }));
    expect(checked).toMatchObject({ verified: true, verifiedBy: 'parent', capture: true, verifiedAt: '2026-03-01T09:00:00.000Z' });
    expect(checked.lastCheck).toMatchObject({ outcome, servers: [dns.address] });
    expect(checked.lastCheck!.message).toMatch(/^_roster-challenge\.eu\.acme\.com does not exist in DNS \(NXDOMAIN\)\. .* Its parent acme\.com could not be checked: /);
    expect(checked.lastCheck!.message).toMatch(said);
    expect(checked.lastCheck!.message).toMatch(/The domain stays verified: a failed lookup does not show the record is gone\.$/);
    expect(audited(core)).toHaveLength(events);
  });

  it('loses its verification when DNS answers for both without a record', async () => {
    const { core, dns, parent, sub } = await viaParent();
    dns.set(parent.record.name, { txt: ['v=spf1 -all'] });
    const checked = value(await core.invoke('domains:verify', { id: sub.id }));
    expect(checked).toMatchObject({ verified: false, capture: false, lastCheck: { outcome: 'nxdomain' } });
    expect(checked.lastCheck!.message).toMatch(/The domain is no longer verified\. Domain capture was switched off\.$/);
  });

  it('is then verified by its own record: the way is updated and audited, the date it was first verified stays', async () => {
    const { core, dns, sub } = await viaParent();
    dns.set(sub.record.name, { txt: [sub.record.value] });
    const checked = value(await core.invoke('domains:verify', { id: sub.id }));
    expect(checked).toMatchObject({ verified: true, verifiedBy: 'dns', verifiedAt: '2026-03-01T09:00:00.000Z', lastCheck: { outcome: 'verified' } });
    expect(audited(core).at(-1)).toMatchObject({ action: 'domain.verify', targetLabel: 'eu.acme.com', before: { verifiedBy: 'parent' }, after: { verifiedBy: 'dns' } });
    // Checked again the same way: nothing more to record.
    const events = audited(core).length;
    value(await core.invoke('domains:verify', { id: sub.id }));
    expect(audited(core)).toHaveLength(events);
  });
});

describe('a lost record', () => {
  it.each([
    [{ capture: false, lock: true }, / The domain is no longer verified\. Domain lock was switched off\.$/],
    [{ capture: true, lock: false }, / The domain is no longer verified\. Domain capture was switched off\.$/],
    [{ capture: true, lock: true }, / The domain is no longer verified\. Domain capture and lock were switched off\.$/],
    [{ capture: false, lock: false }, / The domain is no longer verified\.$/],
  ])('names only the switches that were on (%o)', async (switches, said) => {
    const { core, dns } = await domainsCore();
    const domain = await verifiedDomain(core, dns, 'acme.com');
    if (switches.capture) value(await core.invoke('domains:setCapture', { id: domain.id, on: true }));
    if (switches.lock) value(await core.invoke('domains:setLock', { id: domain.id, on: true }));
    dns.set(domain.record.name, { txt: [] });
    expect(value(await core.invoke('domains:verify', { id: domain.id })).lastCheck!.message).toMatch(said);
  });
});
