import { useSyncExternalStore } from 'react';

/** The screens there are, in the order the sidebar lists them. */
export const screens = ['organizations', 'settings'] as const;
export type Screen = (typeof screens)[number];

function readScreen(): Screen {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (screens as readonly string[]).includes(name) ? (name as Screen) : 'organizations';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The screen in the address (#/organizations), so reloading keeps it. */
export function useScreen(): Screen {
  return useSyncExternalStore(subscribe, readScreen);
}

export function screenHref(screen: Screen): string {
  return `#/${screen}`;
}
