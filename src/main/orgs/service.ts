import type { Actor } from '@shared/schemas/audit';
import { nameKey } from '@shared/schemas/names';
import type { CreateOrgInput, Organization, OrgSummary, OrgTeam, RenameOrgInput } from '@shared/schemas/orgs';
import { fail, ok, type Result } from '@shared/result';
import { AUDIT_LIST_LIMIT } from '../audit/lists';
import { staleEdit, type LatestChange } from '../audit/latest-change';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import type { EnterpriseService } from '../enterprise/service';
import type { OrgMemberRepository } from '../org-members/repository';
import type { OrgRepository } from './repository';

export interface OrgServiceDeps {
  db: Db;
  orgs: OrgRepository;
  orgMembers: OrgMemberRepository;
  enterprise: EnterpriseService;
  audit: AuditRepository;
  latest: LatestChange;
  now: () => Date;
}

function notFound(id: number): Result<never> {
  return fail('NOT_FOUND', `There is no organization with id ${id}; it may have been removed meanwhile.`);
}

function duplicate(existing: Organization): Result<never> {
  return fail('CONFLICT', `An organization named "${existing.name}" already exists (names are compared ignoring case).`, [
    { path: 'name', message: `"${existing.name}" is already taken` },
  ]);
}

/** Organizations: workspaces members get access to. Names are unique ignoring case. */
export function createOrgService({ db, orgs, orgMembers, enterprise, audit, latest, now }: OrgServiceDeps) {
  /** The refusal of a rename made from a page that showed an older version (docs/RULES.md, V6): who renamed it, to what, when. */
  function stale(org: Organization, caller: Actor): Result<never> {
    const event = latest.ofTarget('organization', org.id, ['org.rename']);
    const from = (event?.before as { name?: unknown } | null)?.name;
    const change = event ? { who: latest.who(event.actor, caller), what: `renamed ${typeof from === 'string' ? from : 'it'} to ${event.targetLabel ?? org.name}`, at: event.at } : null;
    return staleEdit(change, now(), org.name, 'the new name');
  }

  const summarise = (org: Organization, counts: { members: number; owners: number } | undefined): OrgSummary => ({
    ...org,
    memberCount: counts?.members ?? 0,
    ownerCount: counts?.owners ?? 0,
  });

  return {
    list(): Result<OrgSummary[]> {
      const required = enterprise.require();
      if (!required.ok) return required;
      const counts = orgMembers.counts();
      return ok(orgs.list().map((org) => summarise(org, counts.get(org.id))));
    },

    get(id: number): Result<OrgSummary> {
      const required = enterprise.require();
      if (!required.ok) return required;
      const org = orgs.findById(id);
      return org ? ok(summarise(org, orgMembers.countFor(id))) : notFound(id);
    },

    /** The teams that reach it (docs/RULES.md, T8): linked to it by name, or to all organizations. */
    teams(id: number): Result<OrgTeam[]> {
      const required = enterprise.require();
      if (!required.ok) return required;
      return orgs.findById(id) ? ok(orgs.teamsReaching(id)) : notFound(id);
    },

    /** By name, ignoring case (and invisible characters) exactly as uniqueness does. */
    find(name: string): Result<Organization> {
      const required = enterprise.require();
      if (!required.ok) return required;
      const found = orgs.findByKey(nameKey(name.trim()));
      return found ? ok(found) : fail('NOT_FOUND', `There is no organization named "${name.trim()}".`);
    },

    create(input: CreateOrgInput, actor: Actor): Result<Organization> {
      return inWriteTransaction(db, () => {
        const required = enterprise.require();
        if (!required.ok) return required;
        const key = nameKey(input.name);
        const existing = orgs.findByKey(key);
        if (existing) return duplicate(existing);
        const at = now();
        const created = orgs.insert({ name: input.name, key, at: at.toISOString() });
        audit.record(at, actor, {
          action: 'org.create',
          targetType: 'organization',
          targetId: created.id,
          targetLabel: created.name,
          after: { name: created.name },
        });
        return ok(created);
      });
    },

    rename(input: RenameOrgInput, actor: Actor): Result<Organization> {
      return inWriteTransaction(db, () => {
        const required = enterprise.require();
        if (!required.ok) return required;
        const current = orgs.findById(input.id);
        if (!current) return notFound(input.id);
        if (input.version !== undefined && input.version !== current.version) return stale(current, actor);
        if (current.name === input.name) return ok(current);
        const key = nameKey(input.name);
        const existing = orgs.findByKey(key);
        if (existing && existing.id !== current.id) return duplicate(existing);
        const at = now();
        orgs.rename({ id: current.id, name: input.name, key, at: at.toISOString() });
        audit.record(at, actor, {
          action: 'org.rename',
          targetType: 'organization',
          targetId: current.id,
          targetLabel: input.name,
          before: { name: current.name },
          after: { name: input.name },
        });
        return ok({ ...current, name: input.name, updatedAt: at.toISOString(), version: current.version + 1 });
      });
    },

    /**
     * Deletes the organization. Its links, direct memberships and place in pending
     * invitations go with it, and its audit event lists them; seats never go.
     */
    remove(id: number, actor: Actor): Result<{ id: number }> {
      return inWriteTransaction(db, () => {
        const required = enterprise.require();
        if (!required.ok) return required;
        const current = orgs.findById(id);
        if (!current) return notFound(id);
        // What goes with it, read before it goes: who loses access here, and how.
        const members = orgMembers.page({ orgId: id, search: '', offset: 0, limit: AUDIT_LIST_LIMIT });
        const before = {
          name: current.name,
          directMembers: { count: members.total, first: members.rows.map((member) => ({ email: member.email, role: member.role })) },
          linkedTeams: orgs.linkedTeams(id, AUDIT_LIST_LIMIT),
          pendingInvitations: orgs.pendingInvitations(id, AUDIT_LIST_LIMIT),
        };
        orgs.remove(id);
        audit.record(now(), actor, { action: 'org.remove', targetType: 'organization', targetId: id, targetLabel: current.name, before });
        return ok({ id });
      });
    },
  };
}

export type OrgService = ReturnType<typeof createOrgService>;
