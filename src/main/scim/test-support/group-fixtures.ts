import { createAuditRepository } from '../../audit/repository';
import type { Core } from '../../core';
import { value } from '../../test-support/seats-helpers';
import { GROUP_SCHEMA, PATCH_SCHEMA } from '../discovery';
import { scimServer } from './client';
import { scimIdOf } from './user-fixtures';

export { scimIdOf };

export { GROUP_SCHEMA, PATCH_SCHEMA };

/** A Group body as identity providers send it, for tests. */
export function groupBody(displayName: string, memberIds: string[] = [], extra: Record<string, unknown> = {}) {
  return { schemas: [GROUP_SCHEMA], displayName, members: memberIds.map((id) => ({ value: id })), ...extra };
}

/** A PatchOp body. */
export function patchOps(...operations: Record<string, unknown>[]) {
  return { schemas: [PATCH_SCHEMA], Operations: operations };
}

/**
 * A SCIM server over an enterprise whose members are `emails` (added by hand),
 * with each member's SCIM user id (`ids`) and account id (`accounts`) by the part before @.
 */
export async function groupsServer(emails: string[] = ['ana@acme.example', 'bo@acme.example', 'cy@acme.example', 'di@acme.example'], options: { seats?: number } = {}) {
  const scim = await scimServer(options);
  const ids: Record<string, string> = {};
  const accounts: Record<string, number> = {};
  for (const email of emails) {
    const member = value(await scim.core.invoke('members:add', { email, name: `${email.split('@')[0]!.toUpperCase()} Person` }));
    const local = email.split('@')[0]!;
    ids[local] = scimIdOf(scim.core, member.accountId);
    accounts[local] = member.accountId;
  }
  return { ...scim, ids, accounts };
}

/** The team a SCIM group id names (its row id, as the app's channels take it). */
export function teamIdOf(core: Core, groupId: string): number {
  return core.db.prepare('SELECT id FROM teams WHERE scim_id = ?').pluck().get(groupId) as number;
}

/** The SCIM id of a team (what /Groups calls it, should it be a group). */
export function groupIdOf(core: Core, teamId: number): string {
  return core.db.prepare('SELECT scim_id FROM teams WHERE id = ?').pluck().get(teamId) as string;
}

/** The SCIM ids of the team's members who get its access (team_members), in account order. */
export function teamMemberIds(core: Core, groupId: string): string[] {
  return core.db
    .prepare('SELECT a.scim_id FROM team_members tm JOIN teams t ON t.id = tm.team_id JOIN accounts a ON a.id = tm.account_id WHERE t.scim_id = ? ORDER BY tm.account_id')
    .pluck()
    .all(groupId) as string[];
}

/** The display of a group's members from a SCIM answer, as values. */
export const valuesOf = (resource: { members?: { value: string }[] }) => (resource.members ?? []).map((member) => member.value);

export function auditOf(core: Core, action?: string) {
  return createAuditRepository(core.db)
    .list()
    .filter((event) => action === undefined || event.action === action);
}

/** Everything a group change can touch, to prove a refusal changed nothing. */
export function groupState(core: Core) {
  return {
    teams: core.db.prepare('SELECT id, name, source, role, updated_at FROM teams ORDER BY id').all(),
    members: core.db.prepare('SELECT team_id, account_id FROM team_members ORDER BY team_id, account_id').all(),
    stated: core.db.prepare('SELECT team_id, account_id FROM scim_group_members ORDER BY team_id, account_id').all(),
    scim: core.db.prepare('SELECT * FROM scim_groups ORDER BY team_id').all(),
    seats: core.db.prepare('SELECT count(*) FROM members').pluck().get(),
    audit: core.db.prepare('SELECT count(*) FROM audit_events').pluck().get(),
  };
}
