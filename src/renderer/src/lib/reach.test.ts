import { describe, expect, it } from 'vitest';
import type { OrgAccess } from '@shared/schemas/access';
import { describeReach } from './reach';

const viaTeam = (orgId: number, teamId: number): OrgAccess => ({ org: { id: orgId, name: `Org ${orgId}` }, role: 'member', paths: [{ kind: 'team', teamId, teamName: `Team ${teamId}`, role: 'member' }] });
const direct = (orgId: number): OrgAccess => ({ org: { id: orgId, name: `Org ${orgId}` }, role: 'member', paths: [{ kind: 'direct', role: 'member' }] });

describe("a member's reach, in one sentence", () => {
  it('names only the kinds of path the member has, counting teams once', () => {
    expect(describeReach([])).toBe('Reaches no organization yet.');
    expect(describeReach([viaTeam(1, 7), viaTeam(2, 7)])).toBe('Reaches 2 organizations through 1 team.');
    expect(describeReach([direct(1)])).toBe('Reaches 1 organization through 1 direct membership.');
    expect(describeReach([viaTeam(1, 7), direct(2), { ...direct(3), paths: [...direct(3).paths, ...viaTeam(3, 8).paths] }])).toBe(
      'Reaches 3 organizations through 2 teams and 2 direct memberships.',
    );
  });
});
