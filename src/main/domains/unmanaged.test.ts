import { describe, expect, it } from 'vitest';
import { createAuditRepository } from '../audit/repository';
import type { Core } from '../core';
import { snapshot, usage, value } from '../test-support/seats-helpers';
import { IMPORT, domainsCore, verifiedDomain } from './test-support/setup';

const waitlist = (core: Core) => core.db.prepare('SELECT account_id FROM capture_waitlist').pluck().all();

/** One seat, held by someone else; acme.com captures; ana@acme.com signed up and waits for a seat. */
async function withWaiting() {
  const { core, dns } = await domainsCore(1);
  const acme = await verifiedDomain(core, dns, 'acme.com');
  value(await core.invoke('domains:setCapture', { id: acme.id, on: true }));
  const [boss] = [value(await core.invoke('members:add', { email: 'boss@other.com' }))];
  const ana = value(core.services.members.recordSignup('ana@acme.com', 'Ana', IMPORT));
  expect(ana.captured).toBe('waiting');
  expect(waitlist(core)).toEqual([ana.account.id]);
  value(await core.invoke('members:remove', { accountId: boss!.accountId }));
  return { core, acme, ana: ana.account };
}

describe('the waiting list', () => {
  it('loses an account an admin adds by hand', async () => {
    const { core, acme } = await withWaiting();
    expect(value(await core.invoke('members:add', { email: 'ana@acme.com' }))).toMatchObject({ source: 'manual' });
    expect(waitlist(core)).toEqual([]);
    expect(value(await core.invoke('domains:get', { id: acme.id }))).toMatchObject({ waitingCount: 0, unmanagedCount: 0 });
    expect(value(await core.invoke('domains:unmanaged', { waitingOnly: true })).total).toBe(0);
  });

  it('loses an account whose invitation is accepted', async () => {
    const { core } = await withWaiting();
    const invitation = value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    value(await core.invoke('invitations:accept', { id: invitation.id }));
    expect(waitlist(core)).toEqual([]);
  });
});

describe('an account on several verified domains (acme.com with its subdomains, and eu.acme.com)', () => {
  async function twoDomains() {
    const { core, dns } = await domainsCore(1);
    const acme = await verifiedDomain(core, dns, 'acme.com');
    const eu = await verifiedDomain(core, dns, 'eu.acme.com');
    value(await core.invoke('domains:setSubdomains', { id: acme.id, on: true }));
    const everyone = value(await core.invoke('teams:create', { name: 'Everyone' }));
    const europe = value(await core.invoke('teams:create', { name: 'Europe' }));
    value(await core.invoke('domains:setDefaultTeam', { id: acme.id, teamId: everyone.id }));
    value(await core.invoke('domains:setDefaultTeam', { id: eu.id, teamId: europe.id }));
    return { core, acme, eu, everyone, europe };
  }

  const teamsOf = (core: Core, email: string) =>
    core.db.prepare('SELECT t.name FROM team_members tm JOIN teams t ON t.id = tm.team_id JOIN accounts a ON a.id = tm.account_id WHERE a.email = ?').pluck().all(email);

  it('is listed once, on the most specific domain, and claimed into that domain\'s default team', async () => {
    const { core } = await twoDomains();
    const cy = value(core.services.members.recordSignup('cy@eu.acme.com', 'Cy', IMPORT)).account;
    expect(value(await core.invoke('domains:unmanaged', {})).rows).toMatchObject([{ email: 'cy@eu.acme.com', domain: 'eu.acme.com', display: 'eu.acme.com' }]);
    expect(value(await core.invoke('domains:unmanaged', {})).total).toBe(1);
    expect(value(await core.invoke('domains:claim', { accountIds: [cy.id] }))).toEqual({ claimed: 1 });
    expect(teamsOf(core, 'cy@eu.acme.com')).toEqual(['Europe']);
  });

  it('that waits for a seat is listed, and claimed, on the domain it waits on', async () => {
    const { core, acme } = await twoDomains();
    value(await core.invoke('domains:setCapture', { id: acme.id, on: true }));
    value(await core.invoke('members:add', { email: 'boss@other.com' }));
    const dee = value(core.services.members.recordSignup('dee@eu.acme.com', 'Dee', IMPORT));
    expect(dee.captured).toBe('waiting');
    expect(value(await core.invoke('domains:unmanaged', {})).rows).toMatchObject([{ email: 'dee@eu.acme.com', domain: 'acme.com' }]);
    value(await core.invoke('seats:set', { seats: 2 }));
    expect(value(await core.invoke('domains:claim', { accountIds: [dee.account.id] }))).toEqual({ claimed: 1 });
    expect(teamsOf(core, 'dee@eu.acme.com')).toEqual(['Everyone']);
    expect(createAuditRepository(core.db).list().find((event) => event.action === 'member.add' && event.targetLabel === 'dee@eu.acme.com')).toMatchObject({
      after: { source: 'domain_capture', domain: 'acme.com' },
    });
  });

  it('is counted on each domain it is on, in the per-domain lists too', async () => {
    const { core, acme, eu } = await twoDomains();
    value(core.services.members.recordSignup('cy@eu.acme.com', 'Cy', IMPORT));
    expect(value(await core.invoke('domains:unmanaged', { domainId: acme.id })).rows).toMatchObject([{ domain: 'acme.com' }]);
    expect(value(await core.invoke('domains:unmanaged', { domainId: eu.id })).rows).toMatchObject([{ domain: 'eu.acme.com' }]);
  });
});

