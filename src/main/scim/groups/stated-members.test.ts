import { describe, expect, it } from 'vitest';
import { value } from '../../test-support/seats-helpers';
import { TEST_ACTOR } from '../../test-support/temp-db';
import { userBody } from '../test-support/user-fixtures';
import { auditOf, groupBody, groupsServer, patchOps, teamIdOf, teamMemberIds, valuesOf } from '../test-support/group-fixtures';

/**
 * A group's members are what the identity provider states, seat or none; the
 * team grants access only to those of them who hold a seat, and grants it again,
 * with no new request, whenever they get a seat back.
 */
async function withProviderUser(email = 'pat@acme.example', active = true) {
  const scim = await groupsServer();
  const user = await scim.post('/Users', userBody(email, { active }));
  expect(user.status).toBe(201);
  const org = value(await scim.core.invoke('orgs:create', { name: 'Engineering' }));
  return { scim, user: user.body as { id: string; meta: { version: string } }, org };
}

/** The organizations where the account has access, by name. */
async function orgsOf(scim: Awaited<ReturnType<typeof groupsServer>>, email: string): Promise<string[]> {
  const accountId = scim.core.db.prepare('SELECT id FROM accounts WHERE email = ?').pluck().get(email) as number;
  // Someone without a seat has no access to look up.
  const access = await scim.core.invoke('access:member', { accountId });
  return access.ok ? access.value.organizations.map((found) => found.org.name) : [];
}

