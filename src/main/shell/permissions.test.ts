import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from './permissions';

const app = 'roster://app/index.html';

describe('isPermissionGranted', () => {
  it('lets the app page write to the clipboard, for its Copy buttons', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', `${app}#/scim`, app)).toBe(true);
  });

  it.each([
    ['clipboard-read', `${app}#/scim`],
    ['media', app],
    ['notifications', app],
    ['geolocation', app],
    ['openExternal', app],
    ['clipboard-sanitized-write', 'https://evil.example/'],
    ['clipboard-sanitized-write', 'roster://app/other.html'],
    ['clipboard-sanitized-write', undefined],
  ])('denies %s to %s', (permission, page) => {
    expect(isPermissionGranted(permission, page, app)).toBe(false);
  });
});
