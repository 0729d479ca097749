import type { Actor } from '@shared/schemas/audit';
import { nameKey } from '@shared/schemas/names';
import type { Result } from '@shared/result';
import { inWriteTransaction } from '../../db/transaction';
import { createTeamRepository } from '../../teams/repository';
import { badRequest, notFound, ScimError } from '../errors';
import { compileFilter, runFiltered, type CompiledFilter } from '../filter';
import { listResponse, project, type ListQuery } from '../resources';
import type { ScimContext } from '../server';
import { groupOrder, resolveGroupAttribute, resolveMemberAttribute, wantsMembers } from './attributes';
import { attributesOf, readDisplayName, readExternalId, readMemberValues } from './input';
import type { GroupChange } from './patch';
import { createGroupRepository, type GroupRow } from './repository';
import { changeStamp, groupResource, groupVersion } from './resource';

/** Says the SCIM way what a team service refused. */
function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const { code, message } = result.error;
  if (code === 'CONFLICT') throw new ScimError(409, message, 'uniqueness');
  if (code === 'NOT_FOUND') throw notFound(message);
  if (code === 'FORBIDDEN') throw new ScimError(403, message);
  if (code === 'INVALID_INPUT') throw badRequest('invalidValue', message);
  if (code === 'BUSY') throw new ScimError(503, message);
  throw new ScimError(500, message);
}

const ALL: CompiledFilter = { sql: '1', params: [] };

/** Checks a write's If-Match against the group's version; called only when the request has one. */
export type VersionCheck = ((version: string) => void) | null;

/**
 * /Groups: teams with source 'scim'. A group's members are the users the
 * provider states, seat or none (scim_group_members); the team's members, who
 * get its access, are those of them who hold a seat, and someone who gets a
 * seat back gets the group's access back with it (MemberRepository.insertMember).
 * Every write is one write transaction: a refusal anywhere (an unknown user, a
 * taken name) throws a ScimError, which rolls back everything the request did.
 * Team members change only through the team service, which audits each change
 * with the token as actor; a statement that grants nothing (no seat) is audited here.
 */
