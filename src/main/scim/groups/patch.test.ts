import { describe, expect, it } from 'vitest';
import { value } from '../../test-support/seats-helpers';
import { auditOf, groupBody, groupState, groupsServer, patchOps, teamMemberIds, teamIdOf } from '../test-support/group-fixtures';

async function withGroup(memberNames: string[] = ['ana', 'bo']) {
  const scim = await groupsServer();
  const created = (await scim.post('/Groups', groupBody('Platform', memberNames.map((name) => scim.ids[name]!), { externalId: 'ext-1' }))).body;
  return { scim, id: created.id as string, created };
}

describe('PATCH /Groups/:id', () => {
  it('adds members and answers 204 No Content with the new ETag', async () => {
    const { scim, id } = await withGroup(['ana']);
    const answer = await scim.patch(`/Groups/${id}`, patchOps({ op: 'add', path: 'members', value: [{ value: scim.ids.bo }, { value: scim.ids.cy }] }));
    expect(answer.status).toBe(204);
    expect(answer.body).toBeNull();
    expect(teamMemberIds(scim.core, id)).toEqual([scim.ids.ana, scim.ids.bo, scim.ids.cy]);
    // The 204 carries the group's new version, so a client can send If-Match next without reading the group.
    const read = await scim.get(`/Groups/${id}?excludedAttributes=members`);
    expect(answer.headers.get('etag')).toBe(read.body.meta.version);
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'remove', path: 'members', value: [{ value: scim.ids.cy }] }), { 'If-Match': answer.headers.get('etag')! })).status).toBe(204);
  });

  it('answers 200 with the resource when the client asks for attributes', async () => {
    const { scim, id } = await withGroup(['ana']);
    const answer = await scim.patch(`/Groups/${id}?excludedAttributes=members`, patchOps({ op: 'add', path: 'members', value: [{ value: scim.ids.bo }] }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id, displayName: 'Platform' });
    expect(answer.body.members).toBeUndefined();
    expect(answer.headers.get('etag')).toBe(answer.body.meta.version);
  });

  it('adding a member already in the group changes nothing, not even lastModified', async () => {
    const { scim, id, created } = await withGroup(['ana']);
    scim.clock.advance(60_000);
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'add', path: 'members', value: [{ value: scim.ids.ana }] }))).status).toBe(204);
    expect((await scim.get(`/Groups/${id}`)).body.meta).toEqual(created.meta);
  });

  it('removes members[value eq "id"] (Okta), and a member not in the group without an error', async () => {
    const { scim, id } = await withGroup(['ana', 'bo']);
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'remove', path: `members[value eq "${scim.ids.bo}"]` }))).status).toBe(204);
    expect(teamMemberIds(scim.core, id)).toEqual([scim.ids.ana]);
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'remove', path: `members[value eq "${scim.ids.bo}"]` }))).status).toBe(204);
    expect(teamMemberIds(scim.core, id)).toEqual([scim.ids.ana]);
  });

  it('removes members selected by any member filter', async () => {
    const { scim, id } = await withGroup(['ana', 'bo', 'cy']);
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'remove', path: 'members[display sw "b" or display sw "C"]' }))).status).toBe(204);
    expect(teamMemberIds(scim.core, id)).toEqual([scim.ids.ana]);
  });

  it('removes the members in a value list with no filter (Entra), and all of them with neither', async () => {
    const { scim, id } = await withGroup(['ana', 'bo', 'cy']);
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'remove', path: 'members', value: [{ value: scim.ids.ana }, { value: '424242' }] }))).status).toBe(204);
    expect(teamMemberIds(scim.core, id)).toEqual([scim.ids.bo, scim.ids.cy]);
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'remove', path: 'members' }))).status).toBe(204);
    expect(teamMemberIds(scim.core, id)).toEqual([]);
    expect(auditOf(scim.core, 'team.member.remove').map((event) => event.actor.name)).toEqual(['Okta', 'Okta', 'Okta']);
  });

  it('replaces all members, adding and removing only the difference', async () => {
    const { scim, id } = await withGroup(['ana', 'bo']);
    const adds = auditOf(scim.core, 'team.member.add').length;
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'replace', path: 'members', value: [{ value: scim.ids.bo }, { value: scim.ids.cy }] }))).status).toBe(204);
    expect(teamMemberIds(scim.core, id)).toEqual([scim.ids.bo, scim.ids.cy]);
    expect(auditOf(scim.core, 'team.member.add').length - adds).toBe(1);
    expect(auditOf(scim.core, 'team.member.remove')).toHaveLength(1);
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'replace', path: 'members', value: [] }))).status).toBe(204);
    expect(teamMemberIds(scim.core, id)).toEqual([]);
  });

  it('replaces the members a filter selects, and answers noTarget when it selects none', async () => {
    const { scim, id } = await withGroup(['ana', 'bo']);
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'replace', path: `members[value eq "${scim.ids.ana}"]`, value: [{ value: scim.ids.di }] }))).status).toBe(204);
    expect(teamMemberIds(scim.core, id)).toEqual([scim.ids.bo, scim.ids.di]);
    const none = await scim.patch(`/Groups/${id}`, patchOps({ op: 'replace', path: `members[value eq "${scim.ids.ana}"]`, value: [{ value: scim.ids.cy }] }));
    expect(none).toMatchObject({ status: 400, body: { scimType: 'noTarget' } });
  });

  it('renames with path displayName, with a no-path value, and refuses a name another team has (409)', async () => {
    const { scim, id } = await withGroup();
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'replace', path: 'displayName', value: 'Core Platform' }))).status).toBe(204);
    expect(value(await scim.core.invoke('teams:get', { id: teamIdOf(scim.core, id) })).name).toBe('Core Platform');
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'replace', value: { displayName: 'Platform Team', externalId: 'ext-2' } }))).status).toBe(204);
    expect((await scim.get(`/Groups/${id}`)).body).toMatchObject({ displayName: 'Platform Team', externalId: 'ext-2' });
    value(await scim.core.invoke('teams:create', { name: 'Design' }));
    expect(await scim.patch(`/Groups/${id}`, patchOps({ op: 'replace', path: 'displayName', value: 'DESIGN' }))).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
    expect(auditOf(scim.core, 'team.rename').map((event) => [event.actor.name, event.after])).toEqual([
      ['Okta', { name: 'Core Platform' }],
      ['Okta', { name: 'Platform Team' }],
    ]);
  });

  it('sets and removes externalId, audited', async () => {
    const { scim, id } = await withGroup();
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'add', path: 'externalId', value: 'ext-9' }))).status).toBe(204);
    expect((await scim.get(`/Groups/${id}`)).body.externalId).toBe('ext-9');
    expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'remove', path: 'externalId' }))).status).toBe(204);
    expect((await scim.get(`/Groups/${id}`)).body.externalId).toBeUndefined();
    expect(auditOf(scim.core, 'team.externalId').map((event) => [event.actor, event.before, event.after])).toEqual([
      [{ type: 'scim', name: 'Okta' }, { externalId: null }, { externalId: 'ext-1' }],
      [{ type: 'scim', name: 'Okta' }, { externalId: 'ext-1' }, { externalId: 'ext-9' }],
      [{ type: 'scim', name: 'Okta' }, { externalId: 'ext-9' }, { externalId: null }],
    ]);
  });

  it('applies operations in order and atomically: a later failing one undoes an earlier member add', async () => {
    const { scim, id } = await withGroup(['ana']);
    value(await scim.core.invoke('members:remove', { accountId: scim.accounts.di! }));
    const before = groupState(scim.core);
    const answer = await scim.patch(
      `/Groups/${id}`,
      patchOps(
        { op: 'add', path: 'members', value: [{ value: scim.ids.bo }] },
        { op: 'replace', path: 'displayName', value: 'Renamed' },
        { op: 'add', path: 'members', value: [{ value: scim.ids.di }] },
      ),
    );
    expect(answer).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(answer.body.detail).toContain(`There is no user with id "${scim.ids.di}"`);
    expect(groupState(scim.core)).toEqual(before);
  });

  it('refuses to add a member without a seat, never taking one for them, and changes nothing', async () => {
    const { scim, id } = await withGroup(['ana']);
    const before = groupState(scim.core);
    const answer = await scim.patch(`/Groups/${id}`, patchOps({ op: 'add', path: 'members', value: [{ value: '31337' }] }));
    expect(answer).toMatchObject({ status: 400, body: { status: '400', scimType: 'invalidValue' } });
    expect(answer.body.detail).toContain('"31337"');
    expect(groupState(scim.core)).toEqual(before);
  });

  it('refuses read-only attributes (mutability), unknown paths (invalidPath) and a remove with no path (noTarget)', async () => {
    const { scim, id } = await withGroup();
    const before = groupState(scim.core);
    const cases: [Record<string, unknown>, string][] = [
      [{ op: 'replace', path: 'id', value: '5' }, 'mutability'],
      [{ op: 'replace', path: 'meta.lastModified', value: '2020-01-01T00:00:00Z' }, 'mutability'],
      [{ op: 'replace', value: { id: '999', displayName: 'x' } }, 'mutability'],
      [{ op: 'replace', path: 'owner', value: 'x' }, 'invalidPath'],
      [{ op: 'replace', path: 'members[value eq', value: [] }, 'invalidPath'],
      [{ op: 'remove', path: 'members[owner eq "x"]' }, 'invalidPath'],
      [{ op: 'add', path: `members[value eq "${scim.ids.ana}"]`, value: [] }, 'invalidPath'],
      [{ op: 'replace', path: 'members.display', value: 'x' }, 'invalidPath'],
      [{ op: 'remove' }, 'noTarget'],
      [{ op: 'remove', path: 'displayName' }, 'invalidValue'],
      [{ op: 'add', path: 'members', value: [{ display: 'no value' }] }, 'invalidValue'],
      [{ op: 'add', path: 'members', value: [{ value: scim.ids.bo, type: 'Group' }] }, 'invalidValue'],
      [{ op: 'move', path: 'displayName', value: 'x' }, 'invalidSyntax'],
    ];
    for (const [operation, scimType] of cases) {
      const answer = await scim.patch(`/Groups/${id}`, patchOps(operation));
      expect([JSON.stringify(operation), answer.status, answer.body.scimType]).toEqual([JSON.stringify(operation), 400, scimType]);
    }
    expect(groupState(scim.core)).toEqual(before);
  });

  it('refuses a body that is not a PatchOp with invalidSyntax, and an unknown group with 404', async () => {
    const { scim, id } = await withGroup();
    expect(await scim.patch(`/Groups/${id}`, { Operations: [{ op: 'add', path: 'externalId', value: 'x' }] })).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
    expect(await scim.patch(`/Groups/${id}`, patchOps())).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
    expect(await scim.patch('/Groups/999', patchOps({ op: 'add', path: 'externalId', value: 'x' }))).toMatchObject({ status: 404 });
  });

  it('honours If-Match: 412 for another version, applied for the current one', async () => {
    const { scim, id, created } = await withGroup(['ana']);
    const stale = await scim.patch(`/Groups/${id}`, patchOps({ op: 'add', path: 'members', value: [{ value: scim.ids.bo }] }), { 'If-Match': 'W/"stale"' });
    expect(stale).toMatchObject({ status: 412, body: { status: '412' } });
    expect(teamMemberIds(scim.core, id)).toEqual([scim.ids.ana]);
    const fresh = await scim.patch(`/Groups/${id}`, patchOps({ op: 'add', path: 'members', value: [{ value: scim.ids.bo }] }), { 'If-Match': created.meta.version });
    expect(fresh.status).toBe(204);
    const after = (await scim.get(`/Groups/${id}`)).body;
    expect(after.meta.version).not.toBe(created.meta.version);
  });

  it('adds one member at a time to a large group by primary key, without reading the group', async () => {
    const emails = Array.from({ length: 300 }, (_, index) => `user${index}@acme.example`);
    const scim = await groupsServer(emails, { seats: 400 });
    const ids = Object.values(scim.ids);
    const id = (await scim.post('/Groups', groupBody('Everyone', ids.slice(0, 250)))).body.id as string;
    for (const member of ids.slice(250)) {
      expect((await scim.patch(`/Groups/${id}`, patchOps({ op: 'Add', path: 'members', value: [{ value: member }] }))).status).toBe(204);
    }
    expect(teamMemberIds(scim.core, id)).toHaveLength(300);
    expect((await scim.get(`/Groups/${id}?excludedAttributes=members`)).body.members).toBeUndefined();
  });
});
