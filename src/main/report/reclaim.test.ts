import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Core } from '../core';
import { scimServer } from '../scim/test-support/client';
import { scimIdOf, userBody } from '../scim/test-support/user-fixtures';
import { addMembers, DAY_MS, snapshot, value } from '../test-support/seats-helpers';

const START = '2026-03-01T09:00:00.000Z';

/**
 * An enterprise served over SCIM, 100 days after these members got their seats:
 * - bo, hand-added, last active 220 days ago; ana, hand-added, never active;
 * - cy, whom the provider created; di, added by hand and then written by the provider;
 * - ed, who owns Engineering; fay, active yesterday.
 */
async function enterprise() {
  const scim = await scimServer({ now: START });
  const { core, clock } = scim;
  const [ana, bo, di, ed, fay] = await addMembers(core, 'ana@acme.example', 'bo@acme.example', 'di@acme.example', 'ed@acme.example', 'fay@acme.example');
  const created = await scim.post('/Users', userBody('cy@acme.example'));
  expect(created.status).toBe(201);
  expect((await scim.put(`/Users/${scimIdOf(core, di!.accountId)}`, userBody('di@acme.example'))).status).toBe(200);
  const cy = value(core.services.members.find('cy@acme.example'));
  const org = value(await core.invoke('orgs:create', { name: 'Engineering' }));
  value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [ed!.accountId], role: 'owner' }));
  value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [ana!.accountId], role: 'admin' }));
  clock.advance(100 * DAY_MS);
  seen(core, bo!.accountId, new Date(new Date(START).getTime() - 120 * DAY_MS));
  seen(core, fay!.accountId, new Date(clock.now().getTime() - DAY_MS));
  const ids = { ana: ana!.accountId, bo: bo!.accountId, cy: cy.accountId, di: di!.accountId, ed: ed!.accountId, fay: fay!.accountId };
  return { scim, core, clock, ids, org };
}

/** The member opened the client at `at`: their last activity and that day. */
function seen(core: Core, accountId: number, at: Date) {
  core.db.prepare('UPDATE accounts SET last_active_at = ? WHERE id = ?').run(at.toISOString(), accountId);
  core.db.prepare('INSERT OR IGNORE INTO activity_days (account_id, day) VALUES (?, ?)').run(accountId, at.toISOString().slice(0, 10));
}

const emails = (rows: { email: string }[]) => rows.map((row) => row.email);
const holdsSeat = (core: Core, accountId: number) => core.db.prepare('SELECT count(*) FROM members WHERE account_id = ?').pluck().get(accountId) === 1;

describe('the list to review (docs/RULES.md, A5)', () => {
  it('lists idle members most idle first, leaving out SCIM-managed members and owners by default, with their counts', async () => {
    const { core, ids } = await enterprise();
    const review = value(await core.invoke('report:inactive', { inactiveDays: 90 }));
    expect(review).toMatchObject({ asOf: '2026-06-09T09:00:00.000Z', inactiveDays: 90, total: 2, scim: 2, owners: 1, leftOut: 3, accountIds: [ids.bo, ids.ana], scimIds: [], ownerIds: [] });
    expect(review.rows.map((row) => [row.email, row.idleDays, row.lastActive, row.scim, row.ownerOf])).toEqual([
      ['bo@acme.example', 220, 'N/A', false, []],
      ['ana@acme.example', 100, 'N/A', false, []],
    ]);
  });

  it('includes them when switched on, each switch on its own, and names what an owner owns', async () => {
    const { core, ids } = await enterprise();
    const scim = value(await core.invoke('report:inactive', { inactiveDays: 90, includeScim: true }));
    expect(scim).toMatchObject({ total: 4, leftOut: 1, accountIds: [ids.bo, ids.ana, ids.cy, ids.di] });
    expect(scim.rows.filter((row) => row.scim).map((row) => [row.email, row.seatSource])).toEqual([
      ['cy@acme.example', 'scim'],
      ['di@acme.example', 'manual'],
    ]);
    const owners = value(await core.invoke('report:inactive', { inactiveDays: 90, includeOwners: true }));
    expect(owners).toMatchObject({ total: 3, leftOut: 2, accountIds: [ids.bo, ids.ana, ids.ed] });
    expect(owners.rows.find((row) => row.accountId === ids.ed)).toMatchObject({ ownerOf: ['Engineering'], scim: false });
    const both = value(await core.invoke('report:inactive', { inactiveDays: 90, includeScim: true, includeOwners: true }));
    expect(both).toMatchObject({ total: 5, leftOut: 0, scimIds: [ids.cy, ids.di], ownerIds: [ids.ed] });
  });

  it('pages the members while answering every listed id, and counts days as of the moment given', async () => {
    const { core, ids } = await enterprise();
    const page = value(await core.invoke('report:inactive', { inactiveDays: 90, includeScim: true, offset: 1, limit: 2 }));
    expect(emails(page.rows)).toEqual(['ana@acme.example', 'cy@acme.example']);
    expect(page.accountIds).toEqual([ids.bo, ids.ana, ids.cy, ids.di]);
    // Ten days earlier the never-active seats were 90 days old: not over 90.
    const earlier = value(await core.invoke('report:inactive', { inactiveDays: 90, asOf: '2026-05-30T09:00:00Z' }));
    expect(earlier).toMatchObject({ asOf: '2026-05-30T09:00:00.000Z', accountIds: [ids.bo] });
  });
});

