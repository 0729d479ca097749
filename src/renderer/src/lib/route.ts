import { useSyncExternalStore } from 'react';

/** The screens the sidebar lists, in its order. */
export const screens = ['licenses', 'organizations', 'settings'] as const;
export type Screen = (typeof screens)[number];

/** Where the app is: a screen, or one organization's page. Kept in the address (#/...), so reloading keeps it. */
export type Route = { screen: Screen } | { screen: 'organization'; orgId: number };

function readRoute(): string {
  return window.location.hash;
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'organizations' && parts[1] && /^\d+$/.test(parts[1])) return { screen: 'organization', orgId: Number(parts[1]) };
  const name = parts[0] ?? '';
  return { screen: (screens as readonly string[]).includes(name) ? (name as Screen) : 'licenses' };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  // The hash string is the snapshot (stable between renders); the route is derived from it.
  return parseRoute(useSyncExternalStore(subscribe, readRoute));
}

export function screenHref(screen: Screen): string {
  return `#/${screen}`;
}

export function organizationHref(orgId: number): string {
  return `#/organizations/${orgId}`;
}

/** The sidebar entry a route belongs to. */
export function sectionOf(route: Route): Screen {
  return route.screen === 'organization' ? 'organizations' : route.screen;
}
