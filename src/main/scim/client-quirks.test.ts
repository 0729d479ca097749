import { describe, expect, it } from 'vitest';
import { scimServer } from './test-support/client';
import { USER_SCHEMA, userBody } from './test-support/user-fixtures';

/** Small refusals real clients trip on: each is either served or refused with a SCIM error, never a 500. */
describe('what real SCIM clients send', () => {
  it('reads a body sent with no Content-Type as JSON, and still refuses a type that is not JSON with 415', async () => {
    const scim = await scimServer();
    const body = JSON.stringify(userBody('ana@acme.example'));
    const bare = await fetch(`${scim.baseUrl}/Users`, { method: 'POST', headers: { Authorization: `Bearer ${scim.secret}` }, body: new Blob([body]) });
    expect(bare.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    expect(bare.status).toBe(201);
    const id = ((await bare.json()) as { id: string }).id;
    const patched = await fetch(`${scim.baseUrl}/Users/${id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${scim.secret}` },
      body: new Blob([JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'displayName', value: 'Ana' }] })]),
    });
    expect(patched.status).toBe(200);
    const wrong = await scim.post('/Users', body, { 'Content-Type': 'text/plain' });
    expect(wrong).toMatchObject({ status: 415, body: { status: '415' } });
  });

  it('answers writes to the discovery endpoints with 405 and Allow: GET', async () => {
    const scim = await scimServer();
    for (const path of ['/ServiceProviderConfig', '/Schemas', '/ResourceTypes', `/Schemas/${USER_SCHEMA}`, '/ResourceTypes/User']) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const answer = await scim.request(method, path, method === 'DELETE' ? undefined : {});
        expect(answer.status, `${method} ${path}`).toBe(405);
        expect(answer.headers.get('allow')).toBe('GET');
        expect(answer.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '405' });
      }
    }
    expect((await scim.get('/ServiceProviderConfig')).status).toBe(200);
  });

  it('refuses sortBy naming no attribute, __proto__ and constructor among them, with 400 (never 500)', async () => {
    const scim = await scimServer();
    for (const resource of ['Users', 'Groups']) {
      for (const sortBy of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nothing']) {
        const answer = await scim.get(`/${resource}?sortBy=${sortBy}`);
        expect(answer, `${resource} sortBy=${sortBy}`).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
      }
      for (const filter of ['__proto__ eq "x"', 'constructor pr']) {
        expect((await scim.get(`/${resource}?filter=${encodeURIComponent(filter)}`)).status, `${resource} ${filter}`).toBe(400);
      }
    }
  });

  it('reads a quoted filter value that ends in an escaped backslash, or holds one', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('ana@acme.example', { displayName: 'DOMAIN\\ana\\' }));
    expect(created.status).toBe(201);
    const found = async (filter: string) => ((await scim.get(`/Users?filter=${encodeURIComponent(filter)}`)).body.Resources ?? []).length;
    expect(await found('displayName eq "DOMAIN\\\\ana\\\\"')).toBe(1);
    expect(await found('displayName sw "DOMAIN\\\\" and userName eq "ana@acme.example"')).toBe(1);
    expect(await found('displayName eq "a\\\\"')).toBe(0);
    expect(await found('displayName eq "say \\"hi\\""')).toBe(0);
    expect((await scim.get(`/Users?filter=${encodeURIComponent('displayName eq "unterminated\\"')}`)).status).toBe(400);
  });
});
