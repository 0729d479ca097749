import { describe, expect, it } from 'vitest';
import { resolveAccess, type AccessPath } from './access';

const team = (teamId: number, teamName: string, role: 'admin' | 'member'): AccessPath => ({ kind: 'team', teamId, teamName, role });

describe('resolveAccess: the highest role among all paths wins', () => {
  it('has no access without a path', () => {
    expect(resolveAccess([])).toBeNull();
  });

  it('takes the highest role: owner > admin > member', () => {
    const result = resolveAccess([team(1, 'Developers', 'member'), team(2, 'Admins', 'admin'), { kind: 'direct', role: 'member' }]);
    expect(result?.role).toBe('admin');
    expect(result?.winner).toEqual(team(2, 'Admins', 'admin'));
    expect(result?.paths.map((path) => path.role)).toEqual(['admin', 'member', 'member']);
  });

  it('lets a direct owner win over any team', () => {
    expect(resolveAccess([team(2, 'Admins', 'admin'), { kind: 'direct', role: 'owner' }])?.winner).toEqual({ kind: 'direct', role: 'owner' });
  });

  it('breaks a tie in favour of the direct path, then the team first by name', () => {
    expect(resolveAccess([team(1, 'Zeta', 'admin'), { kind: 'direct', role: 'admin' }])?.winner.kind).toBe('direct');
    expect(resolveAccess([team(1, 'Zeta', 'admin'), team(2, 'Alpha', 'admin')])?.winner).toEqual(team(2, 'Alpha', 'admin'));
  });

  it('orders teams of the same role by name key, code point by code point, never by the locale', () => {
    // localeCompare puts Émile between Alpha and Zed; the database (name_key, byte order) after both.
    const result = resolveAccess([team(3, 'Émile', 'member'), team(1, 'Zed', 'member'), team(2, 'ALPHA', 'member'), team(4, 'alpha', 'member')]);
    expect(result?.paths).toEqual([team(2, 'ALPHA', 'member'), team(4, 'alpha', 'member'), team(1, 'Zed', 'member'), team(3, 'Émile', 'member')]);
  });
});
