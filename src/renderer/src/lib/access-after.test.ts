import { describe, expect, it } from 'vitest';
import { resolveAccess, type AccessPath } from '@shared/access';
import type { OrgAccess } from '@shared/schemas/access';
import type { OrgRole } from '@shared/schemas/members';
import { accessAfter, describeAccessAfter, listNames, roleWarning, type AccessChange } from './access-after';

const direct = (role: OrgRole): AccessPath => ({ kind: 'direct', role });
const team = (teamId: number, teamName: string, role: OrgRole): AccessPath => ({ kind: 'team', teamId, teamName, role });

/** One organization as access:member gives it: the role and every path, ordered by the access rule. */
function org(id: number, name: string, ...paths: AccessPath[]): OrgAccess {
  const resolved = resolveAccess(paths)!;
  return { org: { id, name }, role: resolved.role, paths: resolved.paths };
}

const DEV = 7;
const LEADS = 8;
const ADMINS = 9;

const say = (organizations: OrgAccess[], change: AccessChange) => describeAccessAfter('Ana Lima', accessAfter(organizations, change));

describe('what access remains after leaving an organization, a team, or a role change', () => {
  it('direct membership and a team: leaving the organization keeps what the team gives, leaving the team keeps the direct role', () => {
    const access = [org(1, 'Engineering', direct('owner'), team(DEV, 'Dev', 'admin'))];
    expect(accessAfter(access, { kind: 'leaveOrg', orgId: 1 })).toEqual([
      { org: { id: 1, name: 'Engineering' }, before: 'owner', after: 'admin', through: team(DEV, 'Dev', 'admin') },
    ]);
    expect(say(access, { kind: 'leaveOrg', orgId: 1 })).toBe('Ana Lima drops from Owner to Admin in Engineering through Dev.');
    expect(say(access, { kind: 'leaveTeam', teamId: DEV })).toBe('Ana Lima keeps Owner in Engineering directly.');

    const equal = [org(1, 'Engineering', direct('admin'), team(DEV, 'Dev', 'admin'))];
    expect(say(equal, { kind: 'leaveOrg', orgId: 1 })).toBe('Ana Lima keeps Admin in Engineering through Dev.');
  });

  it('two teams: leaving one keeps what the other gives, the higher of what is left winning', () => {
    const access = [org(1, 'Engineering', team(DEV, 'Dev', 'member'), team(LEADS, 'Leads', 'admin'))];
    expect(say(access, { kind: 'leaveTeam', teamId: LEADS })).toBe('Ana Lima drops from Admin to Member in Engineering through Dev.');
    expect(say(access, { kind: 'leaveTeam', teamId: DEV })).toBe('Ana Lima keeps Admin in Engineering through Leads.');
    // A third path of the same role: the rule's own tie-break names the winner (teams by name).
    const three = [org(1, 'Engineering', team(DEV, 'Dev', 'admin'), team(LEADS, 'Leads', 'admin'), team(ADMINS, 'Admins', 'admin'))];
    expect(say(three, { kind: 'leaveTeam', teamId: LEADS })).toBe('Ana Lima keeps Admin in Engineering through Admins.');
  });

  it('a team linked to all organizations touches every one, and organizations with the same outcome share a clause', () => {
    const access = [
      org(1, 'Engineering', team(ADMINS, 'Admins', 'admin'), team(DEV, 'Dev', 'member')),
      org(2, 'Product', team(ADMINS, 'Admins', 'admin')),
      org(3, 'Research', team(ADMINS, 'Admins', 'admin')),
      org(4, 'Sales', team(ADMINS, 'Admins', 'admin'), direct('admin')),
    ];
    expect(accessAfter(access, { kind: 'leaveTeam', teamId: ADMINS }).map((outcome) => [outcome.org.name, outcome.after])).toEqual([
      ['Engineering', 'member'],
      ['Product', null],
      ['Research', null],
      ['Sales', 'admin'],
    ]);
    expect(say(access, { kind: 'leaveTeam', teamId: ADMINS })).toBe(
      'Ana Lima drops from Admin to Member in Engineering through Dev, keeps Admin in Sales directly and loses access to Product and Research.',
    );
    // Leaving the direct membership in Sales touches Sales only.
    expect(say(access, { kind: 'leaveOrg', orgId: 4 })).toBe('Ana Lima keeps Admin in Sales through Admins.');
  });

  it('removing the only path loses the organization; a change that touches none says so', () => {
    expect(say([org(1, 'Engineering', direct('member'))], { kind: 'leaveOrg', orgId: 1 })).toBe('Ana Lima loses access to Engineering.');
    expect(say([org(1, 'Engineering', team(DEV, 'Dev', 'member'))], { kind: 'leaveTeam', teamId: DEV })).toBe('Ana Lima loses access to Engineering.');
    // A team linked to no organization, and a direct membership in another organization.
    const access = [org(1, 'Engineering', team(DEV, 'Dev', 'member'))];
    expect(accessAfter(access, { kind: 'leaveTeam', teamId: LEADS })).toEqual([]);
    expect(accessAfter(access, { kind: 'leaveOrg', orgId: 1 })).toEqual([]);
    expect(say(access, { kind: 'leaveTeam', teamId: LEADS })).toBe('Ana Lima loses no access to any organization.');
    expect(accessAfter([], { kind: 'leaveOrg', orgId: 1 })).toEqual([]);
  });

  it('a direct role lowered below a team path leaves the team role in force; raised above it, the direct role wins', () => {
    const access = [org(1, 'Engineering', direct('owner'), team(DEV, 'Dev', 'admin'))];
    expect(accessAfter(access, { kind: 'setRole', orgId: 1, role: 'member' })).toEqual([
      { org: { id: 1, name: 'Engineering' }, before: 'owner', after: 'admin', through: team(DEV, 'Dev', 'admin') },
    ]);
    expect(say(access, { kind: 'setRole', orgId: 1, role: 'member' })).toBe('Ana Lima drops from Owner to Admin in Engineering through Dev.');
    expect(say(access, { kind: 'setRole', orgId: 1, role: 'admin' })).toBe('Ana Lima drops from Owner to Admin in Engineering directly.');
    const lower = [org(1, 'Engineering', direct('member'), team(DEV, 'Dev', 'admin'))];
    expect(say(lower, { kind: 'setRole', orgId: 1, role: 'owner' })).toBe('Ana Lima rises from Admin to Owner in Engineering directly.');
    // The same role as the team's: direct wins the tie, so the role stays and is now direct.
    expect(say(lower, { kind: 'setRole', orgId: 1, role: 'admin' })).toBe('Ana Lima keeps Admin in Engineering directly.');
    // Another organization is untouched.
    expect(accessAfter([...access, org(2, 'Product', direct('member'))], { kind: 'setRole', orgId: 2, role: 'admin' })).toMatchObject([{ org: { name: 'Product' }, after: 'admin' }]);
  });

  it('names a few organizations, then counts the rest', () => {
    expect(listNames([])).toBe('');
    expect(listNames(['A'])).toBe('A');
    expect(listNames(['A', 'B'])).toBe('A and B');
    expect(listNames(['A', 'B', 'C', 'D'])).toBe('A, B, C and D');
    expect(listNames(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 more organizations');
    expect(listNames(['A', 'B', 'C'], 1, 'teams')).toBe('A and 2 more teams');
  });

  it('warns under a proposed direct role when a team keeps another role in force, or when the last owner steps down', () => {
    const withTeam = org(1, 'Engineering', direct('owner'), team(DEV, 'Dev', 'admin'));
    expect(roleWarning(withTeam, 'Ana Lima', 'member', 3)).toBe('Ana Lima drops from Owner to Admin in Engineering through Dev.');
    expect(roleWarning(withTeam, 'Ana Lima', 'member', 1)).toBe('Engineering will have no owner left. Ana Lima drops from Owner to Admin in Engineering through Dev.');
    // The chosen role is what applies: nothing to warn about.
    expect(roleWarning(withTeam, 'Ana Lima', 'admin', 3)).toBeNull();
    expect(roleWarning(org(1, 'Engineering', direct('member')), 'Ana Lima', 'admin', 0)).toBeNull();
    expect(roleWarning(org(1, 'Engineering', direct('owner')), 'Ana Lima', 'admin', 1)).toBe('Engineering will have no owner left.');
  });
});
