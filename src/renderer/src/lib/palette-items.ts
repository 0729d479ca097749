import type { MenuCommand } from '@shared/menu-commands';
import type { Domain } from '@shared/schemas/domains';
import type { MemberSearchResult } from '@shared/schemas/members';
import type { OrgSummary } from '@shared/schemas/orgs';
import type { TeamSummary } from '@shared/schemas/teams';
import { compareCodePoints, countOf, foldText } from '@shared/text';
import { domainHref, memberHref, organizationHref, screenHref, teamHref, unmanagedHref } from './route';
import type { Channel } from '@shared/ipc/contract';

export type PaletteKind = 'screen' | 'action' | 'member' | 'team' | 'organization' | 'domain';

/** A place to go (href), or an action run as its menu item runs it (command). */
export type PaletteItem = { id: string; kind: PaletteKind; label: string; detail: string } & (
  | { href: string; command?: undefined }
  | { command: MenuCommand; href?: undefined }
);

/** At most this many of each kind, so that one long list never hides the others. */
export const PER_KIND = 6;

export const KIND_LABEL: Record<PaletteKind, string> = {
  screen: 'Screens',
  action: 'Actions',
  member: 'Members',
  team: 'Teams',
  organization: 'Organizations',
  domain: 'Domains',
};

const SCREENS: PaletteItem[] = [
  { id: 'screen:licenses', kind: 'screen', label: 'Licenses', detail: 'Seats, members and invitations', href: screenHref('licenses') },
  { id: 'screen:teams', kind: 'screen', label: 'Teams', detail: 'Teams and the organizations they reach', href: screenHref('teams') },
  { id: 'screen:organizations', kind: 'screen', label: 'Organizations', detail: 'Organizations and their members', href: screenHref('organizations') },
  { id: 'screen:domains', kind: 'screen', label: 'Domains', detail: 'Verification, capture and lock', href: screenHref('domains') },
  { id: 'screen:unmanaged', kind: 'screen', label: 'Unmanaged accounts', detail: 'Accounts on your domains without a seat', href: unmanagedHref() },
  { id: 'screen:reports', kind: 'screen', label: 'Activity', detail: 'Import events, the activity report, idle seats', href: screenHref('reports') },
  { id: 'screen:scim', kind: 'screen', label: 'SCIM', detail: 'Provisioning from Okta and Entra ID', href: screenHref('scim') },
  { id: 'screen:audit', kind: 'screen', label: 'Audit log', detail: 'Every change, who made it and when', href: screenHref('audit') },
  { id: 'screen:compare', kind: 'screen', label: 'Compare', detail: 'What changed between two copies: seats, members, access', href: screenHref('compare') },
  { id: 'screen:settings', kind: 'screen', label: 'Settings', detail: 'Database, backups, seats, appearance', href: screenHref('settings') },
];

/** What the File menu does, for browser mode (which has no menu) and for the keyboard. */
const ACTIONS: PaletteItem[] = [
  { id: 'action:import-events', kind: 'action', label: 'Import activity events…', detail: 'Sign-ups, logins and opens from a file', command: 'import-events' },
  { id: 'action:export-report', kind: 'action', label: 'Export activity report…', detail: 'The user activity report as CSV', command: 'export-report' },
  { id: 'action:backup', kind: 'action', label: 'Back up database…', detail: 'A copy of the whole database, now', command: 'backup' },
];

/** Only where the app may switch files (the desktop app; not browser mode). */
const DATABASE_ACTIONS: PaletteItem[] = [
  { id: 'action:open-database', kind: 'action', label: 'Open database…', detail: 'Work on another Roster file', command: 'open-database' },
  { id: 'action:new-database', kind: 'action', label: 'New enterprise…', detail: 'Start a new Roster file', command: 'new-database' },
];

/** Every word typed starts a word of the text, ignoring case and accents: "ana" finds "Ana Lima", not "Unmanaged". */
export function matchesWords(text: string, typed: string): boolean {
  const words = foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return foldText(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .every((part) => words.some((word) => word.startsWith(part)));
}

/** Names that start with what was typed come first, then by name. */
function byRelevance(typed: string) {
  const start = foldText(typed.trim());
  return (a: PaletteItem, b: PaletteItem) => {
    const aStarts = foldText(a.label).startsWith(start) ? 0 : 1;
    const bStarts = foldText(b.label).startsWith(start) ? 0 : 1;
    return aStarts - bStarts || compareCodePoints(foldText(a.label), foldText(b.label));
  };
}

/** The call each action makes: an action is offered only to whom may call it (the server's console, by role). */
const ACTION_CHANNELS: Record<string, Channel> = {
  'action:import-events': 'activity:import',
  'action:export-report': 'report:export',
  'action:backup': 'backups:create',
  'action:open-database': 'app:chooseDatabase',
  'action:new-database': 'app:chooseDatabase',
};

export interface PaletteSources {
  /** Whether Open database and New enterprise are offered (AppInfo.canChooseDatabase). */
  canChooseDatabase?: boolean;
  /** Whether this window may call a channel (data/may-call.ts); everything when left out. */
  mayCall?: (channel: Channel) => boolean;
  members: MemberSearchResult[];
  teams: TeamSummary[];
  orgs: OrgSummary[];
  domains: Domain[];
}

/**
 * What the palette lists for what was typed: screens, actions, then members
 * (already searched by main), teams, organizations and domains, each at most
 * PER_KIND. With nothing typed, the screens and the actions.
 */
export function paletteItems(typed: string, sources: PaletteSources): PaletteItem[] {
  const actions = (sources.canChooseDatabase ? [...ACTIONS, ...DATABASE_ACTIONS] : ACTIONS).filter((item) => sources.mayCall?.(ACTION_CHANNELS[item.id]!) ?? true);
  if (typed.trim() === '') return [...SCREENS, ...actions];
  const pick = (items: PaletteItem[]) => items.filter((item) => matchesWords(`${item.label} ${item.detail}`, typed)).sort(byRelevance(typed)).slice(0, PER_KIND);
  return [
    ...pick(SCREENS),
    ...pick(actions),
    ...sources.members.slice(0, PER_KIND).map((member) => ({
      id: `member:${member.accountId}`,
      kind: 'member' as const,
      label: member.name || member.email,
      detail: member.name ? member.email : 'Member',
      href: memberHref(member.accountId),
    })),
    ...pick(
      sources.teams.map((team) => ({
        id: `team:${team.id}`,
        kind: 'team' as const,
        label: team.name,
        detail: `${countOf(team.memberCount, 'member')}${team.source === 'scim' ? ', from the identity provider' : ''}`,
        href: teamHref(team.id),
      })),
    ),
    ...pick(
      sources.orgs.map((org) => ({
        id: `organization:${org.id}`,
        kind: 'organization' as const,
        label: org.name,
        detail: countOf(org.memberCount, 'direct member'),
        href: organizationHref(org.id),
      })),
    ),
    ...pick(
      sources.domains.map((domain) => ({
        id: `domain:${domain.id}`,
        kind: 'domain' as const,
        label: domain.display,
        detail: domain.verified ? 'Verified' : 'Not verified',
        href: domainHref(domain.id),
      })),
    ),
  ];
}
