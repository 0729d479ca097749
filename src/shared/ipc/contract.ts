import { z } from 'zod';
import type { Result } from '../result';
import { appInfoSchema, chooseDatabaseInput, chooseDatabaseOutput, openRecentInput, recentDatabaseSchema } from '../schemas/app';
import { menuCommands } from '../menu-commands';
import { connectedSchema, connectServerInput, openRecentServerInput, recentServerSchema } from '../schemas/servers';
import { idSchema, noInput } from '../schemas/common';
import {
  addDomainInput,
  claimAccountsInput,
  domainIdInput,
  domainSchema,
  findDomainInput,
  setDefaultTeamInput,
  setDomainSwitchInput,
  unmanagedInput,
  unmanagedPageSchema,
  verifyDomainInput,
} from '../schemas/domains';
import { auditFacetsSchema, auditListInput, auditPageSchema, auditVerificationSchema, exportAuditInput } from '../schemas/audit';
import { exportResultSchema } from '../schemas/exports';
import { chosenDiffFileSchema, compareInput, diffFilesSchema, diffResultSchema } from '../schemas/diff';
import { snapshotResultSchema } from '../schemas/snapshots';
import { backupListSchema, backupResultSchema, restoreBackupInput, restoreResultSchema } from '../schemas/backups';
import { cancelJobInput, jobProgressSchema } from '../schemas/jobs';
import { checkDatabaseInput, databaseCheckSchema } from '../schemas/database';
import { importProgressSchema, importStatusSchema, importSummarySchema } from '../schemas/activity';
import {
  createdTokenSchema,
  createTokenInput,
  scimRequestPageSchema,
  scimRequestsInput,
  scimServerStatusSchema,
  scimTokenSchema,
  startScimInput,
  tokenIdInput,
} from '../schemas/scim';
import { exportReportInput, reportPageInput, reportPageSchema, reportSummaryInput, reportSummarySchema } from '../schemas/report';
import { exportInactiveInput, inactiveInput, inactiveReviewSchema, releaseInactiveInput, releaseInactiveResultSchema } from '../schemas/reclaim';
import { createDemoInput, createEnterpriseInput, enterpriseSchema, renameEnterpriseInput } from '../schemas/enterprise';
import { createInvitationInput, findInvitationInput, invitationIdInput, invitationSchema } from '../schemas/invitations';
import { listMembersInput, listSeatsInput, memberPageSchema, releaseResultSchema, releaseSeatsInput, seatFilterSchema, seatIdsSchema, seatPageSchema } from '../schemas/licenses';
import {
  addMemberInput,
  findMemberInput,
  memberSchema,
  memberSearchResultSchema,
  removeMemberInput,
  searchMembersInput,
  seatUsageSchema,
  setSeatsInput,
} from '../schemas/members';
import { addOrgMembersInput, orgMemberPageSchema, orgMemberSchema, orgMembersInput, removeOrgMemberInput, setOrgMemberRoleInput } from '../schemas/org-members';
import { createOrgInput, findOrgInput, getOrgInput, organizationSchema, orgSummarySchema, orgTeamSchema, orgTeamsInput, removeOrgInput, renameOrgInput } from '../schemas/orgs';
import { settingsViewSchema, updateSettingsInput } from '../schemas/settings';
import {
  changeTeamMembersInput,
  createTeamInput,
  findTeamInput,
  linkTeamInput,
  renameTeamInput,
  setTeamRoleInput,
  teamIdInput,
  teamInvitationPageSchema,
  teamInvitationsInput,
  teamInviteInput,
  teamInviteResultSchema,
  teamMemberPageSchema,
  teamMembersInput,
  teamPageInput,
  teamPageSchema,
  teamWithoutSeatInput,
  teamWithoutSeatSchema,
  teamSchema,
  teamSummarySchema,
  unlinkTeamInput,
} from '../schemas/teams';
import { getMemberInput, memberProfileSchema } from '../schemas/member-profile';
import { memberAccessInput, memberAccessSchema, orgAccessInput, orgAccessPageSchema } from '../schemas/access';
import {
  addAdminInput,
  adminSchema,
  apiTokenSchema,
  createApiTokenInput,
  createdApiTokenSchema,
  removeAdminInput,
  removedAdminSchema,
  revokeApiTokenInput,
  revokedApiTokenSchema,
  setAdminRoleInput,
} from '../schemas/admins';
import { adminSessionSchema, endSessionInput } from '../schemas/console-auth';
import { connectionStatusSchema } from '../schemas/connection';
import type { ChannelAccess } from './access';
import type { Channel, EventName } from './channels';

