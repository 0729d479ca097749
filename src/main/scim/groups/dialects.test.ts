import { describe, expect, it } from 'vitest';
import { value } from '../../test-support/seats-helpers';
import { GROUP_SCHEMA, groupsServer, patchOps, teamMemberIds, valuesOf, teamIdOf } from '../test-support/group-fixtures';

describe('Okta group push', () => {
  it('looks the group up by displayName, creates it with members, adds, removes and renames it', async () => {
    const scim = await groupsServer();
    const lookup = await scim.get(`/Groups?filter=${encodeURIComponent('displayName eq "Engineering"')}`);
    expect(lookup).toMatchObject({ status: 200, body: { totalResults: 0, Resources: [] } });

    const created = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineering', members: [{ value: scim.ids.ana, display: 'ana@acme.example' }] });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const found = await scim.get(`/Groups?filter=${encodeURIComponent('displayName eq "Engineering"')}`);
    expect(found.body.Resources.map((group: { id: string }) => group.id)).toEqual([id]);

    const add = await scim.patch(`/Groups/${id}`, patchOps({ op: 'add', path: 'members', value: [{ value: scim.ids.bo, display: 'bo@acme.example' }, { value: scim.ids.cy, display: 'cy@acme.example' }] }));
    expect(add.status).toBe(204);

    const remove = await scim.patch(`/Groups/${id}`, patchOps({ op: 'remove', path: `members[value eq "${scim.ids.ana}"]` }));
    expect(remove.status).toBe(204);
    expect(teamMemberIds(scim.core, id)).toEqual([scim.ids.bo, scim.ids.cy]);

    const rename = await scim.patch(`/Groups/${id}`, patchOps({ op: 'replace', value: { id, displayName: 'Engineering Team' } }));
    expect(rename.status).toBe(204);
    const read = await scim.get(`/Groups/${id}`);
    expect(read.body).toMatchObject({ displayName: 'Engineering Team' });
    expect(valuesOf(read.body)).toEqual([scim.ids.bo, scim.ids.cy]);
    expect(value(await scim.core.invoke('teams:find', { name: 'engineering team' }))).toMatchObject({ id: teamIdOf(scim.core, id), source: 'scim' });
  });
});

describe('Microsoft Entra ID groups', () => {
  it('answers the test connection with a filter matching nothing: 200 and an empty list', async () => {
    const scim = await groupsServer();
    const answer = await scim.get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "4b0f1a8e-2f6c-4a57-9f3b-entra-probe"')}`);
    expect(answer).toMatchObject({ status: 200, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, itemsPerPage: 0, Resources: [] } });
  });

  it('looks a group up with excludedAttributes=members and gets no members back', async () => {
    const scim = await groupsServer();
    const id = (await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Sales', externalId: 'aad-1', members: [{ value: scim.ids.ana }] })).body.id as string;
    const answer = await scim.get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Sales"')}`);
    expect(answer.body.totalResults).toBe(1);
    expect(answer.body.Resources[0]).toEqual({
      schemas: [GROUP_SCHEMA],
      id,
      externalId: 'aad-1',
      displayName: 'Sales',
      meta: expect.objectContaining({ resourceType: 'Group', version: expect.any(String) }),
    });
  });

  it('accepts capitalised ops: Add and Remove members with value arrays, Replace displayName and externalId', async () => {
    const scim = await groupsServer();
    const id = (await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Sales', externalId: 'aad-1' })).body.id as string;
    const answer = await scim.patch(
      `/Groups/${id}`,
      patchOps(
        { op: 'Add', path: 'members', value: [{ value: scim.ids.ana }, { value: scim.ids.bo }, { value: scim.ids.cy }] },
        { op: 'Remove', path: 'members', value: [{ value: scim.ids.bo }] },
        { op: 'Replace', path: 'displayName', value: 'Sales EMEA' },
        { op: 'Replace', path: 'externalId', value: 'aad-2' },
      ),
    );
    expect(answer.status).toBe(204);
    const read = await scim.get(`/Groups/${id}`);
    expect(read.body).toMatchObject({ displayName: 'Sales EMEA', externalId: 'aad-2' });
    expect(valuesOf(read.body)).toEqual([scim.ids.ana, scim.ids.cy]);
  });

  it('deletes a group, leaving its members their seats', async () => {
    const scim = await groupsServer();
    const id = (await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Sales', members: [{ value: scim.ids.ana }] })).body.id as string;
    expect((await scim.delete(`/Groups/${id}`)).status).toBe(204);
    expect(value(await scim.core.invoke('members:find', { email: 'ana@acme.example' })).accountId).toBe(scim.accounts.ana!);
  });
});
