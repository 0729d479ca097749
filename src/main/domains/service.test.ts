import { afterEach, describe, expect, it } from 'vitest';
import { createAuditRepository } from '../audit/repository';
import type { Core } from '../core';
import { startDnsServer } from '../test-support/dns-server';
import { snapshot, usage, value } from '../test-support/seats-helpers';
import { fixedClock, testCore } from '../test-support/temp-db';

let dns: Awaited<ReturnType<typeof startDnsServer>> | undefined;
afterEach(async () => {
  await dns?.close();
  dns = undefined;
});

async function setUp(seats = 10) {
  const clock = fixedClock('2026-03-01T09:00:00.000Z');
  const core = testCore({ now: clock.now, dnsTimeoutMs: 300 });
  value(await core.invoke('enterprise:create', { name: 'Acme', seats }));
  dns = await startDnsServer({});
  value(await core.invoke('settings:update', { dnsServers: [dns.address] }));
  return { core, clock, dns };
}

/** Adds a domain and publishes its record, so it verifies. */
async function verifiedDomain(core: Core, name: string) {
  const domain = value(await core.invoke('domains:add', { domain: name }));
  dns!.set(domain.record.name, { txt: [domain.record.value] });
  return value(await core.invoke('domains:verify', { id: domain.id }));
}

const IMPORT = { type: 'import' as const, name: 'events.ndjson' };

