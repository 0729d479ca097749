import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { resolveAccess, ROLE_RANK, type AccessPath } from '@shared/access';
import { orgRoles, type OrgRole } from '@shared/schemas/members';
import { roleRankSql } from './sql';

/** Every list of up to three roles. */
function roleLists(): OrgRole[][] {
  const lists: OrgRole[][] = [[]];
  for (let length = 0; length < 3; length += 1) {
    for (const list of lists.filter((candidate) => candidate.length === length)) for (const role of orgRoles) lists.push([...list, role]);
  }
  return lists.filter((list) => list.length > 0);
}

describe('roleRankSql', () => {
  const db = new Database(':memory:');
  const rank = (roles: OrgRole[], aggregate: 'max' | 'order') => {
    const values = roles.map((role) => `('${role}')`).join(', ');
    return aggregate === 'max'
      ? (db.prepare(`SELECT max(${roleRankSql('role')}) FROM (SELECT column1 AS role FROM (VALUES ${values}))`).pluck().get() as number)
      : (db.prepare(`SELECT role FROM (SELECT column1 AS role FROM (VALUES ${values})) ORDER BY ${roleRankSql('role')} DESC`).pluck().all() as OrgRole[]);
  };

  it('is built from ROLE_RANK', () => {
    for (const role of orgRoles) expect(rank([role], 'max')).toBe(ROLE_RANK[role]);
  });

  it('picks, among any roles, the one resolveAccess picks', () => {
    for (const roles of roleLists()) {
      const paths: AccessPath[] = roles.map((role, index) => ({ kind: 'team', teamId: index + 1, teamName: `T${index}`, role }));
      expect(rank(roles, 'max'), roles.join(',')).toBe(ROLE_RANK[resolveAccess(paths)!.role]);
    }
  });

  it('orders roles as resolveAccess orders paths: owner, admin, member', () => {
    const paths: AccessPath[] = (['member', 'owner', 'admin'] as const).map((role) => ({ kind: 'direct', role }));
    expect(rank(['member', 'owner', 'admin'], 'order')).toEqual(resolveAccess(paths)!.paths.map((path) => path.role));
  });
});