export { channelAccesses, mayCall, type ChannelAccess } from './access';
export { channelNames as channels, EVENT_CHANNEL, isChannel, type Channel, type EventName } from './channels';

/**
 * Parts of the store a change can touch. Screens listen for the areas they show;
 * "*" means "anything may have changed" (another process wrote to the file).
 */
export const changeAreas = ['app', 'enterprise', 'orgs', 'seats', 'teams', 'domains', 'settings', 'activity', 'scim', 'backups', 'admins', '*'] as const;
export type ChangeArea = (typeof changeAreas)[number];

interface ChannelSpec<I extends z.ZodType, O extends z.ZodType> {
  /** A query reads and changes nothing; a command may change something. */
  kind: 'query' | 'command';
  input: I;
  output: O;
  /** Areas a successful call changes: main announces them to every window. */
  changes: readonly ChangeArea[];
  /**
   * Areas a query's answer depends on: a change to any of them makes a window
   * ask again ("*": every area, e.g. the audit log, since every change is
   * audited). Empty for commands, and for queries run only on demand.
   */
  reads: readonly ChangeArea[];
  /** Who may call it through a Roster server (docs/SERVER.md, "Roles and what each may call"). */
  access: ChannelAccess;
}

// The access is a required argument, so a new channel cannot leave it out.
function query<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  reads: readonly ChangeArea[],
  access: ChannelAccess,
): ChannelSpec<I, O> & { kind: 'query' } {
  return { kind: 'query', input, output, changes: [], reads, access };
}

function command<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  changes: readonly ChangeArea[],
  access: ChannelAccess,
): ChannelSpec<I, O> & { kind: 'command' } {
  return { kind: 'command', input, output, changes, reads: [], access };
}

/**
 * THE contract between the renderer and main: channel name -> input schema,
 * output schema and what it changes. Main registers handlers from this object
 * only and validates every payload against it before any service runs.
 */
