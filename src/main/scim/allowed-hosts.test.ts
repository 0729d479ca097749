import { describe, expect, it } from 'vitest';
import { allowedScimHosts, isValidPublicHost, normaliseHostName } from './allowed-hosts';

describe('the SCIM server’s host names', () => {
  it('allows the listen address, loopback names and the public names, nothing else', () => {
    const hosts = allowedScimHosts('0.0.0.0', ['SCIM.Acme.example']);
    expect([...hosts].sort()).toEqual(['0.0.0.0', '127.0.0.1', 'localhost', 'scim.acme.example']);
  });

  it.each([
    ['127.0.0.1:8787', '127.0.0.1'],
    ['LOCALHOST:8787', 'localhost'],
    ['[::1]:8787', '::1'],
    ['::1', '::1'],
    ['scim.acme.example', 'scim.acme.example'],
    ['evil.example', 'evil.example'],
    ['evil.example:80:80', null],
    ['user@evil.example', null],
    ['evil.example/127.0.0.1', null],
    ['', null],
    [undefined, null],
  ])('reads %s as %s', (value, expected) => {
    expect(normaliseHostName(value)).toBe(expected);
  });

  it.each([
    ['scim.acme.example', true],
    ['10.0.0.5', true],
    ['https://scim.acme.example', false],
    ['scim.acme.example:443', false],
    ['scim.acme.example/path', false],
    ['.acme.example', false],
    ['', false],
  ])('--public-host %s is %s', (value, valid) => {
    expect(isValidPublicHost(value)).toBe(valid);
  });
});
