import { describe, expect, it, vi } from 'vitest';
import { value } from '../test-support/seats-helpers';
import { scimServer } from './test-support/client';
import { userBody } from './test-support/user-fixtures';

const logged = (scim: Awaited<ReturnType<typeof scimServer>>) => scim.core.scim.log.list({ search: '', outcome: 'all', offset: 0, limit: 50 }).rows;

describe('the request log', () => {
  it('logs the real cause of a 500, and its stack in the log file, while the answer stays generic', async () => {
    const scim = await scimServer();
    const logError = vi.fn();
    scim.core.scim.context.logError = logError;
    vi.spyOn(scim.core.scim.context.services.members, 'add').mockImplementation(() => {
      throw new Error('disk on fire');
    });
    const answer = await scim.post('/Users', userBody('pat@acme.example'));
    expect(answer).toMatchObject({ status: 500, body: { status: '500', detail: 'Roster hit an unexpected problem; nothing was changed.' } });
    expect(JSON.stringify(answer.body)).not.toContain('disk on fire');
    expect(logged(scim)[0]).toMatchObject({ status: 500, tokenName: 'Okta', detail: 'Unexpected error: Error: disk on fire' });
    // With its stack, in the process's log file.
    expect(logError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk on fire' }), 'scim');
  });

  it('logs the name of a revoked or expired token and why it was refused; an unknown token stays nameless', async () => {
    const scim = await scimServer();
    const admin = { type: 'app' as const, name: 'admin' };
    const revoked = value(scim.core.scim.tokens.create({ name: 'Old Entra' }, admin));
    value(scim.core.scim.tokens.revoke(revoked.token.id, admin));
    const expiring = value(scim.core.scim.tokens.create({ name: 'Trial', expiresInDays: 1 }, admin));
    scim.clock.advance(2 * 24 * 60 * 60 * 1000);
    for (const secret of [revoked.secret, expiring.secret, 'roster_scim_nope']) {
      const answer = await scim.get('/Users', { Authorization: `Bearer ${secret}` });
      expect(answer).toMatchObject({ status: 401, body: { detail: 'The bearer token is not valid: it is unknown, expired or revoked.' } });
    }
    const [unknown, expired, wasRevoked] = logged(scim);
    expect(wasRevoked).toMatchObject({ status: 401, tokenName: 'Old Entra' });
    expect(wasRevoked!.detail).toContain('token "Old Entra" was revoked at 2026-03-01T09:00:00.000Z');
    expect(expired).toMatchObject({ status: 401, tokenName: 'Trial' });
    expect(expired!.detail).toContain('token "Trial" expired at 2026-03-02T09:00:00.000Z');
    expect(unknown).toMatchObject({ status: 401, tokenName: null });
    expect(unknown!.detail).toContain('unknown token');
  });

  it('answers a request whose headers are too large (431) with a SCIM error body, and logs it', async () => {
    const scim = await scimServer();
    const path = `/Users?filter=${encodeURIComponent(`userName eq "${'a'.repeat(20 * 1024)}@acme.example"`)}`;
    const answer = await scim.get(path);
    expect(answer.status).toBe(431);
    expect(answer.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    expect(answer.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '431' });
    expect(answer.body.detail).toContain('POST /Users/.search');
    const [line] = logged(scim);
    expect(line).toMatchObject({ status: 431, method: 'GET', tokenName: null });
    expect(line!.path.startsWith('/scim/v2/Users?filter=')).toBe(true);
    expect(line!.path.length).toBeLessThanOrEqual(2000);
    // The server still answers afterwards.
    expect((await scim.get('/ServiceProviderConfig')).status).toBe(200);
  });
});
