import { useSyncExternalStore } from 'react';

/** The screens the sidebar lists, in its order. */
export const screens = ['licenses', 'teams', 'organizations', 'domains', 'reports', 'scim', 'audit', 'compare', 'settings'] as const;
export type Screen = (typeof screens)[number];

/** Where the app is: a screen, or one organization's page. Kept in the address (#/...), so reloading keeps it. */
export type Route =
  | { screen: Screen }
  | { screen: 'organization'; orgId: number }
  | { screen: 'team'; teamId: number }
  | { screen: 'member'; accountId: number }
  | { screen: 'domain'; domainId: number }
  /** waitingOnly: opened to show accounts waiting for a seat (#/domains/unmanaged?waiting=1). */
  | { screen: 'unmanaged'; waitingOnly: boolean };

function readRoute(): string {
  return window.location.hash;
}

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/');
  if (parts[0] === 'domains' && parts[1] === 'unmanaged') return { screen: 'unmanaged', waitingOnly: new URLSearchParams(search).get('waiting') === '1' };
  if (parts[1] && /^\d+$/.test(parts[1])) {
    const id = Number(parts[1]);
    if (parts[0] === 'organizations') return { screen: 'organization', orgId: id };
    if (parts[0] === 'teams') return { screen: 'team', teamId: id };
    if (parts[0] === 'members') return { screen: 'member', accountId: id };
    if (parts[0] === 'domains') return { screen: 'domain', domainId: id };
  }
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

export function teamHref(teamId: number): string {
  return `#/teams/${teamId}`;
}

/** A member's page: what they can reach, and why. */
export function memberHref(accountId: number): string {
  return `#/members/${accountId}`;
}

export function domainHref(domainId: number): string {
  return `#/domains/${domainId}`;
}

/** Accounts on every verified domain that hold no seat; waitingOnly opens it on those waiting for a seat. */
export function unmanagedHref({ waitingOnly = false }: { waitingOnly?: boolean } = {}): string {
  return waitingOnly ? '#/domains/unmanaged?waiting=1' : '#/domains/unmanaged';
}

/** The page a route shows, whatever its filters: a new page starts at its top, a new filter does not. */
export function pageKey(route: Route): string {
  return route.screen === 'unmanaged' ? route.screen : JSON.stringify(route);
}

/** The sidebar entry a route belongs to. */
export function sectionOf(route: Route): Screen {
  if (route.screen === 'organization') return 'organizations';
  if (route.screen === 'team') return 'teams';
  if (route.screen === 'member') return 'licenses';
  if (route.screen === 'domain' || route.screen === 'unmanaged') return 'domains';
  return route.screen;
}

/** What each screen is called, in the sidebar and the window's title. */
export const SCREEN_LABELS: Record<Screen, string> = {
  licenses: 'Licenses',
  teams: 'Teams',
  organizations: 'Organizations',
  domains: 'Domains',
  reports: 'Activity',
  scim: 'SCIM',
  audit: 'Audit log',
  compare: 'Compare',
  settings: 'Settings',
};

const PAGE_LABELS: Record<Exclude<Route['screen'], Screen>, string> = {
  organization: 'Organization',
  team: 'Team',
  member: 'Member',
  domain: 'Domain',
  unmanaged: 'Unmanaged accounts',
};

/** The window's (and the browser tab's) title: the screen, then the app. */
export function routeTitle(route: Route): string {
  const label = route.screen in SCREEN_LABELS ? SCREEN_LABELS[route.screen as Screen] : PAGE_LABELS[route.screen as keyof typeof PAGE_LABELS];
  return `${label} · Roster`;
}
