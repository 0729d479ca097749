import { describe, expect, it } from 'vitest';
import { addMembers, snapshot, usage, value } from '../../test-support/seats-helpers';
import { scimServer } from '../test-support/client';
import { accountIdOf, ENTERPRISE_USER_SCHEMA, scimIdOf, userBody } from '../test-support/user-fixtures';

describe('/Users: create, read, replace and delete', () => {
  it('creates a user that takes a seat, answering 201 with Location, ETag and the resource', async () => {
    const scim = await scimServer({ seats: 5 });
    const created = await scim.post('/Users', userBody('Ana.Lima@Acme.example', { externalId: 'okta-1' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      // Returned as the provider spelled it; the account's address has the domain lower-cased.
      userName: 'Ana.Lima@Acme.example',
      externalId: 'okta-1',
      active: true,
      name: { givenName: 'Ana.Lima', familyName: 'Test' },
      meta: { resourceType: 'User', created: '2026-03-01T09:00:00.000Z', location: `${scim.baseUrl}/Users/${created.body.id}` },
    });
    expect(created.headers.get('location')).toBe(created.body.meta.location);
    expect(created.headers.get('etag')).toBe(created.body.meta.version);
    expect((await usage(scim.core)).members).toBe(1);
    const source = scim.core.db.prepare('SELECT source FROM members').pluck().get();
    expect(source).toBe('scim');
    expect(scim.core.db.prepare('SELECT name FROM accounts').pluck().get()).toBe('Ana.Lima Test');
    expect(scim.core.db.prepare('SELECT email FROM accounts').pluck().get()).toBe('Ana.Lima@acme.example');
    const read = await scim.get(`/Users/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('refuses a user with no address, in userName or emails (400 invalidValue), and a body without userName', async () => {
    const scim = await scimServer();
    // userBody puts the userName in emails too: here neither is an address.
    const bad = await scim.post('/Users', userBody('not-an-email'));
    expect(bad).toMatchObject({ status: 400, body: { status: '400', scimType: 'invalidValue' } });
    expect(bad.body.detail).toContain('not-an-email');
    expect(await scim.post('/Users', { schemas: [], displayName: 'x' })).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(scim.core.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(0);
  });

  it('answers 409 uniqueness for a userName already used in any case, by a SCIM user or a member added by hand', async () => {
    const scim = await scimServer();
    await scim.post('/Users', userBody('ana@acme.example'));
    const again = await scim.post('/Users', userBody('ANA@ACME.EXAMPLE'));
    expect(again).toMatchObject({ status: 409, body: { status: '409', scimType: 'uniqueness' } });
    await addMembers(scim.core, 'bo@acme.example');
    expect(await scim.post('/Users', userBody('Bo@acme.example'))).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
  });

  it('makes an existing unmanaged account a user, keeping the name an admin gave it', async () => {
    const scim = await scimServer();
    value(scim.core.services.members.recordSignup('cy@acme.example', 'Cy Admin-Given', { type: 'import', name: 'events.csv' }));
    const created = await scim.post('/Users', userBody('cy@acme.example', { displayName: 'Cy From IdP' }));
    expect(created.status).toBe(201);
    expect(created.body.displayName).toBe('Cy From IdP');
    expect(scim.core.db.prepare('SELECT name FROM accounts').pluck().get()).toBe('Cy Admin-Given');
  });

  it('answers 403 naming the numbers when no seat is free, and creates nothing', async () => {
    const scim = await scimServer({ seats: 1 });
    await addMembers(scim.core, 'first@acme.example');
    const before = snapshot(scim.core);
    const refused = await scim.post('/Users', userBody('second@acme.example'));
    expect(refused).toMatchObject({ status: 403, body: { status: '403' } });
    expect(refused.body.detail).toBe('No free seats: 1 of 1 in use (1 member, 0 pending invitations). Release a seat, or raise the seat count.');
    expect(snapshot(scim.core)).toEqual(before);
    expect(scim.core.db.prepare('SELECT count(*) FROM scim_users').pluck().get()).toBe(0);
  });

  it('creates an inactive user without a seat, even when none is free', async () => {
    const scim = await scimServer({ seats: 1 });
    await addMembers(scim.core, 'first@acme.example');
    const created = await scim.post('/Users', userBody('later@acme.example', { active: false }));
    expect(created).toMatchObject({ status: 201, body: { active: false } });
    expect((await usage(scim.core)).members).toBe(1);
  });

  it('accepts a live invitation to the address, on the seat it holds', async () => {
    const scim = await scimServer({ seats: 1 });
    value(await scim.core.invoke('invitations:create', { email: 'inv@acme.example', teamIds: [], orgIds: [], role: 'member' }));
    const created = await scim.post('/Users', userBody('inv@acme.example'));
    expect(created.status).toBe(201);
    expect(scim.core.db.prepare('SELECT status FROM invitations').pluck().get()).toBe('accepted');
    expect((await usage(scim.core)).inUse).toBe(1);
  });

  it('keeps the enterprise extension and any other extension as sent', async () => {
    const scim = await scimServer();
    const other = 'urn:example:params:scim:schemas:extension:custom:2.0:User';
    const created = await scim.post(
      '/Users',
      userBody('ext@acme.example', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE_USER_SCHEMA, other],
        [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '42', department: 'Sales', manager: { value: '7', displayName: 'Boss' } },
        [other]: { badge: 'B-1' },
        title: 'Engineer',
        phoneNumbers: [{ value: '+1 555', type: 'work' }],
      }),
    );
    const read = await scim.get(`/Users/${created.body.id}`);
    expect(read.body[ENTERPRISE_USER_SCHEMA]).toEqual({ employeeNumber: '42', department: 'Sales', manager: { value: '7', displayName: 'Boss' } });
    expect(read.body[other]).toEqual({ badge: 'B-1' });
    expect(read.body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE_USER_SCHEMA, other]);
    expect(read.body).toMatchObject({ title: 'Engineer', phoneNumbers: [{ value: '+1 555', type: 'work' }] });
  });

  it('shows a member added by hand as a user, from the account, without writing anything', async () => {
    const scim = await scimServer();
    const [member] = await addMembers(scim.core, 'hand@acme.example');
    const auditBefore = scim.core.services.audit.list().length;
    const read = await scim.get(`/Users/${scimIdOf(scim.core, member!.accountId)}`);
    expect(read.body).toMatchObject({ userName: 'hand@acme.example', active: true, emails: [{ value: 'hand@acme.example', type: 'work', primary: true }] });
    expect(read.body.externalId).toBeUndefined();
    expect(scim.core.db.prepare('SELECT count(*) FROM scim_users').pluck().get()).toBe(0);
    expect(scim.core.services.audit.list().length).toBe(auditBefore);
  });

  it('lists the groups the provider put the user in as read-only groups, and no team made by hand', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('team@acme.example'));
    const manual = value(await scim.core.invoke('teams:create', { name: 'Hand made', role: 'member' }));
    value(await scim.core.invoke('teams:addMembers', { teamId: manual.id, accountIds: [accountIdOf(scim.core, created.body.id)] }));
    const group = (await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Platform', members: [{ value: created.body.id }] })).body;
    const read = await scim.get(`/Users/${created.body.id}`);
    expect(read.body.groups).toEqual([{ value: group.id, $ref: `${scim.baseUrl}/Groups/${group.id}`, display: 'Platform' }]);
    expect(read.body.meta.version).not.toBe(created.body.meta.version);
  });

  it('answers 404 for ids that are not users', async () => {
    const scim = await scimServer();
    value(scim.core.services.members.recordSignup('outside@acme.example', '', { type: 'import', name: 'f' }));
    for (const id of ['1', '999', 'abc', '-1']) expect(await scim.get(`/Users/${id}`)).toMatchObject({ status: 404, body: { status: '404' } });
  });

  it('replaces a user with PUT: names, externalId and a new free address', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('put@acme.example'));
    const replaced = await scim.put(`/Users/${created.body.id}`, userBody('renamed@acme.example', { externalId: 'x-2', displayName: 'New Name', name: { givenName: 'New' } }));
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ userName: 'renamed@acme.example', externalId: 'x-2', displayName: 'New Name', name: { givenName: 'New' } });
    expect(replaced.body.name.familyName).toBeUndefined();
    expect(scim.core.db.prepare('SELECT email || \' \' || name FROM accounts').pluck().get()).toBe('renamed@acme.example New Name');
  });

  it('refuses a PUT to an address another account has (409 uniqueness)', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('one@acme.example'));
    value(scim.core.services.members.recordSignup('two@acme.example', '', { type: 'import', name: 'f' }));
    expect(await scim.put(`/Users/${created.body.id}`, userBody('TWO@acme.example'))).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
  });

  it('frees the seat with PUT active false and takes one again with active true (403 when none is free)', async () => {
    const scim = await scimServer({ seats: 1 });
    const created = await scim.post('/Users', userBody('seat@acme.example'));
    const off = await scim.put(`/Users/${created.body.id}`, userBody('seat@acme.example', { active: false }));
    expect(off.body.active).toBe(false);
    expect((await usage(scim.core)).members).toBe(0);
    const [other] = await addMembers(scim.core, 'other@acme.example');
    const refused = await scim.put(`/Users/${created.body.id}`, userBody('seat@acme.example', { displayName: 'Changed' }));
    expect(refused).toMatchObject({ status: 403 });
    expect(refused.body.detail).toContain('No free seats: 1 of 1 in use');
    expect((await scim.get(`/Users/${created.body.id}`)).body).toMatchObject({ active: false, displayName: 'seat Test' });
    value(await scim.core.invoke('members:remove', { accountId: other!.accountId }));
    expect((await scim.put(`/Users/${created.body.id}`, userBody('seat@acme.example'))).body.active).toBe(true);
  });

  it('checks If-Match (412 on another version) and answers If-None-Match with 304', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('tag@acme.example'));
    const version = created.body.meta.version as string;
    expect((await scim.get(`/Users/${created.body.id}`, { 'If-None-Match': version })).status).toBe(304);
    const stale = await scim.put(`/Users/${created.body.id}`, userBody('tag@acme.example', { displayName: 'X' }), { 'If-Match': 'W/"old"' });
    expect(stale).toMatchObject({ status: 412, body: { status: '412' } });
    const fresh = await scim.put(`/Users/${created.body.id}`, userBody('tag@acme.example', { displayName: 'X' }), { 'If-Match': version });
    expect(fresh.status).toBe(200);
    expect(fresh.body.meta.version).not.toBe(version);
    expect((await scim.delete(`/Users/${created.body.id}`, { 'If-Match': version })).status).toBe(412);
  });

  it('deletes a user: the seat is freed and the resource gone, the account stays', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('gone@acme.example'));
    const deleted = await scim.delete(`/Users/${created.body.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    expect(await scim.get(`/Users/${created.body.id}`)).toMatchObject({ status: 404 });
    expect((await usage(scim.core)).members).toBe(0);
    expect(scim.core.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(1);
    expect((await scim.delete(`/Users/${created.body.id}`)).status).toBe(404);
    expect((await scim.post('/Users', userBody('gone@acme.example'))).status).toBe(201);
  });

  it('records every change with the token as actor', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('audit@acme.example'));
    await scim.put(`/Users/${created.body.id}`, userBody('audit@acme.example', { externalId: 'e-9' }));
    await scim.delete(`/Users/${created.body.id}`);
    const events = scim.core.services.audit.list().filter((event) => event.actor.type === 'scim');
    expect(events.map((event) => event.action)).toEqual(['account.create', 'member.add', 'scim.user.create', 'scim.user.update', 'member.remove', 'scim.user.delete']);
    expect(new Set(events.map((event) => event.actor.name))).toEqual(new Set(['Okta']));
    expect(events[3]!.after).toMatchObject({ externalId: 'e-9' });
  });
});