describe('releasing the reviewed members', () => {
  it('releases exactly the members confirmed, audited one by one, and leaves the unselected ones', async () => {
    const { core, ids } = await enterprise();
    const review = value(await core.invoke('report:inactive', { inactiveDays: 90 }));
    const before = snapshot(core);
    const released = value(await core.invoke('report:releaseInactive', { asOf: review.asOf, inactiveDays: 90, accountIds: [ids.bo] }));
    expect(released).toEqual({ released: 1, skipped: { noSeat: 0, active: 0, scim: 0, owner: 0 }, skippedMembers: [] });
    expect(holdsSeat(core, ids.bo)).toBe(false);
    expect(holdsSeat(core, ids.ana)).toBe(true);
    const audit = core.db.prepare("SELECT target_label FROM audit_events WHERE action = 'member.remove'").pluck().all();
    expect(audit).toEqual(['bo@acme.example']);
    expect(snapshot(core).members).toBe((before.members as number) - 1);
  });

  it('skips and names members that changed since the review: active again, released meanwhile', async () => {
    const { core, clock, ids } = await enterprise();
    const review = value(await core.invoke('report:inactive', { inactiveDays: 90 }));
    value(await core.invoke('seats:release', { accountIds: [ids.bo] }));
    // The day after the review, Ana opens the client: a day after the review's moment, so only the check as of now sees it.
    clock.advance(DAY_MS);
    seen(core, ids.ana, clock.now());
    const result = value(await core.invoke('report:releaseInactive', { asOf: review.asOf, inactiveDays: 90, accountIds: review.accountIds }));
    expect(result).toEqual({
      released: 0,
      skipped: { noSeat: 1, active: 1, scim: 0, owner: 0 },
      skippedMembers: [
        { accountId: ids.bo, email: 'bo@acme.example', reason: 'noSeat' },
        { accountId: ids.ana, email: 'ana@acme.example', reason: 'active' },
      ],
    });
    expect(holdsSeat(core, ids.ana)).toBe(true);
  });

  it('skips SCIM-managed members and owners sent without their switch, and one who became an owner since', async () => {
    const { core, ids, org } = await enterprise();
    const review = value(await core.invoke('report:inactive', { inactiveDays: 90 }));
    value(await core.invoke('orgs:setMemberRole', { orgId: org.id, accountId: ids.ana, role: 'owner' }));
    const refused = value(await core.invoke('report:releaseInactive', { asOf: review.asOf, inactiveDays: 90, accountIds: [ids.ana, ids.cy, ids.ed] }));
    expect(refused).toMatchObject({ released: 0, skipped: { noSeat: 0, active: 0, scim: 1, owner: 2 } });
    expect(refused.skippedMembers.map((member) => [member.email, member.reason])).toEqual([
      ['ana@acme.example', 'owner'],
      ['cy@acme.example', 'scim'],
      ['ed@acme.example', 'owner'],
    ]);
    const included = value(await core.invoke('report:releaseInactive', { asOf: review.asOf, inactiveDays: 90, includeScim: true, includeOwners: true, accountIds: [ids.ana, ids.cy, ids.ed] }));
    expect(included).toMatchObject({ released: 3, skippedMembers: [] });
    expect([ids.ana, ids.cy, ids.ed].map((id) => holdsSeat(core, id))).toEqual([false, false, false]);
  });

  it('skips a member who was not idle over the days as of the review, whatever the caller sends', async () => {
    const { core, ids } = await enterprise();
    const review = value(await core.invoke('report:inactive', { inactiveDays: 90 }));
    const result = value(await core.invoke('report:releaseInactive', { asOf: review.asOf, inactiveDays: 90, accountIds: [ids.fay, ids.bo] }));
    expect(result).toMatchObject({ released: 1, skipped: { active: 1 }, skippedMembers: [{ email: 'fay@acme.example', reason: 'active' }] });
    expect(holdsSeat(core, ids.fay)).toBe(true);
  });

  it('refuses bad input with INVALID_INPUT naming the problem, and changes nothing', async () => {
    const { core, ids } = await enterprise();
    const { asOf } = value(await core.invoke('report:inactive', { inactiveDays: 90 }));
    const before = snapshot(core);
    const refusals: [unknown, RegExp][] = [
      [{ asOf, inactiveDays: 90, accountIds: [ids.bo, 99_999] }, /^No account has the id 99999; nothing was released/],
      [{ asOf, inactiveDays: 90, accountIds: [ids.bo, ids.ana, ids.bo] }, new RegExp(`^Account ${ids.bo} is listed twice; nothing was released`)],
      [{ asOf, inactiveDays: 90, accountIds: [] }, /^Choose at least one member to release/],
      [{ asOf, inactiveDays: 90, accountIds: [0] }, /^Id must be a positive number/],
      [{ asOf, inactiveDays: 90, accountIds: ['7'] }, /^Id must be a whole number/],
      [{ inactiveDays: 90, accountIds: [ids.bo] }, /^The review's moment is needed/],
      [{ asOf: 'yesterday', inactiveDays: 90, accountIds: [ids.bo] }, /^The review's moment is needed/],
      [{ asOf, inactiveDays: -1, accountIds: [ids.bo] }, /^Days cannot be negative/],
      [{ asOf, inactiveDays: 90, includeScim: 'yes', accountIds: [ids.bo] }, /^includeScim must be true or false/],
      [{ asOf, inactiveDays: 90, accountIds: [ids.bo], everyone: true }, /everyone/],
    ];
    for (const [input, message] of refusals) {
      const result = await core.invoke('report:releaseInactive', input as never);
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(input)).toBe('INVALID_INPUT');
      expect(result.ok ? '' : result.error.message).toMatch(message);
    }
    expect(snapshot(core)).toEqual(before);
  });
});

describe('the reviewed list as CSV', () => {
  it('holds the list as reviewed, the switches applied, with the unselected members marked not to release', async () => {
    const { core, ids } = await enterprise();
    const exported = value(await core.invoke('report:exportInactive', { inactiveDays: 90, includeOwners: true, unselected: [ids.ana] }));
    expect(exported).toMatchObject({ kind: 'download', fileName: 'roster-inactive-over-90-days-2026-06-09.csv', mimeType: 'text/csv', rows: 3 });
    const content = exported.kind === 'download' ? exported.content : '';
    expect(content.startsWith('\uFEFF')).toBe(true);
    expect(parse(content, { bom: true })).toEqual([
      ['Email', 'Name', 'Last Active', 'Days Idle', 'Seat Since', 'Seat Source', 'Managed by SCIM', 'Owner Of', 'Release'],
      ['bo@acme.example', '', 'N/A', '220', '2026-03-01', 'Added by hand', 'no', '', 'yes'],
      ['ana@acme.example', '', 'N/A', '100', '2026-03-01', 'Added by hand', 'no', '', 'no'],
      ['ed@acme.example', '', 'N/A', '100', '2026-03-01', 'Added by hand', 'no', 'Engineering', 'yes'],
    ]);
  });
});
