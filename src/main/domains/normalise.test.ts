import { describe, expect, it } from 'vitest';
import { isWithin, normaliseDomain } from './normalise';

describe('normaliseDomain', () => {
  it.each([
    ['acme.com', 'acme.com', 'acme.com'],
    ['  ACME.Com.  ', 'acme.com', 'acme.com'],
    ['Eng.Acme.co.uk', 'eng.acme.co.uk', 'eng.acme.co.uk'],
    ['München.de', 'xn--mnchen-3ya.de', 'münchen.de'],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de', 'münchen.de'],
    ['bücher.example', 'xn--bcher-kva.example', 'bücher.example'],
    ['foo.github.io', 'foo.github.io', 'foo.github.io'],
  ])('keeps %j as %j, shown as %j', (input, domain, display) => {
    expect(normaliseDomain(input)).toEqual({ ok: true, domain, display });
  });

  it.each([
    ['com', /is a public suffix/],
    ['co.uk', /is a public suffix/],
    ['github.io', /is a public suffix/],
    ['localhost', /at least two parts/],
    ['acme', /at least two parts/],
    ['acme.notatld', /not a top-level domain anyone can register under/],
    ['192.168.1.1', /IP address/],
    ['a..b.com', /only letters, digits, hyphens and dots/],
    ['acme.com/path', /only letters, digits, hyphens and dots/],
    ['ana@acme.com', /only letters, digits, hyphens and dots/],
    ['-bad.com', /^"-bad\.com" cannot be claimed: each part must be 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen\.$/],
    ['bad-.com', /not starting or ending with a hyphen/],
    ['my_host.acme.com', /^"my_host\.acme\.com" cannot be claimed: a domain has only letters, digits, hyphens and dots\.$/],
    [`${'x'.repeat(64)}.com`, /not a valid domain name|1 to 63/],
    ['', /Enter a domain/],
  ])('refuses %j, saying why', (input, why) => {
    const result = normaliseDomain(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toMatch(why);
  });
});

describe('isWithin', () => {
  it('is true for the domain itself and its subdomains only', () => {
    expect(isWithin('acme.com', 'acme.com')).toBe(true);
    expect(isWithin('eu.acme.com', 'acme.com')).toBe(true);
    expect(isWithin('notacme.com', 'acme.com')).toBe(false);
    expect(isWithin('acme.com', 'eu.acme.com')).toBe(false);
  });
});
