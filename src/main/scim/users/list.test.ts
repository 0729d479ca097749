import { describe, expect, it } from 'vitest';
import { addMembers, value } from '../../test-support/seats-helpers';
import { scimServer } from '../test-support/client';
import { ENTERPRISE_USER_SCHEMA, scimIdOf, userBody } from '../test-support/user-fixtures';

/** A server with five users: ana, bo (inactive), cy, dee (added by hand) and eve, created a day apart. */
async function fiveUsers() {
  const scim = await scimServer();
  const ids: Record<string, string> = {};
  const day = 24 * 60 * 60 * 1000;
  ids.ana = (await scim.post('/Users', userBody('Ana@acme.example', { externalId: 'EXT-a', displayName: 'Ana Lima', emails: [{ value: 'ana@work.example', type: 'work', primary: true }, { value: 'ana@home.example', type: 'home' }] }))).body.id;
  scim.clock.advance(day);
  ids.bo = (await scim.post('/Users', userBody('bo@acme.example', { externalId: 'ext-b', displayName: 'Bo Berg', active: false, [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' } }))).body.id;
  scim.clock.advance(day);
  ids.cy = (await scim.post('/Users', userBody('cy@other.example', { displayName: 'Cy Chen', name: { givenName: 'Cy', familyName: 'Chen' } }))).body.id;
  scim.clock.advance(day);
  ids.dee = scimIdOf(scim.core, (await addMembers(scim.core, 'dee@acme.example'))[0]!.accountId);
  scim.clock.advance(day);
  ids.eve = (await scim.post('/Users', userBody('eve@acme.example', { displayName: 'Eve Ek', emails: [] }))).body.id;
  value(scim.core.services.members.recordSignup('outsider@acme.example', 'Not A User', { type: 'import', name: 'f' }));
  const find = async (filter: string) => {
    const answer = await scim.get(`/Users?filter=${encodeURIComponent(filter)}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return (answer.body.Resources as { userName: string }[]).map((user) => user.userName.split('@')[0]!.toLowerCase());
  };
  return { scim, ids, find };
}

describe('/Users lists: filters', () => {
  it('compares userName ignoring case, and id and externalId exactly', async () => {
    const { find, ids } = await fiveUsers();
    expect(await find('userName eq "ANA@ACME.EXAMPLE"')).toEqual(['ana']);
    expect(await find(`id eq "${ids.cy}"`)).toEqual(['cy']);
    expect(await find('externalId eq "EXT-a"')).toEqual(['ana']);
    expect(await find('externalId eq "ext-a"')).toEqual([]);
    expect(await find('externalId eq "EXT-B"')).toEqual([]);
  });

  it('supports eq ne co sw ew on text', async () => {
    const { find } = await fiveUsers();
    expect(await find('userName ne "ana@acme.example"')).toEqual(['bo', 'cy', 'dee', 'eve']);
    expect(await find('userName co "OTHER"')).toEqual(['cy']);
    expect(await find('userName sw "B"')).toEqual(['bo']);
    expect(await find('userName ew "@ACME.example"')).toEqual(['ana', 'bo', 'dee', 'eve']);
    expect(await find('displayName co "e"')).toEqual(['bo', 'cy', 'eve']);
  });

  it('supports gt ge lt le on dates and text', async () => {
    const { find } = await fiveUsers();
    expect(await find('meta.created gt "2026-03-02T09:00:00Z"')).toEqual(['cy', 'dee', 'eve']);
    expect(await find('meta.created ge "2026-03-02T09:00:00Z"')).toEqual(['bo', 'cy', 'dee', 'eve']);
    expect(await find('meta.created lt "2026-03-02T09:00:00Z"')).toEqual(['ana']);
    expect(await find('meta.lastModified le "2026-03-02T09:00:00.000Z"')).toEqual(['ana', 'bo']);
    expect(await find('userName gt "cy@"')).toEqual(['cy', 'dee', 'eve']);
  });

  it('supports pr, and presence of the account name for users added by hand', async () => {
    const { find } = await fiveUsers();
    expect(await find('externalId pr')).toEqual(['ana', 'bo']);
    expect(await find('name.familyName pr')).toEqual(['ana', 'bo', 'cy', 'eve']);
    expect(await find('displayName pr')).toEqual(['ana', 'bo', 'cy', 'eve']);
  });

  it('filters on active as a boolean', async () => {
    const { find, scim } = await fiveUsers();
    expect(await find('active eq false')).toEqual(['bo']);
    expect(await find('active eq true and userName sw "a"')).toEqual(['ana']);
    expect(await scim.get(`/Users?filter=${encodeURIComponent('active eq "yes"')}`)).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
  });

  it('combines and, or, not and parentheses', async () => {
    const { find } = await fiveUsers();
    expect(await find('userName sw "a" or userName sw "c"')).toEqual(['ana', 'cy']);
    expect(await find('(userName sw "a" or userName sw "c") and active eq true')).toEqual(['ana', 'cy']);
    expect(await find('not (userName ew "acme.example")')).toEqual(['cy']);
    expect(await find('userName ew "acme.example" and not (externalId pr)')).toEqual(['dee', 'eve']);
  });

  it('filters on emails, with a value filter, and on the address of a user added by hand', async () => {
    const { find } = await fiveUsers();
    expect(await find('emails[type eq "work" and value co "work.example"]')).toEqual(['ana']);
    expect(await find('emails[type eq "home"]')).toEqual(['ana']);
    expect(await find('emails.value eq "DEE@acme.example"')).toEqual(['dee']);
    expect(await find('emails co "home.example"')).toEqual(['ana']);
    expect(await find('emails pr')).toEqual(['ana', 'bo', 'cy', 'dee']);
  });

  it('filters on groups, names and the enterprise extension', async () => {
    const { find, scim, ids } = await fiveUsers();
    const group = await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Platform', members: [{ value: ids.cy }, { value: ids.dee }] });
    expect(await find(`groups.value eq "${group.body.id}"`)).toEqual(['cy', 'dee']);
    expect(await find('groups[display eq "platform"]')).toEqual(['cy', 'dee']);
    expect(await find('name.givenName eq "cy"')).toEqual(['cy']);
    expect(await find(`${ENTERPRISE_USER_SCHEMA}:department eq "sales"`)).toEqual(['bo']);
    expect(await find('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bo@acme.example"')).toEqual(['bo']);
  });

  it('answers an unknown attribute or bad syntax with 400 invalidFilter, and no match with 200 and an empty list', async () => {
    const { scim } = await fiveUsers();
    for (const filter of ['nickName eq "x"', 'userName eq', 'userName xx "a"', '(userName eq "a"']) {
      expect(await scim.get(`/Users?filter=${encodeURIComponent(filter)}`)).toMatchObject({ status: 400, body: { status: '400', scimType: 'invalidFilter' } });
    }
    const none = await scim.get(`/Users?filter=${encodeURIComponent('userName eq "nobody@acme.example"')}`);
    expect(none).toMatchObject({ status: 200, body: { totalResults: 0, Resources: [], startIndex: 1, itemsPerPage: 0 } });
  });
});

describe('/Users lists: pages, order and attributes', () => {
  it('pages with startIndex and count, totalResults counting every match', async () => {
    const { scim } = await fiveUsers();
    const page = await scim.get('/Users?startIndex=2&count=2');
    expect(page.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((user: { userName: string }) => user.userName)).toEqual(['bo@acme.example', 'cy@other.example']);
    const past = await scim.get('/Users?startIndex=50&count=10');
    expect(past.body).toMatchObject({ totalResults: 5, startIndex: 50, itemsPerPage: 0, Resources: [] });
    const below = await scim.get('/Users?startIndex=0&count=1');
    expect(below.body).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
  });

  it('gives totals only for count=0, and caps count at 1000', async () => {
    const { scim } = await fiveUsers();
    expect((await scim.get('/Users?count=0')).body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    expect((await scim.get('/Users?count=5000')).body).toMatchObject({ totalResults: 5, itemsPerPage: 5 });
    expect(await scim.get('/Users?count=abc')).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
  });

  it('sorts by sortBy and sortOrder, users without the value last', async () => {
    const { scim } = await fiveUsers();
    const order = async (query: string) => ((await scim.get(`/Users?${query}`)).body.Resources as { userName: string }[]).map((user) => user.userName.split('@')[0]);
    expect(await order('sortBy=userName&sortOrder=descending')).toEqual(['eve', 'dee', 'cy', 'bo', 'Ana']);
    expect(await order('sortBy=displayName')).toEqual(['Ana', 'bo', 'cy', 'eve', 'dee']);
    expect(await order('sortBy=externalId&sortOrder=descending')).toEqual(['bo', 'Ana', 'eve', 'dee', 'cy']);
    expect(await order('sortBy=meta.created&sortOrder=descending&count=2')).toEqual(['eve', 'dee']);
    expect(await scim.get('/Users?sortBy=favouriteColour')).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(await scim.get('/Users?sortOrder=sideways')).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
  });

  it('returns only the attributes asked for, or all but the excluded ones', async () => {
    const { scim, ids } = await fiveUsers();
    const only = await scim.get('/Users?attributes=userName,name.givenName&count=1');
    expect(Object.keys(only.body.Resources[0]).sort()).toEqual(['id', 'name', 'schemas', 'userName']);
    expect(only.body.Resources[0].name).toEqual({ givenName: 'Ana' });
    const without = await scim.get(`/Users/${ids.bo}?excludedAttributes=emails,name,${ENTERPRISE_USER_SCHEMA}`);
    expect(without.body.emails).toBeUndefined();
    expect(without.body.name).toBeUndefined();
    expect(without.body[ENTERPRISE_USER_SCHEMA]).toBeUndefined();
    expect(without.body.userName).toBe('bo@acme.example');
  });

  it('selects and excludes sub-attributes, of core attributes and of the enterprise extension', async () => {
    const { scim, ids } = await fiveUsers();
    const picked = await scim.get(`/Users/${ids.bo}?attributes=${ENTERPRISE_USER_SCHEMA}:department,emails.value`);
    expect(picked.body[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Sales' });
    expect(picked.body.emails).toEqual([{ value: 'bo@acme.example' }]);
    // A complex attribute with none of the sub-attributes asked for is left out, never "name": {}.
    const noGiven = await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'nameless@acme.example', name: { familyName: 'Only' } });
    const projected = await scim.get(`/Users/${noGiven.body.id}?attributes=emails.value,name.givenName`);
    expect(projected.body.name).toBeUndefined();
    expect(projected.body.emails).toBeUndefined();
    const dropped = await scim.get(`/Users/${ids.cy}?excludedAttributes=name.givenName,emails.primary`);
    expect(dropped.body.name).toEqual({ familyName: 'Chen' });
    expect(dropped.body.emails).toEqual([{ value: 'cy@other.example', type: 'work' }]);
  });

  it('searches with POST /Users/.search', async () => {
    const { scim } = await fiveUsers();
    const found = await scim.post('/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName ew "acme.example"',
      attributes: ['userName'],
      sortBy: 'userName',
      startIndex: 1,
      count: 2,
    });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ totalResults: 4, itemsPerPage: 2 });
    expect(found.body.Resources).toEqual([
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: expect.any(String), userName: 'Ana@acme.example' },
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE_USER_SCHEMA], id: expect.any(String), userName: 'bo@acme.example' },
    ]);
  });

  it('filters in SQL with the email index, paging without reading every user', async () => {
    const { scim } = await fiveUsers();
    const plan = scim.core.db
      .prepare("EXPLAIN QUERY PLAN SELECT a.id FROM accounts a LEFT JOIN members m ON m.account_id = a.id LEFT JOIN scim_users s ON s.account_id = a.id WHERE (m.account_id IS NOT NULL OR s.account_id IS NOT NULL) AND (a.email_key = ?)")
      .all('ana@acme.example') as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING INDEX sqlite_autoindex_accounts|email_key=\?/);
  });
});
