import { describe, expect, it } from 'vitest';
import { usage, value } from '../../test-support/seats-helpers';
import { auditOf, groupBody, groupState, groupsServer, teamMemberIds, valuesOf, teamIdOf, groupIdOf, scimIdOf } from '../test-support/group-fixtures';

describe('PUT and DELETE /Groups/:id', () => {
  it('PUT replaces displayName, externalId and members, answering 200 with the resource', async () => {
    const scim = await groupsServer();
    const id = (await scim.post('/Groups', groupBody('Platform', [scim.ids.ana!, scim.ids.bo!], { externalId: 'ext-1' }))).body.id as string;
    scim.clock.advance(60_000);
    const replaced = await scim.put(`/Groups/${id}`, groupBody('Core Platform', [scim.ids.bo!, scim.ids.cy!], { externalId: 'ext-2', id: 'ignored' }));
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id, displayName: 'Core Platform', externalId: 'ext-2', meta: { lastModified: '2026-03-01T09:01:00.000Z', created: '2026-03-01T09:00:00.000Z' } });
    expect(valuesOf(replaced.body)).toEqual([scim.ids.bo, scim.ids.cy]);
    expect(replaced.headers.get('etag')).toBe(replaced.body.meta.version);
  });

  it('PUT keeps members and externalId left out, and clears them when sent empty', async () => {
    const scim = await groupsServer();
    const id = (await scim.post('/Groups', groupBody('Platform', [scim.ids.ana!], { externalId: 'ext-1' }))).body.id as string;
    const renamed = await scim.put(`/Groups/${id}`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Renamed' });
    expect(renamed.body).toMatchObject({ displayName: 'Renamed', externalId: 'ext-1' });
    expect(valuesOf(renamed.body)).toEqual([scim.ids.ana]);
    const cleared = await scim.put(`/Groups/${id}`, { displayName: 'Renamed', externalId: null, members: [] });
    expect(cleared.body.externalId).toBeUndefined();
    expect(cleared.body.members).toEqual([]);
  });

  it('PUT refuses a member who is no user (400) and a stale If-Match (412), changing nothing', async () => {
    const scim = await groupsServer();
    const created = (await scim.post('/Groups', groupBody('Platform', [scim.ids.ana!]))).body;
    value(await scim.core.invoke('members:remove', { accountId: scim.accounts.bo! }));
    const before = groupState(scim.core);
    const unseated = await scim.put(`/Groups/${created.id}`, groupBody('Renamed', [scim.ids.bo!]));
    expect(unseated).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(unseated.body.detail).toContain(`There is no user with id "${scim.ids.bo}"`);
    expect(await scim.put(`/Groups/${created.id}`, groupBody('Renamed'), { 'If-Match': 'W/"stale"' })).toMatchObject({ status: 412 });
    expect(groupState(scim.core)).toEqual(before);
    expect((await scim.put(`/Groups/${created.id}`, groupBody('Renamed', [scim.ids.ana!]), { 'If-Match': created.meta.version })).status).toBe(200);
    expect(await scim.put('/Groups/999', groupBody('Nobody'))).toMatchObject({ status: 404 });
  });

  it('DELETE deletes the team, audited with the token, and never frees a seat', async () => {
    const scim = await groupsServer();
    const id = (await scim.post('/Groups', groupBody('Platform', [scim.ids.ana!, scim.ids.bo!]))).body.id as string;
    const seats = await usage(scim.core);
    const teamId = teamIdOf(scim.core, id);
    const deleted = await scim.delete(`/Groups/${id}`);
    expect(deleted.status).toBe(204);
    expect(await usage(scim.core)).toEqual(seats);
    expect(await scim.core.invoke('teams:get', { id: teamId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(scim.core.db.prepare('SELECT count(*) FROM scim_groups').pluck().get()).toBe(0);
    expect(auditOf(scim.core, 'team.remove')[0]).toMatchObject({ actor: { type: 'scim', name: 'Okta' }, targetLabel: 'Platform', before: { members: { count: 2 } } });
    expect((await scim.delete(`/Groups/${id}`)).status).toBe(404);
  });

  it('DELETE honours If-Match', async () => {
    const scim = await groupsServer();
    const created = (await scim.post('/Groups', groupBody('Platform'))).body;
    expect((await scim.delete(`/Groups/${created.id}`, { 'If-Match': 'W/"stale"' })).status).toBe(412);
    expect(teamMemberIds(scim.core, created.id)).toEqual([]);
    expect(scim.core.db.prepare('SELECT count(*) FROM teams').pluck().get()).toBe(1);
    expect((await scim.delete(`/Groups/${created.id}`, { 'If-Match': created.meta.version })).status).toBe(204);
  });

  it('serves a scim team the identity provider made before scim_groups existed (the demo\'s)', async () => {
    const scim = await groupsServer();
    const team = value(scim.core.services.teams.create({ name: 'Legacy', role: 'member' }, { type: 'scim', name: 'demo' }, 'scim'));
    const groupId = groupIdOf(scim.core, team.id);
    const read = await scim.get(`/Groups/${groupId}`);
    expect(read.body).toMatchObject({ displayName: 'Legacy', members: [], meta: { created: team.createdAt, lastModified: team.updatedAt } });
    scim.clock.advance(60_000);
    expect((await scim.patch(`/Groups/${groupId}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: [{ value: scim.ids.ana }] }] })).status).toBe(204);
    expect((await scim.get(`/Groups/${groupId}`)).body.meta).toMatchObject({ created: team.createdAt, lastModified: '2026-03-01T09:01:00.000Z' });
  });
});

describe('/Groups: meta.version tells member lists apart', () => {
  it('changes when the members change, within one millisecond, to another set with the same count, sum and sum of squares', async () => {
    // Offsets {0,4,5} and {1,2,6} of seven consecutive ids agree in count, sum and sum of squares.
    const scim = await groupsServer(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => `${name}@acme.example`));
    const ids = Object.values(scim.accounts).sort((x, y) => x - y);
    expect(ids[6]! - ids[0]!).toBe(6);
    const pick = (...offsets: number[]) => offsets.map((offset) => scimIdOf(scim.core, ids[offset]!));
    const created = await scim.post('/Groups', groupBody('Same sums', pick(0, 4, 5)));
    expect(created.status).toBe(201);
    // The clock stands still, yet the change moves lastModified on by a millisecond, and with it the version.
    const replaced = await scim.put(`/Groups/${created.body.id}`, groupBody('Same sums', pick(1, 2, 6)));
    expect(replaced.status).toBe(200);
    expect(Date.parse(replaced.body.meta.lastModified) - Date.parse(created.body.meta.lastModified)).toBe(1);
    expect(replaced.body.meta.version).not.toBe(created.body.meta.version);
    const stale = await scim.put(`/Groups/${created.body.id}`, groupBody('Same sums', pick(0, 4, 5)), { 'If-Match': created.body.meta.version });
    expect(stale.status).toBe(412);
  });
});
