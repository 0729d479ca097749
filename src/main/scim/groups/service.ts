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
import { idOf, attributesOf, readDisplayName, readExternalId, readMemberValues } from './input';
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
 * /Groups (SPEC.md S3): teams with source 'scim'. Every write is one write
 * transaction: a refusal anywhere (a member without a seat, a taken name)
 * throws a ScimError, which rolls back everything the request did. Teams
 * change only through the team service, which audits each change with the
 * token as actor.
 */
export function createGroupService({ db, services, now }: ScimContext) {
  const groups = createGroupRepository(db);
  const teams = createTeamRepository(db);

  function requireGroup(id: string): GroupRow {
    const teamId = idOf(id);
    const row = teamId === null ? null : groups.find(teamId);
    if (!row) throw notFound(`There is no group with id ${id}.`);
    return row;
  }

  const versionOf = (row: GroupRow) => groupVersion(row, groups.digest(row.id));

  function resource(row: GroupRow, base: string, attributes: string[] | null, excluded: string[] | null) {
    const members = wantsMembers(attributes, excluded) ? groups.members(row.id) : null;
    const version = versionOf(row);
    return { resource: project(groupResource(row, members, version, base), attributes, excluded), version };
  }

  /** The account ids of members to add: each must hold a seat, or nothing changes (never a silent seat grab). */
  function seatedIds(values: string[], teamName: string): number[] {
    const ids = new Set<number>();
    for (const value of values) {
      const id = idOf(value);
      if (id === null || !groups.isSeated(id)) {
        const email = id === null ? null : groups.emailOf(id);
        throw badRequest(
          'invalidValue',
          email
            ? `User ${value} (${email}) holds no seat in the enterprise, so cannot join ${teamName}; activate the user through /Users first. Nothing was changed.`
            : `There is no user with id "${value}" in the enterprise, so it cannot join ${teamName}; create the user through /Users first. Nothing was changed.`,
        );
      }
      ids.add(id);
    }
    return [...ids];
  }

  function addMembers(teamId: number, ids: number[], actor: Actor): boolean {
    return ids.length > 0 && unwrap(services.teams.addMembers(teamId, ids, actor, 'scim')).added > 0;
  }

  /** Removing someone who is not in the group is no change, not an error: a retried request must not fail. */
  function removeMembers(teamId: number, ids: Iterable<number>, actor: Actor): boolean {
    const present = [...new Set(ids)].filter((id) => teams.isMember(teamId, id));
    if (present.length > 0) unwrap(services.teams.removeMembers(teamId, present, actor, 'scim'));
    return present.length > 0;
  }

  function matching(teamId: number, filter: string): number[] {
    // Okta's members[value eq "7"]: straight to the primary key.
    const one = /^\s*value\s+eq\s+"([1-9]\d{0,14})"\s*$/i.exec(filter);
    if (one) return teams.isMember(teamId, Number(one[1])) ? [Number(one[1])] : [];
    const where = compileFilter(filter, resolveMemberAttribute);
    return runFiltered(where, () => groups.matchingMembers(teamId, where));
  }

  function setMembers(teamId: number, wanted: number[], actor: Actor): boolean {
    const keep = new Set(wanted);
    const current = new Set(teams.memberIds(teamId));
    const removed = removeMembers(teamId, [...current].filter((id) => !keep.has(id)), actor);
    return addMembers(teamId, wanted.filter((id) => !current.has(id)), actor) || removed;
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
        return addMembers(teamId, seatedIds(change.values, row.name), actor);
      case 'removeMembers':
        return removeMembers(teamId, change.values.map(idOf).filter((id): id is number => id !== null), actor);
      case 'removeAllMembers':
        return removeMembers(teamId, teams.memberIds(teamId), actor);
      case 'removeMembersWhere':
        return removeMembers(teamId, matching(teamId, change.filter), actor);
      case 'replaceMembers':
        return setMembers(teamId, seatedIds(change.values, row.name), actor);
      case 'replaceMembersWhere': {
        const matched = matching(teamId, change.filter);
        if (matched.length === 0) throw badRequest('noTarget', `No member of ${row.name} matches [${change.filter}], so there is nothing to replace. Nothing was changed.`);
        const wanted = seatedIds(change.values, row.name);
        const removed = removeMembers(teamId, matched.filter((id) => !wanted.includes(id)), actor);
        return addMembers(teamId, wanted, actor) || removed;
      }
      case 'rename':
        return rename(row, change.name, actor);
      case 'externalId':
        return setExternalId(row, change.value, actor, at);
    }
  }

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
        const ids = seatedIds(values, name);
        const existing = teams.findByKey(nameKey(name));
        if (existing?.source === 'scim') throw new ScimError(409, `A group named "${existing.name}" already exists (id ${existing.id}; names are compared ignoring case).`, 'uniqueness');
        const at = now();
        const team = existing ? unwrap(services.teams.adopt(existing.id, actor)) : unwrap(services.teams.create({ name, role: 'member' }, actor, 'scim'));
        // An adopted team takes the provider's spelling ("Sales" sent as "sales"), so the provider sees no difference on its next cycle.
        if (existing && existing.name !== name) unwrap(services.teams.rename(team.id, name, actor, 'scim'));
        groups.insert(team.id, externalId, at.toISOString());
        if (externalId !== null) {
          services.audit.record(at, actor, { action: 'team.externalId', targetType: 'team', targetId: team.id, targetLabel: team.name, before: { externalId: null }, after: { externalId } });
        }
        addMembers(team.id, ids, actor);
        return String(team.id);
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
        const wanted = values === null ? null : seatedIds(values, name);
        const at = changeStamp(row.lastModified, now());
        let changed = rename(row, name, actor);
        if (externalId !== undefined) changed = setExternalId(groups.find(row.id)!, externalId, actor, at) || changed;
        if (wanted !== null) changed = setMembers(row.id, wanted, actor) || changed;
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
