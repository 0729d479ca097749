import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact';

const token = 'roster_scim_Q2hhbmdlTWUtMTIzNDU2Nzg5MGFiY2RlZg';

describe('redactSecrets', () => {
  it.each([
    [`/scim/v2/Users?access_token=${token}`, 'plain, in a credential parameter'],
    [`/scim/v2/Users?filter=userName eq "${token}"`, 'plain, in a filter'],
    [`/scim/v2/Users?x=${token.replace(/_/g, '%5F')}`, 'underscores percent-encoded'],
    [`/scim/v2/Users?x=${token.replace(/_/g, '%255F')}`, 'encoded twice'],
    [`/scim/v2/Users?x=${encodeURIComponent(token).replace(/[a-z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}`, 'every letter encoded'],
    ['/scim/v2/Users?access%5Ftoken=s3cret-value', 'a credential parameter with an encoded name'],
    [`/scim/v2/Users?filter=100% sure&x=${token.replace(/_/g, '%5F')}`, 'next to a stray %'],
  ])('leaves no secret in %s (%s)', (url) => {
    const logged = redactSecrets(url);
    expect(logged).not.toContain(token);
    expect(logged.toLowerCase()).not.toContain(token.slice('roster_scim_'.length).toLowerCase());
    expect(logged).not.toContain('s3cret-value');
    expect(logged).toContain('[redacted]');
  });

  it('leaves text without a secret exactly as it was, encoded or not', () => {
    for (const text of ['/scim/v2/Users?startIndex=1&count=100', '/scim/v2/Users?filter=userName%20eq%20%22ana%40acme.com%22', '100% sure']) {
      expect(redactSecrets(text)).toBe(text);
    }
    expect(redactSecrets(null)).toBeNull();
  });
});
