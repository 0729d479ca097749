import type { Actor } from '@shared/schemas/audit';
import type { InvitationRole } from '@shared/schemas/members';
import { nameKey } from '@shared/schemas/names';
import type { CreateTeamInput, LinkTeamInput, Team, TeamPage, TeamPageInput, TeamSource, TeamSummary } from '@shared/schemas/teams';
import { fail, ok, type Result } from '@shared/result';
import { AUDIT_LIST_LIMIT } from '../audit/lists';
import type { LatestChange } from '../audit/latest-change';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inAtomicWrite, inWriteTransaction } from '../db/transaction';
import type { EnterpriseService } from '../enterprise/service';
import type { MemberRepository } from '../members/repository';
import type { OrgRepository } from '../orgs/repository';
import type { TeamRepository } from './repository';
import { staleTeam } from './stale';

export interface TeamServiceDeps {
  db: Db;
  teams: TeamRepository;
  members: MemberRepository;
  orgs: OrgRepository;
  enterprise: EnterpriseService;
  audit: AuditRepository;
  latest: LatestChange;
  now: () => Date;
}

/**
 * Who asks: the app (its screens, the command line) or the identity provider
 * over SCIM. Teams from SCIM are renamed, re-membered and deleted only through
 * SCIM; their role and organization links stay the app's to set.
 */
export type TeamAuthority = 'app' | 'scim';

function managedElsewhere(team: Team, doing: string): Result<never> {
  return fail(
    'FORBIDDEN',
    `${team.name} is managed by your identity provider, so its ${doing} ${doing === 'members' ? 'are' : 'is'} set there and Roster follows. Its role and organizations can be changed here.`,
  );
}

