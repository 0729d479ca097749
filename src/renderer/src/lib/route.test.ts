import { describe, expect, it } from 'vitest';
import { pageKey, parseRoute, routeTitle, screenHref, sectionOf, unmanagedHref } from './route';

describe('routes to the unmanaged accounts', () => {
  it('opens on every unmanaged account, or on those waiting for a seat', () => {
    expect(parseRoute('#/domains/unmanaged')).toEqual({ screen: 'unmanaged', waitingOnly: false });
    expect(parseRoute('#/domains/unmanaged?waiting=1')).toEqual({ screen: 'unmanaged', waitingOnly: true });
    expect(parseRoute('#/domains/unmanaged?waiting=0')).toEqual({ screen: 'unmanaged', waitingOnly: false });
  });

  it('reads back the addresses it writes', () => {
    expect(parseRoute(unmanagedHref())).toEqual({ screen: 'unmanaged', waitingOnly: false });
    expect(parseRoute(unmanagedHref({ waitingOnly: true }))).toEqual({ screen: 'unmanaged', waitingOnly: true });
  });

  it('belongs to Domains, and a filter is the same page', () => {
    expect(sectionOf(parseRoute(unmanagedHref({ waitingOnly: true })))).toBe('domains');
    expect(pageKey(parseRoute(unmanagedHref({ waitingOnly: true })))).toBe(pageKey(parseRoute(unmanagedHref())));
    expect(pageKey(parseRoute('#/domains/3'))).not.toBe(pageKey(parseRoute('#/domains/4')));
  });

  it('ignores a query on other screens', () => {
    expect(parseRoute('#/domains/7?waiting=1')).toEqual({ screen: 'domain', domainId: 7 });
    expect(parseRoute('#/licenses?x=1')).toEqual({ screen: 'licenses' });
  });
});

describe('the SCIM screen', () => {
  it('has its own address and sidebar entry', () => {
    expect(parseRoute(screenHref('scim'))).toEqual({ screen: 'scim' });
    expect(sectionOf(parseRoute('#/scim'))).toBe('scim');
  });
});

describe('the window title names the screen', () => {
  it('names each screen as the sidebar does, and each page by what it is', () => {
    expect(routeTitle(parseRoute('#/licenses'))).toBe('Licenses · Roster');
    expect(routeTitle(parseRoute('#/reports'))).toBe('Activity · Roster');
    expect(routeTitle(parseRoute('#/audit'))).toBe('Audit log · Roster');
    expect(routeTitle(parseRoute('#/teams/7'))).toBe('Team · Roster');
    expect(routeTitle(parseRoute('#/members/3'))).toBe('Member · Roster');
    expect(routeTitle(parseRoute('#/domains/unmanaged'))).toBe('Unmanaged accounts · Roster');
    expect(routeTitle(parseRoute(''))).toBe('Licenses · Roster');
  });
});
