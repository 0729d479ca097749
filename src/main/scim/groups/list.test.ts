import { describe, expect, it } from 'vitest';
import { groupBody, groupsServer } from '../test-support/group-fixtures';

/** Three groups made a minute apart: Alpha (ana, bo; ext-a), beta (cy), Gamma (no members, no externalId). */
async function threeGroups() {
  const scim = await groupsServer();
  const alpha = (await scim.post('/Groups', groupBody('Alpha', [scim.ids.ana!, scim.ids.bo!], { externalId: 'ext-a' }))).body;
  scim.clock.advance(60_000);
  const beta = (await scim.post('/Groups', groupBody('beta', [scim.ids.cy!], { externalId: 'EXT-b' }))).body;
  scim.clock.advance(60_000);
  const gamma = (await scim.post('/Groups', groupBody('Gamma'))).body;
  return { scim, alpha, beta, gamma };
}

const names = (answer: { body: { Resources: { displayName: string }[] } }) => answer.body.Resources.map((group) => group.displayName);
const q = encodeURIComponent;

describe('/Groups: filters, pages, sorting and attributes', () => {
  it('filters displayName ignoring case, with eq, sw, co and ew', async () => {
    const { scim } = await threeGroups();
    expect(names(await scim.get(`/Groups?filter=${q('displayName eq "ALPHA"')}`))).toEqual(['Alpha']);
    expect(names(await scim.get(`/Groups?filter=${q('displayName sw "b"')}`))).toEqual(['beta']);
    expect(names(await scim.get(`/Groups?filter=${q('displayName co "MM"')}`))).toEqual(['Gamma']);
    expect(names(await scim.get(`/Groups?filter=${q('displayName ew "A"')}`))).toEqual(['Alpha', 'beta', 'Gamma']);
    expect(names(await scim.get(`/Groups?filter=${q('urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "gamma"')}`))).toEqual(['Gamma']);
  });

  it('finds a name as uniqueness compares it (ß and SS alike)', async () => {
    const scim = await groupsServer();
    await scim.post('/Groups', groupBody('Straße'));
    expect(names(await scim.get(`/Groups?filter=${q('displayName eq "STRASSE"')}`))).toEqual(['Straße']);
    expect(names(await scim.get(`/Groups?filter=${q('displayName eq "straße"')}`))).toEqual(['Straße']);
  });

  it('filters id and externalId exactly, and by meta dates', async () => {
    const { scim, beta } = await threeGroups();
    expect(names(await scim.get(`/Groups?filter=${q(`id eq "${beta.id}"`)}`))).toEqual(['beta']);
    expect(names(await scim.get(`/Groups?filter=${q('externalId eq "EXT-b"')}`))).toEqual(['beta']);
    expect((await scim.get(`/Groups?filter=${q('externalId eq "ext-b"')}`)).body.totalResults).toBe(0);
    expect(names(await scim.get(`/Groups?filter=${q('externalId pr')}`))).toEqual(['Alpha', 'beta']);
    expect(names(await scim.get(`/Groups?filter=${q('meta.created gt "2026-03-01T09:00:30Z"')}`))).toEqual(['beta', 'Gamma']);
    expect(names(await scim.get(`/Groups?filter=${q('meta.lastModified le "2026-03-01T09:01:00.000Z" and not (externalId eq "ext-a")')}`))).toEqual(['beta']);
  });

  it('filters on members: by value, by a value path and with or', async () => {
    const { scim } = await threeGroups();
    expect(names(await scim.get(`/Groups?filter=${q(`members eq "${scim.ids.bo}"`)}`))).toEqual(['Alpha']);
    expect(names(await scim.get(`/Groups?filter=${q(`members[value eq "${scim.ids.cy}"]`)}`))).toEqual(['beta']);
    expect(names(await scim.get(`/Groups?filter=${q('members.display sw "ana"')}`))).toEqual(['Alpha']);
    expect(names(await scim.get(`/Groups?filter=${q(`members.value eq "${scim.ids.cy}" or displayName eq "gamma"`)}`))).toEqual(['beta', 'Gamma']);
    expect(names(await scim.get(`/Groups?filter=${q('not (members pr)')}`))).toEqual(['Gamma']);
  });

  it('answers a filter it cannot read or an unknown attribute with 400 invalidFilter', async () => {
    const { scim } = await threeGroups();
    expect(await scim.get(`/Groups?filter=${q('displayName eq')}`)).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
    expect(await scim.get(`/Groups?filter=${q('owner eq "x"')}`)).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
  });

  it('pages with a 1-based startIndex and count, totalResults counting every match; count=0 gives totals only', async () => {
    const { scim } = await threeGroups();
    const page = await scim.get('/Groups?startIndex=2&count=1');
    expect(page.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(names(page)).toEqual(['beta']);
    expect((await scim.get('/Groups?startIndex=4&count=2')).body).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
    expect((await scim.get('/Groups?count=0')).body).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
    expect((await scim.get('/Groups?startIndex=0&count=2')).body).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    expect(await scim.get('/Groups?count=two')).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
  });

  it('sorts by displayName ignoring case, externalId with unassigned values last, and descending', async () => {
    const { scim } = await threeGroups();
    expect(names(await scim.get('/Groups?sortBy=displayName'))).toEqual(['Alpha', 'beta', 'Gamma']);
    expect(names(await scim.get('/Groups?sortBy=displayName&sortOrder=descending'))).toEqual(['Gamma', 'beta', 'Alpha']);
    expect(names(await scim.get('/Groups?sortBy=externalId'))).toEqual(['beta', 'Alpha', 'Gamma']);
    expect(names(await scim.get('/Groups?sortBy=meta.created&sortOrder=descending&count=2'))).toEqual(['Gamma', 'beta']);
    expect(await scim.get('/Groups?sortBy=members')).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
  });

  it('returns only the attributes asked for, or leaves out the excluded ones; id and schemas always', async () => {
    const { scim, alpha } = await threeGroups();
    const only = await scim.get(`/Groups/${alpha.id}?attributes=displayName`);
    expect(only.body).toEqual({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: alpha.id, displayName: 'Alpha' });
    expect(only.headers.get('etag')).toBe(alpha.meta.version);
    const memberValues = await scim.get(`/Groups?filter=${q('displayName eq "Alpha"')}&attributes=members.value`);
    expect(memberValues.body.Resources[0]).toEqual({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: alpha.id, members: [{ value: scim.ids.ana }, { value: scim.ids.bo }] });
    const excluded = await scim.get(`/Groups/${alpha.id}?excludedAttributes=members,meta`);
    expect(excluded.body).toEqual({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: alpha.id, externalId: 'ext-a', displayName: 'Alpha' });
  });

  it('gives the same version with or without members, and answers If-None-Match with 304', async () => {
    const { scim, alpha } = await threeGroups();
    const lean = await scim.get(`/Groups/${alpha.id}?excludedAttributes=members`);
    expect(lean.body.members).toBeUndefined();
    expect(lean.body.meta.version).toBe(alpha.meta.version);
    const unchanged = await scim.get(`/Groups/${alpha.id}`, { 'If-None-Match': alpha.meta.version });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(alpha.meta.version);
    expect((await scim.get(`/Groups/${alpha.id}`, { 'If-None-Match': 'W/"other"' })).status).toBe(200);
  });

  it('searches with POST /Groups/.search', async () => {
    const { scim } = await threeGroups();
    const found = await scim.post('/Groups/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'displayName sw "a" or displayName sw "g"',
      sortBy: 'displayName',
      sortOrder: 'descending',
      excludedAttributes: ['members'],
      startIndex: 1,
      count: 10,
    });
    expect(found.status).toBe(200);
    expect(names(found)).toEqual(['Gamma', 'Alpha']);
    expect(found.body.Resources[1].members).toBeUndefined();
  });

  it('lists each group exactly as reading it alone answers it, members and version included', async () => {
    const { scim, alpha, beta, gamma } = await threeGroups();
    const listed = (await scim.get('/Groups')).body.Resources as Record<string, unknown>[];
    const alone = await Promise.all([alpha, beta, gamma].map(async (group) => (await scim.get(`/Groups/${group.id}`)).body));
    expect(listed).toEqual(alone);
    const without = (await scim.get('/Groups?excludedAttributes=members')).body.Resources as { members?: unknown; meta: { version: string } }[];
    expect(without.map((group) => [group.members, group.meta.version])).toEqual(alone.map((group) => [undefined, group.meta.version]));
  });
});