export const contract = {
  'app:info': query(noInput, appInfoSchema, ['enterprise'], 'read'),
  'app:chooseDatabase': command(chooseDatabaseInput, chooseDatabaseOutput, [], 'local'),

  'enterprise:get': query(noInput, enterpriseSchema.nullable(), ['enterprise'], 'read'),
  'enterprise:create': command(createEnterpriseInput, enterpriseSchema, ['enterprise'], 'owner'),
  'enterprise:rename': command(renameEnterpriseInput, enterpriseSchema, ['enterprise'], 'write'),
  'enterprise:createDemo': command(createDemoInput, enterpriseSchema, ['enterprise', 'orgs', 'seats', 'teams', 'domains', 'activity'], 'owner'),

  'settings:get': query(noInput, settingsViewSchema, ['settings'], 'read'),
  'settings:update': command(updateSettingsInput, settingsViewSchema, ['settings', 'seats'], 'owner'),

  'orgs:list': query(noInput, z.array(orgSummarySchema), ['orgs', 'seats', 'teams'], 'read'),
  'orgs:get': query(getOrgInput, orgSummarySchema, ['orgs', 'seats', 'teams'], 'read'),
  'orgs:find': query(findOrgInput, organizationSchema, ['orgs'], 'read'),
  'orgs:create': command(createOrgInput, organizationSchema, ['orgs'], 'write'),
  'orgs:rename': command(renameOrgInput, organizationSchema, ['orgs'], 'write'),
  'orgs:remove': command(removeOrgInput, z.object({ id: z.int() }), ['orgs', 'seats'], 'write'),
  // Last Active (by the report's rule) rides on each row: activity and the rule's settings change it.
  'orgs:members': query(orgMembersInput, orgMemberPageSchema, ['orgs', 'seats', 'teams', 'activity', 'settings'], 'read'),
  'orgs:addMembers': command(addOrgMembersInput, z.object({ added: z.int(), alreadyMembers: z.int() }), ['orgs', 'seats'], 'write'),
  'orgs:setMemberRole': command(setOrgMemberRoleInput, orgMemberSchema, ['orgs', 'seats'], 'write'),
  'orgs:removeMember': command(removeOrgMemberInput, z.object({ orgId: z.int(), accountId: z.int() }), ['orgs', 'seats'], 'write'),
  // The teams that reach it: linked by name, or to all organizations.
  'orgs:teams': query(orgTeamsInput, z.array(orgTeamSchema), ['orgs', 'teams', 'seats'], 'read'),

  'seats:usage': query(noInput, seatUsageSchema, ['seats', 'enterprise', 'settings'], 'read'),
  'seats:set': command(setSeatsInput, seatUsageSchema, ['seats', 'enterprise'], 'write'),
  'seats:list': query(listSeatsInput, seatPageSchema, ['seats', 'orgs', 'teams'], 'read'),
  'seats:ids': query(seatFilterSchema.prefault({}), seatIdsSchema, ['seats', 'orgs', 'teams'], 'read'),
  'seats:release': command(releaseSeatsInput, releaseResultSchema, ['seats', 'orgs', 'teams'], 'write'),

  'members:add': command(addMemberInput, memberSchema, ['seats', 'orgs', 'teams'], 'write'),
  'members:list': query(listMembersInput, memberPageSchema, ['seats', 'orgs', 'teams'], 'read'),
  'members:remove': command(removeMemberInput, z.object({ accountId: z.int() }), ['seats', 'orgs', 'teams'], 'write'),
  'members:find': query(findMemberInput, memberSchema, ['seats'], 'read'),
  'members:search': query(searchMembersInput, z.array(memberSearchResultSchema), ['seats', 'orgs', 'teams'], 'read'),
  'members:get': query(getMemberInput, memberProfileSchema, ['seats', 'orgs', 'teams', 'activity', 'settings', 'scim'], 'read'),

  'invitations:create': command(createInvitationInput, invitationSchema, ['seats', 'teams'], 'write'),
  'invitations:find': query(findInvitationInput, invitationSchema, ['seats'], 'read'),
  'invitations:resend': command(invitationIdInput, invitationSchema, ['seats'], 'write'),
  'invitations:revoke': command(invitationIdInput, invitationSchema, ['seats'], 'write'),
  'invitations:accept': command(invitationIdInput, invitationSchema, ['seats', 'orgs', 'teams'], 'write'),

  'teams:list': query(noInput, z.array(teamSummarySchema), ['teams', 'orgs', 'seats'], 'read'),
  // The Teams screen's: a page of them, sorted and searched here (teams:list is 5.5 MB of JSON at 20,000 teams).
  'teams:page': query(teamPageInput, teamPageSchema, ['teams', 'orgs', 'seats'], 'read'),
  'teams:get': query(teamIdInput, teamSummarySchema, ['teams', 'orgs', 'seats'], 'read'),
  'teams:find': query(findTeamInput, teamSchema, ['teams'], 'read'),
  'teams:create': command(createTeamInput, teamSummarySchema, ['teams'], 'write'),
  'teams:rename': command(renameTeamInput, teamSummarySchema, ['teams', 'seats', 'orgs'], 'write'),
  'teams:setRole': command(setTeamRoleInput, teamSummarySchema, ['teams', 'orgs'], 'write'),
  'teams:remove': command(teamIdInput, z.object({ id: z.int() }), ['teams', 'seats', 'orgs'], 'write'),
  'teams:members': query(teamMembersInput, teamMemberPageSchema, ['teams', 'orgs', 'seats', 'activity', 'settings'], 'read'),
  'teams:withoutSeat': query(teamWithoutSeatInput, teamWithoutSeatSchema, ['teams', 'seats'], 'read'),
  // Pending invitations that name the team; 'settings' as an expiry setting changes what a resend gives.
  'teams:invitations': query(teamInvitationsInput, teamInvitationPageSchema, ['teams', 'seats'], 'read'),
  // Someone who holds a seat joins at once; anyone else is sent an invitation naming the team.
  'teams:invite': command(teamInviteInput, teamInviteResultSchema, ['teams', 'seats', 'orgs'], 'write'),
  'teams:addMembers': command(changeTeamMembersInput, z.object({ added: z.int(), alreadyMembers: z.int() }), ['teams', 'seats', 'orgs'], 'write'),
  'teams:removeMembers': command(changeTeamMembersInput, z.object({ removed: z.int() }), ['teams', 'seats', 'orgs'], 'write'),
  'teams:link': command(linkTeamInput, teamSummarySchema, ['teams', 'orgs'], 'write'),
  'teams:unlink': command(unlinkTeamInput, teamSummarySchema, ['teams', 'orgs'], 'write'),

  'access:member': query(memberAccessInput, memberAccessSchema, ['teams', 'orgs', 'seats'], 'read'),
  'access:org': query(orgAccessInput, orgAccessPageSchema, ['teams', 'orgs', 'seats'], 'read'),

  'domains:list': query(noInput, z.array(domainSchema), ['domains', 'seats'], 'read'),
  'domains:get': query(domainIdInput, domainSchema, ['domains', 'seats', 'teams'], 'read'),
  'domains:find': query(findDomainInput, domainSchema, ['domains'], 'read'),
  'domains:add': command(addDomainInput, domainSchema, ['domains'], 'write'),
  'domains:remove': command(domainIdInput, z.object({ id: z.int() }), ['domains', 'seats'], 'write'),
  'domains:verify': command(verifyDomainInput, domainSchema, ['domains', 'seats'], 'write'),
  'domains:setCapture': command(setDomainSwitchInput, domainSchema, ['domains'], 'write'),
  'domains:setLock': command(setDomainSwitchInput, domainSchema, ['domains'], 'write'),
  'domains:setSubdomains': command(setDomainSwitchInput, domainSchema, ['domains', 'seats'], 'write'),
  'domains:setDefaultTeam': command(setDefaultTeamInput, domainSchema, ['domains'], 'write'),
  'domains:unmanaged': query(unmanagedInput, unmanagedPageSchema, ['domains', 'seats'], 'read'),
  'domains:claim': command(claimAccountsInput, z.object({ claimed: z.int() }), ['domains', 'seats', 'teams'], 'write'),
  'domains:invite': command(claimAccountsInput, z.object({ invited: z.int(), alreadyInvited: z.int() }), ['domains', 'seats'], 'write'),
  'domains:exportUnmanaged': command(z.strictObject({ domainId: idSchema.optional() }).prefault({}), exportResultSchema, [], 'read'),

  'activity:import': command(noInput, importSummarySchema.nullable(), ['activity', 'seats', 'domains', 'teams', 'orgs'], 'write'),
  'activity:cancelImport': command(noInput, z.object({ cancelling: z.boolean() }), [], 'write'),

  'report:page': query(reportPageInput, reportPageSchema, ['activity', 'seats', 'teams', 'orgs', 'settings'], 'read'),
  'report:summary': query(reportSummaryInput, reportSummarySchema, ['activity', 'seats', 'teams', 'orgs', 'settings'], 'read'),
  // Who is SCIM-managed is part of the review, so SCIM's changes make it ask again too.
  'report:inactive': query(inactiveInput, inactiveReviewSchema, ['activity', 'seats', 'teams', 'orgs', 'settings', 'scim'], 'read'),
  'report:export': command(exportReportInput, exportResultSchema, [], 'read'),
  'report:exportInactive': command(exportInactiveInput, exportResultSchema, [], 'read'),
  'report:releaseInactive': command(releaseInactiveInput, releaseInactiveResultSchema, ['seats', 'orgs', 'teams', 'activity'], 'write'),
  'activity:importStatus': query(noInput, importStatusSchema, ['activity'], 'read'),
  'scim:status': query(noInput, scimServerStatusSchema, ['scim'], 'read'),
  'scim:start': command(startScimInput, scimServerStatusSchema, ['scim'], 'owner'),
  'scim:stop': command(noInput, scimServerStatusSchema, ['scim'], 'owner'),
  'scim:tokens': query(noInput, z.array(scimTokenSchema), ['scim'], 'read'),
  'scim:createToken': command(createTokenInput, createdTokenSchema, ['scim'], 'owner'),
  'scim:revokeToken': command(tokenIdInput, scimTokenSchema, ['scim'], 'owner'),
  'scim:requests': query(scimRequestsInput, scimRequestPageSchema, ['scim', 'seats', 'teams', 'orgs'], 'read'),
  'backups:list': query(noInput, backupListSchema, ['backups', 'settings'], 'read'),
  'backups:create': command(noInput, backupResultSchema, ['backups'], 'write'),
  // A restore replaces everything: every screen reloads.
  'backups:restore': command(restoreBackupInput, restoreResultSchema, ['*'], 'owner'),
  'backups:restoreFile': command(noInput, restoreResultSchema.nullable(), ['*'], 'owner'),
  // Reads only: SQLite's quick (or full) check and Roster's own, of the open database.
  'db:check': query(checkDatabaseInput, databaseCheckSchema, [], 'read'),
  'audit:list': query(auditListInput, auditPageSchema, ['*'], 'read'),
  'audit:facets': query(noInput, auditFacetsSchema, ['*'], 'read'),
  'audit:export': command(exportAuditInput, exportResultSchema, [], 'read'),
  // Walks the audit log's hash chain: whole, or the first event that breaks it.
  'audit:verify': query(noInput, auditVerificationSchema, [], 'read'),
  'app:showSavedFile': command(z.strictObject({ saveId: z.string().max(100) }), z.object({ shown: z.boolean() }), [], 'local'),
  'app:recentDatabases': query(noInput, z.array(recentDatabaseSchema), ['app'], 'local'),
  // The path must be one of the recent databases main remembers: the page never names an arbitrary file.
  'app:openRecent': command(openRecentInput, chooseDatabaseOutput, [], 'local'),
  // Where this process writes its log (rotated; never a token, password or cookie): null where it keeps none.
  'app:logFile': query(noInput, z.object({ path: z.string().nullable() }), ['app'], 'local'),
  // Shows the log file in the system's file manager (the desktop app only).
  'app:showLogFile': command(noInput, z.object({ shown: z.boolean() }), [], 'local'),
  // The desktop app on a Roster server (docs/SERVER.md, "The desktop app on a server"): signing in, recent servers.
  'servers:connect': command(connectServerInput, connectedSchema, ['app'], 'local'),
  'servers:recent': query(noInput, z.array(recentServerSchema), ['app'], 'local'),
  'servers:openRecent': command(openRecentServerInput, connectedSchema, ['app'], 'local'),
  // The admin closed the dialog while the browser sign-in waited: it ends, and a browser that comes back changes nothing.
  'servers:cancelSignIn': command(noInput, z.object({ cancelled: z.boolean() }), [], 'local'),
  // The long jobs running now, for a page that (re)loads while one runs; the progress event tells the rest.
  'jobs:list': query(noInput, z.array(jobProgressSchema), [], 'read'),
  // Asks a long job (see the progress event) to stop; a job that cannot stop safely says so.
  'jobs:cancel': command(cancelJobInput, z.object({ cancelling: z.boolean() }), [], 'write'),

  // A Roster server's admins and API tokens (docs/SERVER.md). Everyone who may sign in sees who administers the store;
  // a token list shows an owner every token and anyone else their own; a non-owner may revoke only their own tokens.
  'admins:list': query(noInput, z.array(adminSchema), ['admins'], 'read'),
  'admins:add': command(addAdminInput, adminSchema, ['admins'], 'owner'),
  'admins:setRole': command(setAdminRoleInput, adminSchema, ['admins'], 'owner'),
  'admins:remove': command(removeAdminInput, removedAdminSchema, ['admins'], 'owner'),
  'admins:tokens': query(noInput, z.array(apiTokenSchema), ['admins'], 'read'),
  // A token that is not an owner's never mints another: a leaked one cannot outlive its expiry.
  'admins:createToken': command(createApiTokenInput, createdApiTokenSchema, ['admins'], 'owner'),
  'admins:revokeToken': command(revokeApiTokenInput, revokedApiTokenSchema, ['admins'], 'read'),
  // Signed-in consoles (docs/SERVER.md, "Signing in"): an owner sees every live session, anyone else their own; an owner ends any.
  'sessions:list': query(noInput, z.array(adminSessionSchema), ['admins'], 'read'),
  'sessions:end': command(endSessionInput, adminSessionSchema, ['admins'], 'owner'),
  // What changed between two files (docs/OFFLINE-COPIES.md, "What changed between two copies"): auditors compare copies; the files are only read.
  'diff:files': query(noInput, diffFilesSchema, ['backups'], 'read'),
  'diff:chooseFile': command(noInput, chosenDiffFileSchema, [], 'local'),
  // Reads nothing a change announces: a comparison with the live store is run again when asked (Compare), never on
  // every change, since at 100,000 members it takes seconds of main's (a server's) one thread.
  'diff:compare': query(compareInput, diffResultSchema, [], 'read'),
  'diff:export': command(compareInput, exportResultSchema, [], 'read'),
  // An offline copy without credentials (docs/OFFLINE-COPIES.md), saved or downloaded here; from a server, POST /api/snapshot.
  'snapshots:take': command(noInput, snapshotResultSchema, [], 'local'),
} as const satisfies Record<Channel, ChannelSpec<z.ZodType, z.ZodType>>;