export function createTeamService({ db, teams, members, orgs, enterprise, audit, latest, now }: TeamServiceDeps) {
  function summarise(team: Team): TeamSummary {
    return { ...team, memberCount: teams.memberCount(team.id), organizations: teams.organizations(team.id) };
  }

  function findTeam(id: number): Result<Team> {
    const required = enterprise.require();
    if (!required.ok) return required;
    const team = teams.find(id);
    return team ? ok(team) : fail('NOT_FOUND', `There is no team with id ${id}; it may have been deleted meanwhile.`);
  }

  function duplicate(existing: Team): Result<never> {
    return fail('CONFLICT', `A team named "${existing.name}" already exists (names are compared ignoring case).`, [
      { path: 'name', message: `"${existing.name}" is already taken` },
    ]);
  }

  return {
    list(): Result<TeamSummary[]> {
      const required = enterprise.require();
      if (!required.ok) return required;
      const { teams: listed, orgs: linked } = teams.summaries();
      return ok(listed.map((team) => ({ ...team, organizations: linked.get(team.id) ?? [] })));
    },

    /** A page of the teams for the Teams screen: sorted, searched and counted here, not in the page. */
    page(input: TeamPageInput): Result<TeamPage> {
      const required = enterprise.require();
      if (!required.ok) return required;
      const { teams: listed, orgs: linked, total, all } = teams.page(input);
      return ok({ rows: listed.map((team) => ({ ...team, organizations: linked.get(team.id) ?? [] })), total, all });
    },

    get(id: number): Result<TeamSummary> {
      const team = findTeam(id);
      return team.ok ? ok(summarise(team.value)) : team;
    },

    find(name: string): Result<Team> {
      const required = enterprise.require();
      if (!required.ok) return required;
      const team = teams.findByKey(nameKey(name.trim()));
      return team ? ok(team) : fail('NOT_FOUND', `There is no team named "${name.trim()}".`);
    },

    create(input: CreateTeamInput, actor: Actor, source: TeamSource = 'manual'): Result<TeamSummary> {
      return inWriteTransaction(db, () => {
        const required = enterprise.require();
        if (!required.ok) return required;
        const key = nameKey(input.name);
        const existing = teams.findByKey(key);
        if (existing) return duplicate(existing);
        const at = now();
        const id = teams.insert({ name: input.name, key, role: input.role, source, at: at.toISOString() });
        audit.record(at, actor, { action: 'team.create', targetType: 'team', targetId: id, targetLabel: input.name, after: { name: input.name, role: input.role, source } });
        return ok(summarise(teams.find(id)!));
      });
    },

    /** `version`: the one the page showed; refused when the team has changed since (docs/RULES.md, V6). */
    rename(id: number, name: string, actor: Actor, authority: TeamAuthority = 'app', version?: number): Result<TeamSummary> {
      return inWriteTransaction(db, () => {
        const found = findTeam(id);
        if (!found.ok) return found;
        const team = found.value;
        if (team.source === 'scim' && authority !== 'scim') return managedElsewhere(team, 'name');
        if (version !== undefined && version !== team.version) return staleTeam(latest, team, actor, now());
        if (team.name === name) return ok(summarise(team));
        const key = nameKey(name);
        const existing = teams.findByKey(key);
        if (existing && existing.id !== id) return duplicate(existing);
        const at = now();
        teams.rename({ id, name, key, at: at.toISOString() });
        audit.record(at, actor, { action: 'team.rename', targetType: 'team', targetId: id, targetLabel: name, before: { name: team.name }, after: { name } });
        return ok(summarise(teams.find(id)!));
      });
    },

    /**
     * The identity provider claims a manual team by its name (SCIM POST /Groups):
     * it becomes source scim, so from now on its name and members follow the
     * provider; its role, organization links and members stay as they were.
     */
    adopt(id: number, actor: Actor): Result<TeamSummary> {
      return inWriteTransaction(db, () => {
        const found = findTeam(id);
        if (!found.ok) return found;
        const team = found.value;
        if (team.source === 'scim') return duplicate(team);
        const at = now();
        teams.setSource(id, 'scim', at.toISOString());
        audit.record(at, actor, { action: 'team.adopt', targetType: 'team', targetId: id, targetLabel: team.name, before: { source: 'manual' }, after: { source: 'scim' } });
        return ok(summarise(teams.find(id)!));
      });
    },

    /**
     * The team's role, which applies in every organization it is linked to. Editable for SCIM teams too.
     * `version`: the one the page showed. When the team has changed since, the save is refused even if
     * the role asked for is the one it now has: the admin chose it looking at what is no longer so (V6).
     */
    setRole(id: number, role: InvitationRole, actor: Actor, version?: number): Result<TeamSummary> {
      return inWriteTransaction(db, () => {
        const found = findTeam(id);
        if (!found.ok) return found;
        const team = found.value;
        if (version !== undefined && version !== team.version) return staleTeam(latest, team, actor, now());
        if (team.role !== role) {
          const at = now();
          teams.setRole(id, role, at.toISOString());
          audit.record(at, actor, { action: 'team.role', targetType: 'team', targetId: id, targetLabel: team.name, before: { role: team.role }, after: { role } });
        }
        return ok(summarise(teams.find(id)!));
      });
    },

    /** Deletes the team: its members lose what it gave them; nobody loses a seat. */
    remove(id: number, actor: Actor, authority: TeamAuthority = 'app'): Result<{ id: number }> {
      return inWriteTransaction(db, () => {
        const found = findTeam(id);
        if (!found.ok) return found;
        const team = found.value;
        if (team.source === 'scim' && authority !== 'scim') {
          return fail<{ id: number }>('FORBIDDEN', `${team.name} is managed by your identity provider: delete it there, and Roster follows.`);
        }
        // What goes with it, read before it goes: who loses what it gave, where, and which invitations no longer name it.
        const members = teams.members({ teamId: id, search: '', offset: 0, limit: AUDIT_LIST_LIMIT });
        const organizations = teams.organizations(id);
        const before = {
          name: team.name,
          role: team.role,
          source: team.source,
          members: { count: members.total, first: members.rows.map((member) => member.email) },
          allOrgs: team.allOrgs,
          organizations: { count: organizations.length, first: organizations.slice(0, AUDIT_LIST_LIMIT).map((org) => org.name) },
          pendingInvitations: teams.pendingInvitations(id, AUDIT_LIST_LIMIT),
        };
        teams.remove(id);
        audit.record(now(), actor, { action: 'team.remove', targetType: 'team', targetId: id, targetLabel: team.name, before });
        return ok({ id });
      });
    },

    /** Adds members (all or nothing); only people who hold a seat can join. */
    addMembers(teamId: number, accountIds: number[], actor: Actor, authority: TeamAuthority = 'app'): Result<{ added: number; alreadyMembers: number }> {
      return inAtomicWrite(db, (stop) => {
        const found = findTeam(teamId);
        if (!found.ok) return found;
        const team = found.value;
        if (team.source === 'scim' && authority !== 'scim') return managedElsewhere(team, 'members');
        const at = now();
        // Read in two queries for all of them (an identity provider adds 1,000 at once), then written one row and one audit event each.
        const wanted = [...new Set(accountIds)];
        const emails = teams.seatedEmails(wanted);
        const seatless = wanted.find((accountId) => !emails.has(accountId));
        if (seatless !== undefined) {
          const email = members.findAccount(seatless)?.email ?? `Account ${seatless}`;
          return stop(fail('NOT_FOUND', `${email} holds no seat, so cannot join ${team.name}. Add them in Licenses first. Nobody was added.`));
        }
        const already = teams.membersAmong(teamId, wanted);
        const fresh = wanted.filter((accountId) => !already.has(accountId));
        teams.addMembers(teamId, fresh, at.toISOString());
        audit.recordMany(
          at,
          actor,
          fresh.map((accountId) => ({ action: 'team.member.add', targetType: 'team', targetId: teamId, targetLabel: team.name, after: { accountId, email: emails.get(accountId)! } })),
        );
        return ok({ added: fresh.length, alreadyMembers: wanted.length - fresh.length });
      });
    },

    /** Takes away only what this team gave; their seat and other paths stay. */
    removeMembers(teamId: number, accountIds: number[], actor: Actor, authority: TeamAuthority = 'app'): Result<{ removed: number }> {
      return inAtomicWrite(db, (stop) => {
        const found = findTeam(teamId);
        if (!found.ok) return found;
        const team = found.value;
        if (team.source === 'scim' && authority !== 'scim') return managedElsewhere(team, 'members');
        const at = now();
        // As adding: one query to read them all, one to remove them, audit events many to an INSERT (an identity provider removes 1,000 at once).
        const wanted = [...new Set(accountIds)];
        const emails = teams.memberEmails(teamId, wanted);
        const absent = wanted.find((accountId) => !emails.has(accountId));
        if (absent !== undefined) {
          const email = members.findAccount(absent)?.email ?? `Account ${absent}`;
          return stop(fail('NOT_FOUND', `${email} is not in ${team.name}. Nobody was removed.`));
        }
        teams.removeMembers(teamId, wanted);
        audit.recordMany(
          at,
          actor,
          wanted.map((accountId) => ({ action: 'team.member.remove', targetType: 'team', targetId: teamId, targetLabel: team.name, before: { accountId, email: emails.get(accountId)! } })),
        );
        return ok({ removed: wanted.length });
      });
    },

    /** Links to organizations, or to all of them; already linked ones are left as they are. */
    link(input: LinkTeamInput, actor: Actor): Result<TeamSummary> {
      return inAtomicWrite(db, (stop) => {
        const found = findTeam(input.teamId);
        if (!found.ok) return found;
        const team = found.value;
        const at = now();
        if ('allOrgs' in input) {
          if (!team.allOrgs) {
            teams.setAllOrgs(team.id, true, at.toISOString());
            audit.record(at, actor, { action: 'team.link', targetType: 'team', targetId: team.id, targetLabel: team.name, after: { allOrgs: true } });
          }
          return ok(summarise(teams.find(team.id)!));
        }
        const linked: string[] = [];
        for (const orgId of new Set(input.orgIds)) {
          const org = orgs.findById(orgId);
          if (!org) return stop(fail('NOT_FOUND', `No organization has the id ${orgId}; it may have been deleted meanwhile. Nothing was linked.`));
          if (teams.isLinked(team.id, orgId)) continue;
          teams.link(team.id, orgId, at.toISOString());
          linked.push(org.name);
        }
        if (linked.length > 0) {
          audit.record(at, actor, { action: 'team.link', targetType: 'team', targetId: team.id, targetLabel: team.name, after: { organizations: linked } });
        }
        return ok(summarise(teams.find(team.id)!));
      });
    },

    /**
     * Unlinks: the team's members lose only what this team gave them there. A
     * team linked to all organizations is refused one organization at a time.
     */
    unlink(input: LinkTeamInput, actor: Actor): Result<TeamSummary> {
      return inAtomicWrite(db, (stop) => {
        const found = findTeam(input.teamId);
        if (!found.ok) return found;
        const team = found.value;
        const at = now();
        if ('allOrgs' in input) {
          if (!team.allOrgs) return fail<TeamSummary>('NOT_FOUND', `${team.name} is not linked to all organizations.`);
          teams.setAllOrgs(team.id, false, at.toISOString());
          audit.record(at, actor, { action: 'team.unlink', targetType: 'team', targetId: team.id, targetLabel: team.name, before: { allOrgs: true } });
          return ok(summarise(teams.find(team.id)!));
        }
        const unlinked: string[] = [];
        for (const orgId of new Set(input.orgIds)) {
          const org = orgs.findById(orgId);
          // "All organizations" covers it whatever its own links say: unlinking one would take nothing away.
          if (org && team.allOrgs) {
            return stop(
              fail(
                'CONFLICT',
                `${team.name} is linked to all organizations, which covers ${org.name}: unlinking ${org.name} alone would take nothing away. Unlink ${team.name} from all organizations instead; its links to organizations by name are kept. Nothing was unlinked.`,
              ),
            );
          }
          if (!org || !teams.isLinked(team.id, orgId)) {
            return stop(fail('NOT_FOUND', `${team.name} is not linked to ${org?.name ?? `organization ${orgId}`}. Nothing was unlinked.`));
          }
          teams.unlink(team.id, orgId);
          unlinked.push(org.name);
        }
        audit.record(at, actor, { action: 'team.unlink', targetType: 'team', targetId: team.id, targetLabel: team.name, before: { organizations: unlinked } });
        return ok(summarise(teams.find(team.id)!));
      });
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
