import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addMembers, usage } from '../../test-support/seats-helpers';
import { scimServer } from '../test-support/client';
import { accountIdOf, ENTERPRISE_USER_SCHEMA, patchBody, userBody } from '../test-support/user-fixtures';

const filterFor = (filter: string) => `/Users?filter=${encodeURIComponent(filter)}`;

describe('the Okta dialect', () => {
  it('tests the connection with GET /Users?startIndex=1&count=2', async () => {
    const scim = await scimServer();
    await addMembers(scim.core, 'a@acme.example', 'b@acme.example', 'c@acme.example');
    const answer = await scim.get('/Users?startIndex=1&count=2');
    expect(answer).toMatchObject({ status: 200, body: { totalResults: 3, startIndex: 1, itemsPerPage: 2 } });
    expect(answer.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
  });

  it('looks a user up by userName before creating it, then creates it', async () => {
    const scim = await scimServer();
    const lookup = await scim.get(filterFor('userName eq "new.hire@acme.example"'));
    expect(lookup.body).toMatchObject({ totalResults: 0, Resources: [] });
    const created = await scim.post('/Users', userBody('new.hire@acme.example', { externalId: '00u1abcd' }));
    expect(created.status).toBe(201);
    const found = await scim.get(filterFor('userName eq "New.Hire@acme.example"'));
    expect(found.body.Resources.map((user: { id: string }) => user.id)).toEqual([created.body.id]);
  });

  it('deactivates with PATCH replace {"active": false} without a path, and reactivates', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('okta@acme.example'));
    const off = await scim.patch(`/Users/${created.body.id}`, patchBody({ op: 'replace', value: { active: false } }));
    expect(off).toMatchObject({ status: 200, body: { active: false } });
    expect((await usage(scim.core)).members).toBe(0);
    expect((await scim.get(`/Users/${created.body.id}`)).body.externalId).toBe(created.body.externalId);
    const on = await scim.patch(`/Users/${created.body.id}`, patchBody({ op: 'replace', value: { active: true } }));
    expect(on).toMatchObject({ status: 200, body: { active: true } });
    expect((await usage(scim.core)).members).toBe(1);
  });

  it('deactivates by PUT of the whole user with active false, and reactivates by PUT', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('okta.put@acme.example'));
    const team = await scim.core.invoke('teams:create', { name: 'Ops', role: 'member' });
    if (!team.ok) throw new Error(team.error.message);
    await scim.core.invoke('teams:addMembers', { teamId: team.value.id, accountIds: [accountIdOf(scim.core, created.body.id)] });
    const whole = { ...created.body, active: false };
    const off = await scim.put(`/Users/${created.body.id}`, whole);
    expect(off).toMatchObject({ status: 200, body: { active: false } });
    expect(off.body.groups).toBeUndefined();
    expect((await usage(scim.core)).members).toBe(0);
    const on = await scim.put(`/Users/${created.body.id}`, { ...whole, active: true });
    expect(on.body.active).toBe(true);
  });
});

describe('the Microsoft Entra ID dialect', () => {
  it('tests the connection with a filter that matches nothing: 200 and an empty list', async () => {
    const scim = await scimServer();
    const answer = await scim.get(filterFor(`userName eq "non-existent-${randomUUID()}"`));
    expect(answer).toMatchObject({ status: 200, body: { totalResults: 0, Resources: [], itemsPerPage: 0 } });
  });

  it('applies capitalised ops ("Replace", "Add", "Remove") and "True"/"False" strings for active', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('entra@acme.example'));
    const off = await scim.patch(
      `/Users/${created.body.id}`,
      patchBody({ op: 'Replace', path: 'active', value: 'False' }, { op: 'Add', path: 'title', value: 'Analyst' }, { op: 'Remove', path: 'name.familyName' }),
    );
    expect(off).toMatchObject({ status: 200, body: { active: false, title: 'Analyst' } });
    expect(off.body.name.familyName).toBeUndefined();
    const on = await scim.patch(`/Users/${created.body.id}`, patchBody({ op: 'Replace', path: 'active', value: 'True' }));
    expect(on.body.active).toBe(true);
  });

  it('creates users with active given as the string "True"', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('str@acme.example', { active: 'True' }));
    expect(created).toMatchObject({ status: 201, body: { active: true } });
  });

  it('applies a no-path Replace whose keys are dotted ("name.givenName") or name the extension', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('dots@acme.example'));
    const answer = await scim.patch(
      `/Users/${created.body.id}`,
      patchBody({
        op: 'Replace',
        value: {
          'name.givenName': 'Dora',
          'name.familyName': 'Dots',
          displayName: 'Dora Dots',
          [`${ENTERPRISE_USER_SCHEMA}:employeeNumber`]: '701',
          [ENTERPRISE_USER_SCHEMA]: { division: 'EMEA' },
          'emails[type eq "work"].value': 'dora@acme.example',
        },
      }),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({
      name: { givenName: 'Dora', familyName: 'Dots' },
      displayName: 'Dora Dots',
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '701', division: 'EMEA' },
      emails: [{ value: 'dora@acme.example', type: 'work', primary: true }],
    });
  });

  it('sets the enterprise extension department with its URN path', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('dept@acme.example'));
    const answer = await scim.patch(
      `/Users/${created.body.id}`,
      patchBody({ op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Finance' }),
    );
    expect(answer.body[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Finance' });
    expect((await scim.get(filterFor(`${ENTERPRISE_USER_SCHEMA}:department eq "Finance"`))).body.totalResults).toBe(1);
  });

  it('finds users by externalId (Entra\'s matching attribute), exactly', async () => {
    const scim = await scimServer();
    await scim.post('/Users', userBody('ext@acme.example', { externalId: '6b1c9a52-Entra' }));
    expect((await scim.get(filterFor('externalId eq "6b1c9a52-Entra"'))).body.totalResults).toBe(1);
    expect((await scim.get(filterFor('externalId eq "6B1C9A52-ENTRA"'))).body.totalResults).toBe(0);
  });
});

describe('seats under concurrent POSTs', () => {
  it('gives exactly as many users as there were free seats', async () => {
    const scim = await scimServer({ seats: 8 });
    await addMembers(scim.core, 'a@acme.example', 'b@acme.example', 'c@acme.example');
    const answers = await Promise.all(Array.from({ length: 30 }, (_, index) => scim.post('/Users', userBody(`race${index}@acme.example`))));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 403)).toHaveLength(25);
    for (const refused of answers.filter((answer) => answer.status === 403)) expect(refused.body.detail).toContain('No free seats: 8 of 8 in use');
    expect((await usage(scim.core)).members).toBe(8);
    expect(scim.core.db.prepare('SELECT count(*) FROM scim_users').pluck().get()).toBe(5);
  });
});
