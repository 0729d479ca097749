import { describe, expect, it } from 'vitest';
import type { PaletteSources } from './palette-items';
import { paletteItems, PER_KIND } from './palette-items';
import { mayCallAs } from '../data/may-call';

const stamp = '2026-03-01T00:00:00.000Z';
const team = (id: number, name: string) => ({ id, name, role: 'member' as const, source: 'manual' as const, allOrgs: false, createdAt: stamp, updatedAt: stamp, version: 1, memberCount: 3, organizations: [] });
const org = (id: number, name: string) => ({ id, name, createdAt: stamp, updatedAt: stamp, version: 1, memberCount: 2, ownerCount: 1 });

const sources: PaletteSources = {
  members: [{ accountId: 7, email: 'ana.lima@acme.example', name: 'Ana Lima', source: 'manual', seatSince: stamp, lastActiveAt: null, orgRole: null, inTeam: false }],
  teams: [team(1, 'Platform'), team(2, 'Design'), ...Array.from({ length: 20 }, (_, i) => team(10 + i, `Plat squad ${i}`))],
  orgs: [org(3, 'Engineering'), org(4, 'Émile’s lab')],
  domains: [],
};

describe('command palette items', () => {
  it('lists every screen, then the actions, when nothing is typed', () => {
    expect(paletteItems('', sources).map((item) => item.label)).toEqual([
      'Licenses',
      'Teams',
      'Organizations',
      'Domains',
      'Unmanaged accounts',
      'Activity',
      'SCIM',
      'Audit log',
      'Compare',
      'Settings',
      'Import activity events…',
      'Export activity report…',
      'Back up database…',
    ]);
  });

  it('finds the File menu’s actions by typing, with Open and New only where the app may switch files', () => {
    expect(paletteItems('back up', sources).filter((item) => item.kind === 'action').map((item) => [item.label, item.command])).toEqual([['Back up database…', 'backup']]);
    expect(paletteItems('report', sources).find((item) => item.kind === 'action')).toMatchObject({ command: 'export-report' });
    const noMembers = { ...sources, members: [] };
    expect(paletteItems('open database', noMembers)).toEqual([]);
    expect(paletteItems('open database', { ...noMembers, canChooseDatabase: true }).map((item) => item.command)).toEqual(['open-database']);
    expect(paletteItems('', { ...sources, canChooseDatabase: true }).filter((item) => item.kind === 'action')).toHaveLength(5);
  });

  it("offers an action only to whom may call it (an auditor in the server's console exports, and neither imports nor backs up)", () => {
    const auditor = paletteItems('', { ...sources, mayCall: (channel) => mayCallAs('auditor', channel) }).filter((item) => item.kind === 'action');
    expect(auditor.map((item) => item.label)).toEqual(['Export activity report…']);
    const admin = paletteItems('', { ...sources, canChooseDatabase: true, mayCall: (channel) => mayCallAs('admin', channel) }).filter((item) => item.kind === 'action');
    // Opening a file is this computer's: never through a server.
    expect(admin.map((item) => item.label)).toEqual(['Import activity events…', 'Export activity report…', 'Back up database…']);
  });

  it('finds screens, members, teams and organizations, each linking to its page', () => {
    expect(paletteItems('set', { ...sources, members: [] }).map((item) => [item.kind, item.label, item.href])).toEqual([['screen', 'Settings', '#/settings']]);
    expect(paletteItems('eng', sources).find((item) => item.kind === 'organization')).toMatchObject({ label: 'Engineering', href: '#/organizations/3' });
    expect(paletteItems('ana', sources).find((item) => item.kind === 'member')).toMatchObject({ label: 'Ana Lima', detail: 'ana.lima@acme.example', href: '#/members/7' });
    expect(paletteItems('emile', sources).map((item) => item.label)).toContain('Émile’s lab');
    // Words are matched from their start: "ana" is not in "Unmanaged accounts".
    expect(paletteItems('ana', { ...sources, members: [] })).toEqual([]);
  });

  it('caps each kind, with names that start with the words first', () => {
    const teams = paletteItems('plat', sources).filter((item) => item.kind === 'team');
    expect(teams).toHaveLength(PER_KIND);
    expect(teams[0]!.label).toBe('Plat squad 0');
    expect(paletteItems('platform', sources).filter((item) => item.kind === 'team').map((item) => item.label)).toEqual(['Platform']);
  });
});