describe('adding a domain', () => {
  it('normalises it, gives it a token and says which TXT record to create', async () => {
    const { core } = await setUp();
    const domain = value(await core.invoke('domains:add', { domain: ' München.DE. ' }));
    expect(domain).toMatchObject({ domain: 'xn--mnchen-3ya.de', display: 'münchen.de', verified: false, capture: false, lock: false });
    expect(domain.record.name).toBe('_roster-challenge.xn--mnchen-3ya.de');
    expect(domain.record.value).toMatch(/^roster-verification=[a-z2-7]{20}$/);
  });

  it('refuses a public suffix, a malformed name and a domain already added, changing nothing', async () => {
    const { core } = await setUp();
    value(await core.invoke('domains:add', { domain: 'acme.com' }));
    const before = core.db.prepare('SELECT count(*) FROM domains').pluck().get();
    expect(await core.invoke('domains:add', { domain: 'co.uk' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/public suffix/) } });
    expect(await core.invoke('domains:add', { domain: 'not a domain' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.invoke('domains:add', { domain: 'ACME.com' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'acme.com is already one of the enterprise\'s domains.' } });
    expect(core.db.prepare('SELECT count(*) FROM domains').pluck().get()).toBe(before);
  });
});

describe('verifying a domain by DNS, against a real DNS server', () => {
  it('verifies it when the record is there, among others', async () => {
    const { core, dns } = await setUp();
    const domain = value(await core.invoke('domains:add', { domain: 'acme.com' }));
    dns.set(domain.record.name, { txt: ['v=spf1 -all', domain.record.value] });
    const verified = value(await core.invoke('domains:verify', { id: domain.id }));
    expect(verified).toMatchObject({ verified: true, verifiedBy: 'dns', verifiedAt: '2026-03-01T09:00:00.000Z' });
    expect(verified.lastCheck).toMatchObject({ outcome: 'verified', found: ['v=spf1 -all', domain.record.value], servers: [dns.address] });
    expect(dns.queries).toContain('_roster-challenge.acme.com');
  });

  it.each([
    ['no record', { txt: [] }, 'no_record', /exists, but has no TXT record/],
    ['a wrong token', { txt: ['roster-verification=somethingelse', 'v=spf1 -all'] }, 'wrong_record', /Found 2 TXT records .* but not roster-verification=.*: "roster-verification=somethingelse", "v=spf1 -all"/],
    ['NXDOMAIN', null, 'nxdomain', /does not exist in DNS \(NXDOMAIN\)/],
    ['SERVFAIL', { rcode: 'SERVFAIL' as const }, 'servfail', /failed to answer .* \(SERVFAIL\)/],
    ['a server that does not answer', { silent: true as const }, 'timeout', /No answer from the DNS server 127\.0\.0\.1:\d+ .* \(timeout\)/],
  ])('says exactly what it found with %s, and does not verify', async (_label, answer, outcome, message) => {
    const { core, dns } = await setUp();
    const domain = value(await core.invoke('domains:add', { domain: 'acme.com' }));
    if (answer) dns.set(domain.record.name, answer);
    const checked = value(await core.invoke('domains:verify', { id: domain.id }));
    expect(checked.verified).toBe(false);
    expect(checked.lastCheck).toMatchObject({ outcome, message: expect.stringMatching(message) });
  });

  it('verifies a subdomain by its verified parent\'s record', async () => {
    const { core } = await setUp();
    await verifiedDomain(core, 'acme.com');
    const sub = value(await core.invoke('domains:add', { domain: 'eu.acme.com' }));
    const checked = value(await core.invoke('domains:verify', { id: sub.id }));
    expect(checked).toMatchObject({ verified: true, verifiedBy: 'parent', lastCheck: { outcome: 'verified_by_parent', message: expect.stringMatching(/^Verified through acme.com/) } });
  });

  it('asks the servers given for this check instead of those in Settings', async () => {
    const { core } = await setUp();
    const other = await startDnsServer({});
    const domain = value(await core.invoke('domains:add', { domain: 'acme.com' }));
    other.set(domain.record.name, { txt: [domain.record.value] });
    expect(value(await core.invoke('domains:verify', { id: domain.id, servers: [other.address] })).verified).toBe(true);
    await other.close();
    expect(await core.invoke('domains:verify', { id: domain.id, servers: ['dns.google'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('notices a lost record at the next check: no longer verified, capture and lock off, audited', async () => {
    const { core, dns } = await setUp();
    const domain = await verifiedDomain(core, 'acme.com');
    value(await core.invoke('domains:setCapture', { id: domain.id, on: true }));
    value(await core.invoke('domains:setLock', { id: domain.id, on: true }));
    dns.set(domain.record.name, { txt: [] });
    const checked = value(await core.invoke('domains:verify', { id: domain.id }));
    expect(checked).toMatchObject({ verified: false, capture: false, lock: false });
    expect(checked.lastCheck!.message).toMatch(/no longer verified\. Domain capture and lock were switched off\.$/);
    expect(createAuditRepository(core.db).list().at(-1)).toMatchObject({ action: 'domain.unverify', before: { capture: true, lock: true } });
  });

  it.each([
    ['SERVFAIL', { rcode: 'SERVFAIL' as const }],
    ['no answer', { silent: true as const }],
  ])('keeps a verified domain verified when DNS fails (%s): a failed lookup is not a lost record', async (_label, answer) => {
    const { core, dns } = await setUp();
    const domain = await verifiedDomain(core, 'acme.com');
    value(await core.invoke('domains:setCapture', { id: domain.id, on: true }));
    const audited = createAuditRepository(core.db).list().length;
    dns.set(domain.record.name, answer);
    const checked = value(await core.invoke('domains:verify', { id: domain.id }));
    expect(checked).toMatchObject({ verified: true, capture: true, verifiedAt: domain.verifiedAt });
    expect(checked.lastCheck!.message).toMatch(/The domain stays verified: a failed lookup does not show the record is gone\.$/);
    expect(createAuditRepository(core.db).list()).toHaveLength(audited);
  });
});

describe('domain capture and lock', () => {
  it('can only be switched on for a verified domain', async () => {
    const { core } = await setUp();
    const domain = value(await core.invoke('domains:add', { domain: 'acme.com' }));
    expect(await core.invoke('domains:setCapture', { id: domain.id, on: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Domain capture needs a verified domain: verify acme.com by DNS first.' },
    });
    expect(await core.invoke('domains:setLock', { id: domain.id, on: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('makes a new account on the domain a member at once, by domain capture, in its default team', async () => {
    const { core } = await setUp();
    const domain = await verifiedDomain(core, 'acme.com');
    const team = value(await core.invoke('teams:create', { name: 'Everyone' }));
    value(await core.invoke('domains:setDefaultTeam', { id: domain.id, teamId: team.id }));
    value(await core.invoke('domains:setCapture', { id: domain.id, on: true }));
    const signup = value(core.services.members.recordSignup('ana@acme.com', 'Ana', IMPORT));
    expect(signup.captured).toBe('joined');
    expect(value(await core.invoke('members:find', { email: 'ana@acme.com' })).source).toBe('domain_capture');
    expect(value(await core.invoke('teams:get', { id: team.id })).memberCount).toBe(1);
    expect(value(core.services.members.recordSignup('bo@other.com', 'Bo', IMPORT)).captured).toBeNull();
    expect(value(core.services.members.recordSignup('cy@eu.acme.com', 'Cy', IMPORT)).captured).toBeNull();
  });

  it('takes subdomains too where the domain says so', async () => {
    const { core } = await setUp();
    const domain = await verifiedDomain(core, 'acme.com');
    value(await core.invoke('domains:setCapture', { id: domain.id, on: true }));
    value(await core.invoke('domains:setSubdomains', { id: domain.id, on: true }));
    expect(value(core.services.members.recordSignup('cy@eu.acme.com', 'Cy', IMPORT)).captured).toBe('joined');
  });

  it('with no seat free, does not join: the account waits, and joins when an admin confirms after a seat frees', async () => {
    const { core } = await setUp(1);
    const domain = await verifiedDomain(core, 'acme.com');
    value(await core.invoke('domains:setCapture', { id: domain.id, on: true }));
    const [first] = [value(await core.invoke('members:add', { email: 'boss@other.com' }))];
    const signup = value(core.services.members.recordSignup('ana@acme.com', 'Ana', IMPORT));
    expect(signup.captured).toBe('waiting');
    expect(await usage(core)).toMatchObject({ members: 1, free: 0 });
    const waiting = value(await core.invoke('domains:unmanaged', { waitingOnly: true }));
    expect(waiting.rows).toMatchObject([{ email: 'ana@acme.com', waitingSince: '2026-03-01T09:00:00.000Z' }]);
    expect(await core.invoke('domains:claim', { accountIds: [signup.account.id] })).toMatchObject({ ok: false, error: { code: 'NO_FREE_SEATS' } });
    value(await core.invoke('members:remove', { accountId: first!.accountId }));
    expect(value(await core.invoke('domains:claim', { accountIds: [signup.account.id] }))).toEqual({ claimed: 1 });
    expect(value(await core.invoke('domains:unmanaged', { waitingOnly: true })).total).toBe(0);
  });

  it('lock refuses a new account on the domain that is neither captured nor invited, and records the refusal', async () => {
    const { core } = await setUp();
    const domain = await verifiedDomain(core, 'acme.com');
    value(await core.invoke('domains:setLock', { id: domain.id, on: true }));
    const before = snapshot(core).accounts;
    expect(core.services.members.recordSignup('eve@acme.com', 'Eve', IMPORT)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'acme.com is locked: a new account there needs an invitation. eve@acme.com was not created.' },
    });
    expect(snapshot(core).accounts).toBe(before);
    expect(createAuditRepository(core.db).list().at(-1)).toMatchObject({ action: 'signup.refused', targetLabel: 'eve@acme.com' });

    value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    expect(value(core.services.members.recordSignup('ana@acme.com', 'Ana', IMPORT)).accepted).toBe(1);
  });

  it('lets capture win over lock', async () => {
    const { core } = await setUp();
    const domain = await verifiedDomain(core, 'acme.com');
    value(await core.invoke('domains:setLock', { id: domain.id, on: true }));
    value(await core.invoke('domains:setCapture', { id: domain.id, on: true }));
    expect(value(core.services.members.recordSignup('ana@acme.com', 'Ana', IMPORT)).captured).toBe('joined');
  });
});

describe('unmanaged accounts', () => {
  it('are accounts on a verified domain without a seat, per domain and across domains; they can be invited or claimed', async () => {
    const { core } = await setUp();
    const acme = await verifiedDomain(core, 'acme.com');
    const labs = await verifiedDomain(core, 'acmelabs.io');
    for (const email of ['ana@acme.com', 'bo@acme.com', 'cy@acmelabs.io', 'dee@gmail.com']) value(core.services.members.recordSignup(email, '', IMPORT));
    value(await core.invoke('members:add', { email: 'bo@acme.com' }));
    expect(value(await core.invoke('domains:unmanaged', {})).rows.map((row) => row.email)).toEqual(['ana@acme.com', 'cy@acmelabs.io']);
    expect(value(await core.invoke('domains:unmanaged', { domainId: labs.id })).rows.map((row) => row.email)).toEqual(['cy@acmelabs.io']);
    expect(value(await core.invoke('domains:list')).map((domain) => [domain.domain, domain.unmanagedCount])).toEqual([
      ['acme.com', 1],
      ['acmelabs.io', 1],
    ]);

    const ana = value(await core.invoke('domains:unmanaged', { domainId: acme.id })).rows[0]!;
    expect(value(await core.invoke('domains:invite', { accountIds: [ana.accountId] }))).toEqual({ invited: 1, alreadyInvited: 0 });
    expect(value(await core.invoke('domains:unmanaged', { domainId: acme.id })).rows[0]!.invitedUntil).toBe('2026-03-31T09:00:00.000Z');
    const cy = value(await core.invoke('domains:unmanaged', { domainId: labs.id })).rows[0]!;
    expect(value(await core.invoke('domains:claim', { accountIds: [cy.accountId] }))).toEqual({ claimed: 1 });
    expect(value(await core.invoke('members:find', { email: 'cy@acmelabs.io' })).source).toBe('domain_capture');
  });

  it('export to CSV: as a download in browser mode', async () => {
    const { core } = await setUp();
    await verifiedDomain(core, 'acme.com');
    value(core.services.members.recordSignup('ana@acme.com', '=HYPERLINK("x")', IMPORT));
    const result = value(await core.invoke('domains:exportUnmanaged', {}));
    expect(result).toMatchObject({ kind: 'download', fileName: 'roster-unmanaged-all-domains.csv', mimeType: 'text/csv' });
    const csv = (result as { content: string }).content;
    expect(csv.startsWith('\uFEFFEmail,Name,Domain,')).toBe(true);
    expect(csv).toContain('ana@acme.com,"\'=HYPERLINK(""x"")",acme.com,');
  });
});

describe('invite control', () => {
  it('sends invitations anywhere, to verified domains only, or to a list, refusing the others with the reason', async () => {
    const { core } = await setUp();
    await verifiedDomain(core, 'acme.com');
    value(await core.invoke('invitations:create', { email: 'x@gmail.com' }));
    value(await core.invoke('settings:update', { inviteControl: { mode: 'verified', domains: [] } }));
    expect(await core.invoke('invitations:create', { email: 'y@gmail.com' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Invitations go to verified domains only, and gmail.com is not one of them. An admin can change this in Settings.' },
    });
    value(await core.invoke('invitations:create', { email: 'ana@eu.acme.com' }));
    // What the new rule would refuse stays, flagged for the admin.
    const flags = value(await core.invoke('seats:list')).rows.map((row) => [row.email, row.outsideInvitePolicy]);
    expect(flags).toEqual([
      ['ana@eu.acme.com', false],
      ['x@gmail.com', true],
    ]);
    value(await core.invoke('settings:update', { inviteControl: { mode: 'list', domains: ['partner.org'] } }));
    expect(await core.invoke('invitations:create', { email: 'bo@acme.com' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    value(await core.invoke('invitations:create', { email: 'bo@partner.org' }));
  });

  it('keeps the list as domains are kept (lower case, punycode, once) and refuses an entry that is not a domain, changing nothing', async () => {
    const { core } = await setUp();
    const saved = value(await core.invoke('settings:update', { inviteControl: { mode: 'list', domains: ['München.de', 'xn--mnchen-3ya.de', 'Partner.ORG.'] } }));
    expect(saved.inviteControl.domains).toEqual(['xn--mnchen-3ya.de', 'partner.org']);
    value(await core.invoke('invitations:create', { email: 'ana@münchen.de' }));
    for (const bad of ['co.uk', 'not a domain']) {
      expect(await core.invoke('settings:update', { inviteControl: { mode: 'list', domains: ['acme.com', bad] } })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringContaining(`Invite control: "${bad}" cannot be listed`), issues: [{ path: 'inviteControl.domains.1' }] },
      });
    }
    expect(value(await core.invoke('settings:get')).inviteControl.domains).toEqual(['xn--mnchen-3ya.de', 'partner.org']);
  });
});