describe('group membership as the identity provider states it', () => {
  it('keeps a user in their groups across disable and enable: access goes with the seat and comes back with it', async () => {
    const { scim, user, org } = await withProviderUser();
    const group = (await scim.post('/Groups', groupBody('Developers', [user.id]))).body;
    value(await scim.core.invoke('teams:link', { teamId: teamIdOf(scim.core, group.id), orgIds: [org.id] }));
    expect(await orgsOf(scim, 'pat@acme.example')).toEqual(['Engineering']);

    const off = await scim.patch(`/Users/${user.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] });
    expect(off.body.active).toBe(false);
    // The provider still sees them in the group; the team no longer gives them anything.
    expect(valuesOf((await scim.get(`/Groups/${group.id}`)).body)).toEqual([user.id]);
    expect(off.body.groups).toEqual([expect.objectContaining({ value: group.id, display: 'Developers' })]);
    expect(teamMemberIds(scim.core, group.id)).toEqual([]);
    expect(await orgsOf(scim, 'pat@acme.example')).toEqual([]);

    // Enabled again (Entra sends the whole user with PUT): the team applies again with no group request.
    const on = await scim.put(`/Users/${user.id}`, { ...off.body, active: true });
    expect(on.body.active).toBe(true);
    expect(teamMemberIds(scim.core, group.id)).toEqual([user.id]);
    expect(await orgsOf(scim, 'pat@acme.example')).toEqual(['Engineering']);
    const applied = auditOf(scim.core, 'team.member.add').at(-1)!;
    expect(applied).toMatchObject({ actor: { type: 'scim', name: 'Okta' }, targetLabel: 'Developers', after: { email: 'pat@acme.example' } });
    expect(applied.after).toHaveProperty('reason');
  });

  it('accepts a group naming a disabled user, lists them, and applies the team when the user is enabled', async () => {
    const { scim, user, org } = await withProviderUser('off@acme.example', false);
    const created = await scim.post('/Groups', groupBody('Support', [user.id, scim.ids.ana!]));
    expect(created.status).toBe(201);
    expect(valuesOf(created.body)).toEqual([scim.ids.ana, user.id]);
    expect(teamMemberIds(scim.core, created.body.id)).toEqual([scim.ids.ana]);
    expect(auditOf(scim.core, 'team.member.stated')).toMatchObject([
      { actor: { type: 'scim', name: 'Okta' }, targetLabel: 'Support', after: { email: 'off@acme.example', applied: false, reason: 'holds no seat' } },
    ]);
    value(await scim.core.invoke('teams:link', { teamId: teamIdOf(scim.core, created.body.id), orgIds: [org.id] }));
    const waiting = value(await scim.core.invoke('teams:withoutSeat', { teamId: teamIdOf(scim.core, created.body.id) }));
    expect(waiting).toMatchObject({ total: 1, rows: [{ email: 'off@acme.example' }] });

    const on = await scim.patch(`/Users/${user.id}`, patchOps({ op: 'Replace', path: 'active', value: 'True' }));
    expect(on.body.active).toBe(true);
    expect(teamMemberIds(scim.core, created.body.id)).toEqual([scim.ids.ana, user.id]);
    expect(await orgsOf(scim, 'off@acme.example')).toEqual(['Engineering']);
    expect(value(await scim.core.invoke('teams:withoutSeat', { teamId: teamIdOf(scim.core, created.body.id) }))).toEqual({ total: 0, rows: [] });
  });

  it('applies the group again when an admin gives back a seat that was freed by hand', async () => {
    const { scim, user } = await withProviderUser();
    const group = (await scim.post('/Groups', groupBody('Developers', [user.id]))).body;
    const accountId = value(await scim.core.invoke('members:find', { email: 'pat@acme.example' })).accountId;
    const before = (await scim.get(`/Groups/${group.id}`)).body;

    value(await scim.core.invoke('members:remove', { accountId }));
    expect(teamMemberIds(scim.core, group.id)).toEqual([]);
    // What the provider stated stays: GET /Groups does not change under it.
    expect((await scim.get(`/Groups/${group.id}`)).body.members).toEqual(before.members);
    expect((await scim.get(`/Users/${user.id}`)).body.active).toBe(false);

    value(await scim.core.invoke('members:add', { email: 'pat@acme.example' }));
    expect(teamMemberIds(scim.core, group.id)).toEqual([user.id]);
    const applied = auditOf(scim.core, 'team.member.add').at(-1)!;
    expect(applied).toMatchObject({ actor: TEST_ACTOR, targetLabel: 'Developers', after: { email: 'pat@acme.example' } });
    expect(applied.after).toHaveProperty('reason');
  });

  it('takes a user without a seat out of a group, audited as a statement that granted nothing', async () => {
    const { scim, user } = await withProviderUser('off@acme.example', false);
    const group = (await scim.post('/Groups', groupBody('Support', [user.id]))).body;
    const removed = await scim.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: `members[value eq "${user.id}"]` }));
    expect(removed.status).toBe(204);
    expect(valuesOf((await scim.get(`/Groups/${group.id}`)).body)).toEqual([]);
    expect(auditOf(scim.core, 'team.member.unstated')).toMatchObject([{ targetLabel: 'Support', before: { email: 'off@acme.example', applied: false } }]);
    // Enabling them now brings back no team.
    await scim.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'active', value: true }));
    expect(teamMemberIds(scim.core, group.id)).toEqual([]);
  });

  it('replaces the stated members with PUT, seat or none, and DELETE of the user takes them out of every group', async () => {
    const { scim, user } = await withProviderUser('off@acme.example', false);
    const group = (await scim.post('/Groups', groupBody('Support', [scim.ids.ana!]))).body;
    const put = await scim.put(`/Groups/${group.id}`, groupBody('Support', [user.id, scim.ids.bo!]));
    expect(put.status).toBe(200);
    expect(valuesOf(put.body)).toEqual([scim.ids.bo, user.id]);
    expect(teamMemberIds(scim.core, group.id)).toEqual([scim.ids.bo]);

    expect((await scim.delete(`/Users/${user.id}`)).status).toBe(204);
    expect(valuesOf((await scim.get(`/Groups/${group.id}`)).body)).toEqual([scim.ids.bo]);
    expect(scim.core.db.prepare('SELECT count(*) FROM scim_group_members WHERE account_id = (SELECT id FROM accounts WHERE email = ?)').pluck().get('off@acme.example')).toBe(0);
  });

  it('finds a user without a seat by the groups they are in, and a group by such a member', async () => {
    const { scim, user } = await withProviderUser('off@acme.example', false);
    const group = (await scim.post('/Groups', groupBody('Support', [user.id]))).body;
    const users = await scim.get(`/Users?filter=${encodeURIComponent(`groups.value eq "${group.id}"`)}`);
    expect(users.body.Resources.map((found: { id: string }) => found.id)).toEqual([user.id]);
    const groups = await scim.get(`/Groups?filter=${encodeURIComponent(`members.value eq "${user.id}"`)}&excludedAttributes=members`);
    expect(groups.body.Resources.map((found: { id: string }) => found.id)).toEqual([group.id]);
  });
});

describe('removing many members in one PATCH (an identity provider removes 1,000 at once)', () => {
  it('takes each out of the group and the team, audits each in the order given (the seatless ones first, as statements), and keeps the chain whole', async () => {
    const emails = Array.from({ length: 120 }, (_, i) => `u${String(i).padStart(3, '0')}@acme.example`);
    const scim = await groupsServer(emails, { seats: 200 });
    const seatless = await scim.post('/Users', userBody('nos@acme.example', { active: false }));
    const everyone = [...Object.values(scim.ids), seatless.body.id as string];
    const group = (await scim.post('/Groups', groupBody('Everyone', everyone))).body;
    expect(teamMemberIds(scim.core, group.id)).toHaveLength(120);

    // Remove all but the first ten, in an order of our own, with one repeated and one never in the group.
    const going = [seatless.body.id as string, ...everyone.slice(10, 121).reverse(), everyone[50]!];
    const before = auditOf(scim.core).length;
    const answer = await scim.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: 'members', value: going.map((value) => ({ value })) }));
    expect(answer.status).toBe(204);
    expect(valuesOf((await scim.get(`/Groups/${group.id}`)).body).sort()).toEqual(everyone.slice(0, 10).sort());
    expect(teamMemberIds(scim.core, group.id).sort()).toEqual(everyone.slice(0, 10).sort());

    const written = auditOf(scim.core).slice(before);
    expect(written.map((event) => event.action)).toEqual(['team.member.unstated', ...Array(110).fill('team.member.remove')]);
    expect(written[0]).toMatchObject({ before: { email: 'nos@acme.example', applied: false } });
    const idOf = (email: string) => scim.ids[email.split('@')[0]!];
    expect(written.slice(1).map((event) => idOf((event.before as { email: string }).email))).toEqual(everyone.slice(10, 120).reverse());
    expect(value(await scim.core.invoke('audit:verify'))).toMatchObject({ whole: true });

    // Removing them again is no change and no error (a retried request).
    const again = await scim.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: 'members', value: going.map((value) => ({ value })) }));
    expect(again.status).toBe(204);
    expect(auditOf(scim.core).length).toBe(before + 111);
  });
});
