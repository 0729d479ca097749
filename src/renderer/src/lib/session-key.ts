import { SESSION_KEY_FRAGMENT, SESSION_KEY_HEADER } from '@shared/browser-session';

const STORAGE_ITEM = 'roster.sessionKey';
const IN_FRAGMENT = new RegExp(`^#${SESSION_KEY_FRAGMENT}=([A-Za-z0-9_-]+)$`);

/** Where the key comes from and is kept: the page's address, its history entry and the origin's storage. */
export interface KeyPlace {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: () => Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * Browser mode's session key (shared/browser-session.ts). The one-time link's
 * redirect leaves it in the address's fragment, which no request carries: it
 * is taken from there once, kept in localStorage, and removed from the address
 * bar and the history entry.
 *
 * localStorage belongs to the origin, and the origin includes the port: a
 * server on another port, which does receive the cookie, cannot read it. It
 * outlives a reload, and serves another tab or window the admin opens on the
 * same address (sessionStorage would leave such a tab without it). What stays
 * on disk after browser mode stops is dead: each start makes a new key.
 */
export function takeSessionKey(place: KeyPlace): string | null {
  let storage: Pick<Storage, 'getItem' | 'setItem'> | null = null;
  try {
    storage = place.storage();
  } catch {
    // Storage turned off: the key lives as long as the page; after a reload, the printed address again.
  }
  const found = IN_FRAGMENT.exec(place.location.hash)?.[1];
  if (found) {
    storage?.setItem(STORAGE_ITEM, found);
    place.history.replaceState(place.history.state, '', `${place.location.pathname}${place.location.search}`);
    return found;
  }
  return storage?.getItem(STORAGE_ITEM) ?? null;
}

/** The header a call sends, or none for a tab that holds no key (the server then says how to open Roster). */
export function sessionKeyHeaders(key: string | null): Record<string, string> {
  return key ? { [SESSION_KEY_HEADER]: key } : {};
}
