import { describe, expect, it } from 'vitest';
import { value } from '../test-support/seats-helpers';
import { scimServer } from './test-support/client';

describe('the SCIM server', () => {
  it('answers 401 with a SCIM error to a request without a valid token, changing nothing', async () => {
    const scim = await scimServer();
    for (const authorization of [undefined, 'Bearer nope', 'Basic dXNlcjpwYXNz']) {
      const response = await fetch(`${scim.baseUrl}/Users`, { method: 'POST', headers: { ...(authorization ? { Authorization: authorization } : {}), 'Content-Type': 'application/scim+json' }, body: JSON.stringify({ userName: 'ana@acme.example' }) });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
      expect(await response.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    }
    expect(scim.core.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(0);
  });

  it('refuses a revoked or expired token', async () => {
    const scim = await scimServer();
    const { token, secret } = value(scim.core.scim.tokens.create({ name: 'Entra', expiresInDays: 1 }, { type: 'app', name: 'admin' }));
    const get = () => fetch(`${scim.baseUrl}/ServiceProviderConfig`, { headers: { Authorization: `Bearer ${secret}` } });
    expect((await get()).status).toBe(200);
    scim.clock.advance(2 * 24 * 60 * 60 * 1000);
    expect((await get()).status).toBe(401);
    const other = value(scim.core.scim.tokens.create({ name: 'Other' }, { type: 'app', name: 'admin' }));
    value(scim.core.scim.tokens.revoke(other.token.id, { type: 'app', name: 'admin' }));
    expect((await fetch(`${scim.baseUrl}/Schemas`, { headers: { Authorization: `Bearer ${other.secret}` } })).status).toBe(401);
    expect(value(scim.core.scim.tokens.list()).map((entry) => [entry.name, entry.status])).toEqual([
      ['Entra', 'expired'],
      ['Okta', 'valid'],
      ['Other', 'revoked'],
    ]);
    expect(token.status).toBe('expiringSoon');
  });

  it('describes what it supports, and answers /Bulk and /Me as not supported', async () => {
    const scim = await scimServer();
    const config = await scim.get('/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 1000 }, etag: { supported: true }, sort: { supported: true } });
    const types = await scim.get('/ResourceTypes');
    expect(types.body.Resources.map((type: { id: string }) => type.id)).toEqual(['User', 'Group']);
    const schemas = await scim.get('/Schemas');
    expect(schemas.body.totalResults).toBe(3);
    const user = await scim.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User');
    expect(user.body.attributes.find((attribute: { name: string }) => attribute.name === 'userName')).toMatchObject({ caseExact: false, uniqueness: 'server' });
    expect((await scim.post('/Bulk', { Operations: [] })).body).toMatchObject({ status: '501' });
    expect((await scim.get('/Me')).status).toBe(501);
  });

  it('answers unknown paths, bad JSON and other content types with SCIM errors', async () => {
    const scim = await scimServer();
    expect(await scim.get('/Nope')).toMatchObject({ status: 404, body: { status: '404' } });
    expect(await scim.post('/Bulk', '{not json')).toMatchObject({ status: 400, body: { status: '400', scimType: 'invalidSyntax' } });
    expect((await scim.post('/Bulk', 'userName=x', { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it('logs every request with its token, status and time, and the detail of errors', async () => {
    const scim = await scimServer();
    await scim.get('/ServiceProviderConfig');
    await scim.get('/Nope');
    await fetch(`${scim.baseUrl}/Schemas`);
    const page = scim.core.scim.log.list({ search: '', outcome: 'all', offset: 0, limit: 50 });
    expect(page.rows.map((row) => [row.tokenName, row.method, row.path, row.status])).toEqual([
      [null, 'GET', '/scim/v2/Schemas', 401],
      ['Okta', 'GET', '/scim/v2/Nope', 404],
      ['Okta', 'GET', '/scim/v2/ServiceProviderConfig', 200],
    ]);
    expect(page.rows[1]!.detail).toBe('There is nothing at GET /scim/v2/Nope.');
    expect(scim.core.scim.log.list({ search: '', outcome: 'failed', offset: 0, limit: 50 }).total).toBe(2);
  });

  it('answers DELETE, PUT and PATCH on the /Users and /Groups collections with 405 and a SCIM body, changing nothing', async () => {
    const scim = await scimServer();
    const user = await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ana@acme.example' });
    for (const path of ['/Users', '/Groups']) {
      for (const method of ['DELETE', 'PUT', 'PATCH']) {
        const answer = await scim.request(method, path, method === 'DELETE' ? undefined : {});
        expect(answer, `${method} ${path}`).toMatchObject({ status: 405, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '405' } });
        expect(answer.headers.get('allow')).toBe('GET, POST');
      }
    }
    expect((await scim.get(`/Users/${user.body.id}`)).status).toBe(200);
  });

  it('sends no Content-Type with a 204', async () => {
    const scim = await scimServer();
    const user = await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ana@acme.example' });
    const group = await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales' });
    const patched = await scim.patch(`/Groups/${group.body.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'displayName', value: 'Sales EU' }] });
    expect(patched.status).toBe(204);
    expect(patched.headers.get('content-type')).toBeNull();
    const deleted = await scim.delete(`/Users/${user.body.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('content-type')).toBeNull();
  });
});