export function createGroupService({ db, services, now }: ScimContext) {
  const groups = createGroupRepository(db);
  const teams = createTeamRepository(db);

  function requireGroup(id: string): GroupRow {
    const row = groups.findByScimId(id);
    if (!row) throw notFound(`There is no group with id ${id}.`);
    return row;
  }

  const versionOf = (row: GroupRow) => groupVersion(row, groups.digest(row.id));

  function resource(row: GroupRow, base: string, attributes: string[] | null, excluded: string[] | null) {
    const members = wantsMembers(attributes, excluded) ? groups.members(row.id) : null;
    const version = versionOf(row);
    return { resource: project(groupResource(row, members, version, base), attributes, excluded), version };
  }

  /**
   * The users a members list names (their account ids), seat or none: each
   * must be a user of /Users, or nothing changes.
   */
  function userIds(values: string[], teamName: string): number[] {
    const ids = new Set<number>();
    for (const target of groups.targets(values)) {
      if (target.id === null || !target.isUser) {
        throw badRequest('invalidValue', `There is no user with id "${target.value}", so it cannot join ${teamName}; create the user through /Users first. Nothing was changed.`);
      }
      ids.add(target.id);
    }
    return [...ids];
  }

  /** States the users as members; those who hold a seat join the team, the others wait for one (audited as such). */
  function addMembers(team: GroupRow, ids: number[], actor: Actor, at: Date): boolean {
    // One query each for all of them, not one a member: an initial sync adds 1,000 at once.
    const already = groups.statedAmong(team.id, ids);
    const fresh = ids.filter((id) => !already.has(id));
    groups.stateMany(team.id, fresh, at.toISOString());
    const holdsSeat = groups.seatedAmong(fresh);
    const seated = fresh.filter((id) => holdsSeat.has(id));
    for (const id of fresh) if (!holdsSeat.has(id)) stated(team, id, 'team.member.stated', actor, at);
    if (seated.length > 0) unwrap(services.teams.addMembers(team.id, seated, actor, 'scim'));
    return fresh.length > 0;
  }

  /** Audits a statement that grants or takes away nothing now, because the person holds no seat. */
  function stated(team: GroupRow, accountId: number, action: 'team.member.stated' | 'team.member.unstated', actor: Actor, at: Date): void {
    const email = groups.emailOf(accountId);
    const change = { accountId, email, applied: false, reason: 'holds no seat' };
    services.audit.record(at, actor, { action, targetType: 'team', targetId: team.id, targetLabel: team.name, ...(action === 'team.member.stated' ? { after: change } : { before: change }) });
  }

  /** Removing someone who is not in the group is no change, not an error: a retried request must not fail. */
  function removeMembers(team: GroupRow, ids: Iterable<number>, actor: Actor, at: Date): boolean {
    // One query each for all of them, as adding: an identity provider removes 1,000 at once.
    const unique = [...new Set(ids)];
    const statedNow = groups.statedAmong(team.id, unique);
    const inTeam = teams.membersAmong(team.id, unique);
    const present = unique.filter((id) => statedNow.has(id) || inTeam.has(id));
    groups.unstateMany(team.id, present);
    const applied = present.filter((id) => inTeam.has(id));
    for (const id of present) if (!inTeam.has(id)) stated(team, id, 'team.member.unstated', actor, at);
    if (applied.length > 0) unwrap(services.teams.removeMembers(team.id, applied, actor, 'scim'));
    return present.length > 0;
  }

  function matching(teamId: number, filter: string): number[] {
    // Okta's members[value eq "<id>"]: straight to the primary keys.
    const one = /^\s*value\s+eq\s+"([^"\\]{1,100})"\s*$/i.exec(filter);
    if (one) {
      const [target] = groups.targets([one[1]!]);
      return target !== undefined && target.id !== null && groups.isStated(teamId, target.id) ? [target.id] : [];
    }
    const where = compileFilter(filter, resolveMemberAttribute);
    return runFiltered(where, () => groups.matchingMembers(teamId, where));
  }

  function setMembers(team: GroupRow, wanted: number[], actor: Actor, at: Date): boolean {
    const keep = new Set(wanted);
    const current = new Set([...groups.statedIds(team.id), ...teams.memberIds(team.id)]);
    const removed = removeMembers(team, [...current].filter((id) => !keep.has(id)), actor, at);
    return addMembers(team, wanted.filter((id) => !current.has(id)), actor, at) || removed;
  }

  function setExternalId(row: GroupRow, externalId: string | null, actor: Actor, at: Date): boolean {
    if (row.externalId === externalId) return false;
    groups.setExternalId(row.id, externalId, at.toISOString());
    services.audit.record(at, actor, { action: 'team.externalId', targetType: 'team', targetId: row.id, targetLabel: row.name, before: { externalId: row.externalId }, after: { externalId } });
    return true;
  }

  function rename(row: GroupRow, name: string, actor: Actor): boolean {
    if (row.name === name) return false;
    unwrap(services.teams.rename(row.id, name, actor, 'scim'));
    return true;
  }

  function apply(row: GroupRow, change: GroupChange, actor: Actor, at: Date): boolean {
    const teamId = row.id;
    switch (change.kind) {
      case 'addMembers':
        return addMembers(row, userIds(change.values, row.name), actor, at);
      case 'removeMembers':
        return removeMembers(row, knownIds(change.values), actor, at);
      case 'removeAllMembers':
        return removeMembers(row, [...groups.statedIds(teamId), ...teams.memberIds(teamId)], actor, at);
      case 'removeMembersWhere':
        return removeMembers(row, matching(teamId, change.filter), actor, at);
      case 'replaceMembers':
        return setMembers(row, userIds(change.values, row.name), actor, at);
      case 'replaceMembersWhere': {
        const matched = matching(teamId, change.filter);
        if (matched.length === 0) throw badRequest('noTarget', `No member of ${row.name} matches [${change.filter}], so there is nothing to replace. Nothing was changed.`);
        const wanted = userIds(change.values, row.name);
        const removed = removeMembers(row, matched.filter((id) => !wanted.includes(id)), actor, at);
        return addMembers(row, wanted, actor, at) || removed;
      }
      case 'rename':
        return rename(row, change.name, actor);
      case 'externalId':
        return setExternalId(row, change.value, actor, at);
    }
  }

  /** The accounts of the ids given that name one; an unknown id is nothing to remove. */
  const knownIds = (values: string[]) => groups.targets(values).flatMap((target) => (target.id === null ? [] : [target.id]));

  return {
    list(query: ListQuery, base: string) {
      const where = query.filter === null ? ALL : compileFilter(query.filter, resolveGroupAttribute);
      const order = groupOrder(query.sortBy, query.sortOrder);
      const total = runFiltered(query.filter === null ? null : where, () => groups.count(where));
      if (query.count === 0) return listResponse([], total, query.startIndex);
      const rows = runFiltered(query.filter === null ? null : where, () => groups.page(where, order, query.count, query.startIndex - 1));
      // The page's members and versions in two queries, not two a group.
      const ids = rows.map((row) => row.id);
      const members = wantsMembers(query.attributes, query.excludedAttributes) ? groups.membersOfMany(ids) : null;
      const digests = groups.digestOfMany(ids);
      return listResponse(
        rows.map((row) => {
          const version = groupVersion(row, digests.get(row.id)!);
          return project(groupResource(row, members?.get(row.id) ?? null, version, base), query.attributes, query.excludedAttributes);
        }),
        total,
        query.startIndex,
      );
    },

    get(id: string, base: string, attributes: string[] | null = null, excluded: string[] | null = null) {
      return resource(requireGroup(id), base, attributes, excluded);
    },

    /**
     * POST /Groups: a new team (source scim, role member), or, when a manual
     * team has that name (ignoring case), that team adopted: it becomes source
     * scim, takes the provider's spelling of the name, and keeps its role, links
     * and members; the POST's members are added.
     * A SCIM group with that name already is 409 uniqueness.
     */
    create(body: unknown, actor: Actor): string {
      const attributes = attributesOf(body, 'A Group');
      const name = readDisplayName(attributes.get('displayname'));
      const externalId = readExternalId(attributes.get('externalid'));
      const values = readMemberValues(attributes.get('members'));
      return inWriteTransaction(db, () => {
        const ids = userIds(values, name);
        const existing = teams.findByKey(nameKey(name));
        if (existing?.source === 'scim') throw new ScimError(409, `A group named "${existing.name}" already exists (id ${existing.id}; names are compared ignoring case).`, 'uniqueness');
        const at = now();
        const team = existing ? unwrap(services.teams.adopt(existing.id, actor)) : unwrap(services.teams.create({ name, role: 'member' }, actor, 'scim'));
        // An adopted team takes the provider's spelling ("Sales" sent as "sales"), so the provider sees no difference on its next cycle.
        if (existing && existing.name !== name) unwrap(services.teams.rename(team.id, name, actor, 'scim'));
        groups.insert(team.id, externalId, at.toISOString());
        if (existing) groups.stateTeamMembers(team.id);
        if (externalId !== null) {
          services.audit.record(at, actor, { action: 'team.externalId', targetType: 'team', targetId: team.id, targetLabel: team.name, before: { externalId: null }, after: { externalId } });
        }
        const row = groups.find(team.id)!;
        addMembers(row, ids, actor, at);
        return row.scimId;
      });
    },

    /**
     * PUT /Groups/:id: displayName is required; externalId and members replace
     * what is there when sent (null or [] clears them) and are kept when left out,
     * so a PUT built from a list without members never empties a group.
     */
    replace(id: string, body: unknown, actor: Actor, checkVersion: VersionCheck): void {
      const attributes = attributesOf(body, 'A Group');
      const name = readDisplayName(attributes.get('displayname'));
      const externalId = attributes.has('externalid') ? readExternalId(attributes.get('externalid')) : undefined;
      const values = attributes.has('members') ? readMemberValues(attributes.get('members')) : null;
      inWriteTransaction(db, () => {
        const row = requireGroup(id);
        checkVersion?.(versionOf(row));
        const wanted = values === null ? null : userIds(values, name);
        const at = changeStamp(row.lastModified, now());
        let changed = rename(row, name, actor);
        if (externalId !== undefined) changed = setExternalId(groups.find(row.id)!, externalId, actor, at) || changed;
        if (wanted !== null) changed = setMembers(row, wanted, actor, at) || changed;
        if (changed) groups.touch(row.id, at.toISOString());
      });
    },

    /** PATCH /Groups/:id: the changes in order, all or none. Answers the group's version after them, for the ETag. */
    patch(id: string, changes: GroupChange[], actor: Actor, checkVersion: VersionCheck): string {
      return inWriteTransaction(db, () => {
        let row = requireGroup(id);
        checkVersion?.(versionOf(row));
        let changed = false;
        const at = changeStamp(row.lastModified, now());
        for (const change of changes) {
          if (apply(row, change, actor, at)) {
            changed = true;
            row = groups.find(row.id)!;
          }
        }
        if (changed) groups.touch(row.id, at.toISOString());
        return versionOf(groups.find(row.id)!);
      });
    },

    /** DELETE /Groups/:id: the team goes; its members keep their seats. */
    remove(id: string, actor: Actor, checkVersion: VersionCheck): void {
      inWriteTransaction(db, () => {
        const row = requireGroup(id);
        checkVersion?.(versionOf(row));
        unwrap(services.teams.remove(row.id, actor, 'scim'));
      });
    },
  };
}

export type GroupService = ReturnType<typeof createGroupService>;
