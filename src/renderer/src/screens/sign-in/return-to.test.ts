import { describe, expect, it } from 'vitest';
import { forNativeApp, returnPathFrom } from './return-to';

describe('returnPathFrom', () => {
  it('answers a path of this server, with its query', () => {
    expect(returnPathFrom('?returnTo=%2Fnative-sign-in%2Fabc')).toBe('/native-sign-in/abc');
    expect(returnPathFrom('?returnTo=/teams/4?tab=members')).toBe('/teams/4?tab=members');
    expect(returnPathFrom(`?returnTo=${encodeURIComponent('/teams/4?tab=members')}`)).toBe('/teams/4?tab=members');
    expect(forNativeApp('/native-sign-in/abc')).toBe(true);
    expect(forNativeApp('/teams')).toBe(false);
    expect(forNativeApp(null)).toBe(false);
  });

  it('refuses another site, the sign-in routes, and anything but a path', () => {
    for (const value of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/.//evil.example', 'teams', '/auth/oidc/start', '/%0d%0a', '/a\nb']) {
      expect(returnPathFrom(`?returnTo=${encodeURIComponent(value)}`), value).toBe(value === '/%0d%0a' ? '/%0d%0a' : null);
    }
    expect(returnPathFrom('')).toBeNull();
  });
});