export type Contract = typeof contract;
/** What a caller sends. */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives, after validation (trimmed, defaults filled). */
export type ChannelParsed<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
/** The channels that only read: what the renderer asks through its query cache. */
export type QueryChannel = { [C in Channel]: Contract[C]['kind'] extends 'query' ? C : never }[Channel];

/** Events main pushes to the renderer. */
export const eventSchemas = {
  changed: z.object({ areas: z.array(z.enum(changeAreas)) }),
  importProgress: importProgressSchema,
  /** A command from the application menu or its shortcut (Electron only). */
  menu: z.object({ command: z.enum(menuCommands) }),
  /** How far a long job (report, backup, restore) has got; the last one of a job says it finished. */
  progress: jobProgressSchema,
  /** Whether a window working on a Roster server reaches it (schemas/connection.ts). */
  connection: connectionStatusSchema,
} as const satisfies Record<EventName, z.ZodType>;

export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;

/** Arguments of invoke(channel, ...): the input may be left out where the channel takes none. */
export type InvokeArgs<C extends Channel> = undefined extends ChannelInput<C>
  ? [input?: ChannelInput<C>]
  : [input: ChannelInput<C>];

/** What preload exposes as window.api, and what browser mode implements over HTTP. */
export interface RosterApi {
  invoke<C extends Channel>(channel: C, ...args: InvokeArgs<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
}