describe('claiming an account with a live invitation', () => {
  it('takes the seat the invitation holds, with no seat free, and accepts the invitation', async () => {
    const { core, dns } = await domainsCore(1);
    const acme = await verifiedDomain(core, dns, 'acme.com');
    const team = value(await core.invoke('teams:create', { name: 'Everyone' }));
    value(await core.invoke('domains:setDefaultTeam', { id: acme.id, teamId: team.id }));
    const design = value(await core.invoke('orgs:create', { name: 'Design' }));
    const ana = value(core.services.members.recordSignup('ana@acme.com', 'Ana', IMPORT)).account;
    const invitation = value(await core.invoke('invitations:create', { email: 'ana@acme.com', orgIds: [design.id] }));
    expect(await usage(core)).toMatchObject({ members: 0, pendingInvitations: 1, free: 0 });

    expect(value(await core.invoke('domains:claim', { accountIds: [ana.id] }))).toEqual({ claimed: 1 });
    expect(await usage(core)).toMatchObject({ members: 1, pendingInvitations: 0, free: 0 });
    expect(value(await core.invoke('members:find', { email: 'ana@acme.com' })).source).toBe('domain_capture');
    expect(core.db.prepare('SELECT status FROM invitations WHERE id = ?').pluck().get(invitation.id)).toBe('accepted');
    expect(value(await core.invoke('orgs:members', { orgId: design.id })).rows).toHaveLength(1);
    expect(value(await core.invoke('teams:get', { id: team.id })).memberCount).toBe(1);
  });

  it('still needs a free seat for each of the others claimed with it, all or nothing', async () => {
    const { core, dns } = await domainsCore(1);
    await verifiedDomain(core, dns, 'acme.com');
    const ana = value(core.services.members.recordSignup('ana@acme.com', 'Ana', IMPORT)).account;
    const bo = value(core.services.members.recordSignup('bo@acme.com', 'Bo', IMPORT)).account;
    value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    const before = snapshot(core);
    expect(await core.invoke('domains:claim', { accountIds: [ana.id, bo.id] })).toMatchObject({ ok: false, error: { code: 'NO_FREE_SEATS' } });
    expect(snapshot(core)).toEqual(before);
  });
});

