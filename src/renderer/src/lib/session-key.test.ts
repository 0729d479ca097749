import { describe, expect, it } from 'vitest';
import { sessionKeyHeaders, takeSessionKey, type KeyPlace } from './session-key';

const KEY = 'k'.repeat(43);

/** An address bar, its history entry and the origin's storage, as plain objects. */
function tab(hash: string, stored: Record<string, string> = {}) {
  const location = { hash, pathname: '/', search: '' };
  const replaced: string[] = [];
  const items = { ...stored };
  const place: KeyPlace = {
    location,
    history: {
      state: null,
      replaceState: (_state: unknown, _unused: string, url?: string | URL | null) => {
        replaced.push(String(url));
        location.hash = '';
      },
    },
    storage: () => ({ getItem: (name: string) => items[name] ?? null, setItem: (name: string, value: string) => void (items[name] = value) }),
  };
  return { place, replaced, items, location };
}

describe('takeSessionKey', () => {
  it('takes the key from the fragment once, keeps it and clears the address', () => {
    const opened = tab(`#key=${KEY}`);
    expect(takeSessionKey(opened.place)).toBe(KEY);
    expect(opened.replaced).toEqual(['/']);
    expect(Object.values(opened.items)).toEqual([KEY]);
  });

  it('finds it again after a reload, or in another tab on the address, which has only a route', () => {
    const opened = tab(`#key=${KEY}`);
    takeSessionKey(opened.place);
    const reloaded = tab('#/teams/4', opened.items);
    expect(takeSessionKey(reloaded.place)).toBe(KEY);
    expect(reloaded.replaced).toEqual([]);
  });

  it('has none in a browser that never opened the link, and leaves a route alone', () => {
    const other = tab('#/settings');
    expect(takeSessionKey(other.place)).toBeNull();
    expect(other.replaced).toEqual([]);
    expect(sessionKeyHeaders(null)).toEqual({});
    expect(sessionKeyHeaders(KEY)).toEqual({ 'X-Roster-Session': KEY });
  });

  it('still works for the page when storage is turned off', () => {
    const opened = tab(`#key=${KEY}`);
    opened.place.storage = () => {
      throw new Error('SecurityError');
    };
    expect(takeSessionKey(opened.place)).toBe(KEY);
    expect(opened.replaced).toEqual(['/']);
  });
});
