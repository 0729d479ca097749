import { describe, expect, it } from 'vitest';
import { usage, value } from '../../test-support/seats-helpers';
import { auditOf, groupBody, groupState, groupsServer, teamMemberIds, valuesOf, teamIdOf, groupIdOf } from '../test-support/group-fixtures';

describe('/Groups: create and read', () => {
  it('creates a team with source scim, role member and its members, answering 201 with Location, ETag and the resource', async () => {
    const scim = await groupsServer();
    const created = await scim.post('/Groups', groupBody('Platform', [scim.ids.ana!, scim.ids.bo!], { externalId: 'okta-g1' }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id,
      externalId: 'okta-g1',
      displayName: 'Platform',
      members: [
        { value: scim.ids.ana, $ref: `${scim.baseUrl}/Users/${scim.ids.ana}`, display: 'ANA Person', type: 'User' },
        { value: scim.ids.bo, $ref: `${scim.baseUrl}/Users/${scim.ids.bo}`, display: 'BO Person', type: 'User' },
      ],
      meta: {
        resourceType: 'Group',
        created: '2026-03-01T09:00:00.000Z',
        lastModified: '2026-03-01T09:00:00.000Z',
        location: `${scim.baseUrl}/Groups/${id}`,
        version: expect.stringMatching(/^W\/"/),
      },
    });
    expect(created.headers.get('location')).toBe(created.body.meta.location);
    expect(created.headers.get('etag')).toBe(created.body.meta.version);
    const team = value(await scim.core.invoke('teams:get', { id: teamIdOf(scim.core, id) }));
    expect(team).toMatchObject({ name: 'Platform', source: 'scim', role: 'member', memberCount: 2 });
    const read = await scim.get(`/Groups/${id}`);
    expect(read).toMatchObject({ status: 200, body: created.body });
  });

  it('refuses an id that names no user (a member added by hand whose seat was freed is none) with 400 invalidValue naming the id, and creates nothing', async () => {
    const scim = await groupsServer();
    value(await scim.core.invoke('members:remove', { accountId: scim.accounts.cy! }));
    const before = groupState(scim.core);
    const released = await scim.post('/Groups', groupBody('Platform', [scim.ids.ana!, scim.ids.cy!]));
    expect(released).toMatchObject({ status: 400, body: { status: '400', scimType: 'invalidValue' } });
    expect(released.body.detail).toBe(`There is no user with id "${scim.ids.cy}", so it cannot join Platform; create the user through /Users first. Nothing was changed.`);
    const unknown = await scim.post('/Groups', groupBody('Platform', ['999999']));
    expect(unknown).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(unknown.body.detail).toContain('"999999"');
    expect((await scim.post('/Groups', groupBody('Platform', ['00u1okta']))).body.detail).toContain('"00u1okta"');
    expect(groupState(scim.core)).toEqual(before);
  });

  it('answers 409 uniqueness for a displayName another SCIM group has in any case', async () => {
    const scim = await groupsServer();
    expect((await scim.post('/Groups', groupBody('Platform'))).status).toBe(201);
    const before = groupState(scim.core);
    const again = await scim.post('/Groups', groupBody('PLATFORM', [scim.ids.ana!]));
    expect(again).toMatchObject({ status: 409, body: { status: '409', scimType: 'uniqueness' } });
    expect(groupState(scim.core)).toEqual(before);
  });

  it('adopts a manual team of that name: it becomes scim, takes the provider\'s spelling, keeps role, links and members, and gains the POSTed members', async () => {
    const scim = await groupsServer();
    const org = value(await scim.core.invoke('orgs:create', { name: 'Engineering' }));
    const team = value(await scim.core.invoke('teams:create', { name: 'Developers', role: 'admin' }));
    value(await scim.core.invoke('teams:addMembers', { teamId: team.id, accountIds: [scim.accounts.ana!] }));
    value(await scim.core.invoke('teams:link', { teamId: team.id, orgIds: [org.id] }));
    scim.clock.advance(60_000);
    const adopted = await scim.post('/Groups', groupBody('developers', [scim.ids.bo!], { externalId: 'entra-7' }));
    expect(adopted.status).toBe(201);
    // Renamed to the provider's spelling, so its next cycle sees no difference to correct.
    expect(adopted.body).toMatchObject({ id: groupIdOf(scim.core, team.id), displayName: 'developers', externalId: 'entra-7', meta: { created: '2026-03-01T09:01:00.000Z' } });
    expect(auditOf(scim.core, 'team.rename')[0]).toMatchObject({ actor: { type: 'scim', name: 'Okta' }, before: { name: 'Developers' }, after: { name: 'developers' } });
    expect((await scim.get(`/Groups?filter=${encodeURIComponent('displayName eq "developers"')}&excludedAttributes=members`)).body.Resources[0].displayName).toBe('developers');
    expect(valuesOf(adopted.body)).toEqual([scim.ids.ana, scim.ids.bo]);
    expect(value(await scim.core.invoke('teams:get', { id: team.id }))).toMatchObject({ source: 'scim', role: 'admin', organizations: [{ id: org.id, name: 'Engineering' }] });
    const [adoption] = auditOf(scim.core, 'team.adopt');
    expect(adoption).toMatchObject({ actor: { type: 'scim', name: 'Okta' }, targetId: String(team.id), before: { source: 'manual' }, after: { source: 'scim' } });
    expect(auditOf(scim.core, 'team.externalId')[0]).toMatchObject({ actor: { type: 'scim', name: 'Okta' }, after: { externalId: 'entra-7' } });
    expect(auditOf(scim.core, 'team.create')).toHaveLength(1);
  });

  it('after adopting a team, an older invitation naming it no longer adds members to it', async () => {
    const scim = await groupsServer();
    const team = value(await scim.core.invoke('teams:create', { name: 'Developers' }));
    value(await scim.core.invoke('invitations:create', { email: 'eve@acme.example', teamIds: [team.id] }));
    expect((await scim.post('/Groups', groupBody('Developers'))).status).toBe(201);
    value(await scim.core.invoke('members:add', { email: 'eve@acme.example' }));
    expect(auditOf(scim.core, 'invitation.accept')).toHaveLength(1);
    expect(teamMemberIds(scim.core, groupIdOf(scim.core, team.id))).toEqual([]);
  });

  it('lists only scim teams: a manual team is neither listed nor readable as a group', async () => {
    const scim = await groupsServer();
    const manual = value(await scim.core.invoke('teams:create', { name: 'Hand made' }));
    const created = await scim.post('/Groups', groupBody('From Okta'));
    const list = await scim.get('/Groups');
    expect(list.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(list.body.Resources.map((group: { id: string }) => group.id)).toEqual([created.body.id]);
    expect(await scim.get(`/Groups/${manual.id}`)).toMatchObject({ status: 404, body: { status: '404' } });
    expect((await scim.get('/Groups/abc')).status).toBe(404);
    expect((await scim.delete(`/Groups/${manual.id}`)).status).toBe(404);
  });

  it('keeps the app from renaming or re-membering a scim team, while its role stays the app\'s to set', async () => {
    const scim = await groupsServer();
    const groupId = (await scim.post('/Groups', groupBody('Platform', [scim.ids.ana!]))).body.id as string;
    const id = teamIdOf(scim.core, groupId);
    expect(await scim.core.invoke('teams:rename', { id, name: 'Renamed' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await scim.core.invoke('teams:addMembers', { teamId: id, accountIds: [scim.accounts.bo!] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await scim.core.invoke('teams:remove', { id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(value(await scim.core.invoke('teams:setRole', { id, role: 'admin' })).role).toBe('admin');
    expect(teamMemberIds(scim.core, groupId)).toEqual([scim.ids.ana]);
  });

  it('records every change with the token as actor', async () => {
    const scim = await groupsServer();
    await scim.post('/Groups', groupBody('Platform', [scim.ids.ana!]));
    const events = auditOf(scim.core).filter((event) => event.action.startsWith('team.'));
    expect(events.map((event) => [event.action, event.actor])).toEqual([
      ['team.create', { type: 'scim', name: 'Okta' }],
      ['team.member.add', { type: 'scim', name: 'Okta' }],
    ]);
    expect((await usage(scim.core)).members).toBe(4);
  });

  it('refuses a body without a valid displayName with 400 invalidValue', async () => {
    const scim = await groupsServer();
    expect(await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'] })).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(await scim.post('/Groups', groupBody('x'.repeat(101)))).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(await scim.post('/Groups', groupBody('   '))).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(await scim.post('/Groups', '[1]')).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
    expect(scim.core.db.prepare('SELECT count(*) FROM teams').pluck().get()).toBe(0);
  });
});