describe('capture and lock', () => {
  it('never capture an account that already exists', async () => {
    const { core, dns } = await domainsCore();
    const acme = await verifiedDomain(core, dns, 'acme.com');
    value(core.services.members.recordSignup('ana@acme.com', 'Ana', IMPORT));
    value(await core.invoke('domains:setCapture', { id: acme.id, on: true }));
    const again = value(core.services.members.recordSignup('ana@acme.com', 'Ana', IMPORT));
    expect(again.captured).toBeNull();
    expect(await usage(core)).toMatchObject({ members: 0 });
    expect(value(await core.invoke('domains:unmanaged', {})).rows).toMatchObject([{ email: 'ana@acme.com', waitingSince: null }]);
  });

  it('lock refuses new accounts on subdomains only where the domain includes them, naming the domain in Unicode', async () => {
    const { core, dns } = await domainsCore();
    const domain = await verifiedDomain(core, dns, 'münchen.de');
    value(await core.invoke('domains:setLock', { id: domain.id, on: true }));
    expect(value(core.services.members.recordSignup('jo@eu.münchen.de', 'Jo', IMPORT)).captured).toBeNull();
    value(await core.invoke('domains:setSubdomains', { id: domain.id, on: true }));
    expect(core.services.members.recordSignup('max@it.münchen.de', 'Max', IMPORT)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'münchen.de is locked: a new account there needs an invitation. max@it.xn--mnchen-3ya.de was not created.' },
    });
    // Exact suffixes only: a name that merely ends the same way is not on the domain.
    expect(value(core.services.members.recordSignup('eve@notmünchen.de', 'Eve', IMPORT)).captured).toBeNull();
  });
});

describe('inviting unmanaged accounts', () => {
  it('refuses an account that holds a seat or is on no verified domain, inviting nobody', async () => {
    const { core, dns } = await domainsCore();
    await verifiedDomain(core, dns, 'acme.com');
    const ana = value(core.services.members.recordSignup('ana@acme.com', 'Ana', IMPORT)).account;
    const bo = value(await core.invoke('members:add', { email: 'bo@acme.com' }));
    const dee = value(core.services.members.recordSignup('dee@gmail.com', 'Dee', IMPORT)).account;
    const before = snapshot(core);
    expect(await core.invoke('domains:invite', { accountIds: [ana.id, bo.accountId] })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'bo@acme.com is not an unmanaged account on a verified domain (it may hold a seat already). Nobody was invited.' },
    });
    expect(await core.invoke('domains:invite', { accountIds: [dee.id] })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^dee@gmail\.com is not an unmanaged/) } });
    expect(snapshot(core)).toEqual(before);
  });
});

describe('invite control', () => {
  it('names domains as people write them in its refusals', async () => {
    const { core } = await domainsCore();
    value(await core.invoke('settings:update', { inviteControl: { mode: 'verified', domains: [] } }));
    expect(await core.invoke('invitations:create', { email: 'jo@münchen.de' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Invitations go to verified domains only, and münchen.de is not one of them. An admin can change this in Settings.' },
    });
    value(await core.invoke('settings:update', { inviteControl: { mode: 'list', domains: ['bücher.example', 'acme.com'] } }));
    expect(await core.invoke('invitations:create', { email: 'jo@münchen.de' })).toMatchObject({
      ok: false,
      error: { message: 'Invitations go only to bücher.example, acme.com, and münchen.de is not among them. An admin can change this in Settings.' },
    });
  });
});

describe('the default team', () => {
  it('records no audit event when set to what it already is', async () => {
    const { core } = await domainsCore();
    const domain = value(await core.invoke('domains:add', { domain: 'acme.com' }));
    const team = value(await core.invoke('teams:create', { name: 'Everyone' }));
    value(await core.invoke('domains:setDefaultTeam', { id: domain.id, teamId: team.id }));
    const events = createAuditRepository(core.db).list().length;
    expect(value(await core.invoke('domains:setDefaultTeam', { id: domain.id, teamId: team.id })).defaultTeam).toEqual({ id: team.id, name: 'Everyone' });
    value(await core.invoke('domains:setDefaultTeam', { id: value(await core.invoke('domains:add', { domain: 'acme.org' })).id, teamId: null }));
    expect(createAuditRepository(core.db).list().map((event) => event.action).slice(events)).toEqual(['domain.add']);
  });
});
