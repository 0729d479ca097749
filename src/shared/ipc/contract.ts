import { z } from 'zod';
import type { Result } from '../result';
import { appInfoSchema, chooseDatabaseInput, chooseDatabaseOutput, openRecentInput, recentDatabaseSchema } from '../schemas/app';
import { menuCommands } from '../menu-commands';
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
import {
  exportReportInput,
  inactiveInput,
  releaseInactiveInput,
  inactiveMembersSchema,
  reportPageInput,
  reportPageSchema,
  reportSummaryInput,
  reportSummarySchema,
} from '../schemas/report';
import { createDemoInput, createEnterpriseInput, enterpriseSchema } from '../schemas/enterprise';
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
import { createOrgInput, findOrgInput, getOrgInput, organizationSchema, orgSummarySchema, removeOrgInput, renameOrgInput } from '../schemas/orgs';
import { enterpriseSettingsSchema, updateSettingsInput } from '../schemas/settings';
import {
  changeTeamMembersInput,
  createTeamInput,
  findTeamInput,
  linkTeamInput,
  renameTeamInput,
  setTeamRoleInput,
  teamIdInput,
  teamMemberPageSchema,
  teamMembersInput,
  teamWithoutSeatInput,
  teamWithoutSeatSchema,
  teamSchema,
  teamSummarySchema,
  unlinkTeamInput,
} from '../schemas/teams';
import { memberAccessInput, memberAccessSchema, orgAccessInput, orgAccessPageSchema } from '../schemas/access';
import type { Channel, EventName } from './channels';

export { channelNames as channels, EVENT_CHANNEL, isChannel, type Channel, type EventName } from './channels';

/**
 * Parts of the store a change can touch. Screens listen for the areas they show;
 * "*" means "anything may have changed" (another process wrote to the file).
 */
export const changeAreas = ['app', 'enterprise', 'orgs', 'seats', 'teams', 'domains', 'settings', 'activity', 'scim', 'backups', '*'] as const;
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
}

function query<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, reads: readonly ChangeArea[]): ChannelSpec<I, O> & { kind: 'query' } {
  return { kind: 'query', input, output, changes: [], reads };
}

function command<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  changes: readonly ChangeArea[],
): ChannelSpec<I, O> & { kind: 'command' } {
  return { kind: 'command', input, output, changes, reads: [] };
}

/**
 * THE contract between the renderer and main: channel name -> input schema,
 * output schema and what it changes. Main registers handlers from this object
 * only and validates every payload against it before any service runs.
 */
export const contract = {
  'app:info': query(noInput, appInfoSchema, ['enterprise']),
  'app:chooseDatabase': command(chooseDatabaseInput, chooseDatabaseOutput, []),

  'enterprise:get': query(noInput, enterpriseSchema.nullable(), ['enterprise']),
  'enterprise:create': command(createEnterpriseInput, enterpriseSchema, ['enterprise']),
  'enterprise:createDemo': command(createDemoInput, enterpriseSchema, ['enterprise', 'orgs', 'seats', 'teams', 'domains', 'activity']),

  'settings:get': query(noInput, enterpriseSettingsSchema, ['settings']),
  'settings:update': command(updateSettingsInput, enterpriseSettingsSchema, ['settings', 'seats']),

  'orgs:list': query(noInput, z.array(orgSummarySchema), ['orgs', 'seats', 'teams']),
  'orgs:get': query(getOrgInput, orgSummarySchema, ['orgs', 'seats', 'teams']),
  'orgs:find': query(findOrgInput, organizationSchema, ['orgs']),
  'orgs:create': command(createOrgInput, organizationSchema, ['orgs']),
  'orgs:rename': command(renameOrgInput, organizationSchema, ['orgs']),
  'orgs:remove': command(removeOrgInput, z.object({ id: z.int() }), ['orgs', 'seats']),
  'orgs:members': query(orgMembersInput, orgMemberPageSchema, ['orgs', 'seats', 'teams']),
  'orgs:addMembers': command(addOrgMembersInput, z.object({ added: z.int(), alreadyMembers: z.int() }), ['orgs', 'seats']),
  'orgs:setMemberRole': command(setOrgMemberRoleInput, orgMemberSchema, ['orgs', 'seats']),
  'orgs:removeMember': command(removeOrgMemberInput, z.object({ orgId: z.int(), accountId: z.int() }), ['orgs', 'seats']),

  'seats:usage': query(noInput, seatUsageSchema, ['seats', 'enterprise', 'settings']),
  'seats:set': command(setSeatsInput, seatUsageSchema, ['seats', 'enterprise']),
  'seats:list': query(listSeatsInput, seatPageSchema, ['seats', 'orgs', 'teams']),
  'seats:ids': query(seatFilterSchema.prefault({}), seatIdsSchema, ['seats', 'orgs', 'teams']),
  'seats:release': command(releaseSeatsInput, releaseResultSchema, ['seats', 'orgs', 'teams']),

  'members:add': command(addMemberInput, memberSchema, ['seats', 'orgs', 'teams']),
  'members:list': query(listMembersInput, memberPageSchema, ['seats', 'orgs', 'teams']),
  'members:remove': command(removeMemberInput, z.object({ accountId: z.int() }), ['seats', 'orgs', 'teams']),
  'members:find': query(findMemberInput, memberSchema, ['seats']),
  'members:search': query(searchMembersInput, z.array(memberSearchResultSchema), ['seats', 'orgs', 'teams']),

  'invitations:create': command(createInvitationInput, invitationSchema, ['seats', 'teams']),
  'invitations:find': query(findInvitationInput, invitationSchema, ['seats']),
  'invitations:resend': command(invitationIdInput, invitationSchema, ['seats']),
  'invitations:revoke': command(invitationIdInput, invitationSchema, ['seats']),
  'invitations:accept': command(invitationIdInput, invitationSchema, ['seats', 'orgs', 'teams']),

  'teams:list': query(noInput, z.array(teamSummarySchema), ['teams', 'orgs', 'seats']),
  'teams:get': query(teamIdInput, teamSummarySchema, ['teams', 'orgs', 'seats']),
  'teams:find': query(findTeamInput, teamSchema, ['teams']),
  'teams:create': command(createTeamInput, teamSummarySchema, ['teams']),
  'teams:rename': command(renameTeamInput, teamSummarySchema, ['teams', 'seats', 'orgs']),
  'teams:setRole': command(setTeamRoleInput, teamSummarySchema, ['teams', 'orgs']),
  'teams:remove': command(teamIdInput, z.object({ id: z.int() }), ['teams', 'seats', 'orgs']),
  'teams:members': query(teamMembersInput, teamMemberPageSchema, ['teams', 'orgs', 'seats']),
  'teams:withoutSeat': query(teamWithoutSeatInput, teamWithoutSeatSchema, ['teams', 'seats']),
  'teams:addMembers': command(changeTeamMembersInput, z.object({ added: z.int(), alreadyMembers: z.int() }), ['teams', 'seats', 'orgs']),
  'teams:removeMembers': command(changeTeamMembersInput, z.object({ removed: z.int() }), ['teams', 'seats', 'orgs']),
  'teams:link': command(linkTeamInput, teamSummarySchema, ['teams', 'orgs']),
  'teams:unlink': command(unlinkTeamInput, teamSummarySchema, ['teams', 'orgs']),

  'access:member': query(memberAccessInput, memberAccessSchema, ['teams', 'orgs', 'seats']),
  'access:org': query(orgAccessInput, orgAccessPageSchema, ['teams', 'orgs', 'seats']),

  'domains:list': query(noInput, z.array(domainSchema), ['domains', 'seats']),
  'domains:get': query(domainIdInput, domainSchema, ['domains', 'seats', 'teams']),
  'domains:find': query(findDomainInput, domainSchema, ['domains']),
  'domains:add': command(addDomainInput, domainSchema, ['domains']),
  'domains:remove': command(domainIdInput, z.object({ id: z.int() }), ['domains', 'seats']),
  'domains:verify': command(verifyDomainInput, domainSchema, ['domains', 'seats']),
  'domains:setCapture': command(setDomainSwitchInput, domainSchema, ['domains']),
  'domains:setLock': command(setDomainSwitchInput, domainSchema, ['domains']),
  'domains:setSubdomains': command(setDomainSwitchInput, domainSchema, ['domains', 'seats']),
  'domains:setDefaultTeam': command(setDefaultTeamInput, domainSchema, ['domains']),
  'domains:unmanaged': query(unmanagedInput, unmanagedPageSchema, ['domains', 'seats']),
  'domains:claim': command(claimAccountsInput, z.object({ claimed: z.int() }), ['domains', 'seats', 'teams']),
  'domains:invite': command(claimAccountsInput, z.object({ invited: z.int(), alreadyInvited: z.int() }), ['domains', 'seats']),
  'domains:exportUnmanaged': command(z.strictObject({ domainId: idSchema.optional() }).prefault({}), exportResultSchema, []),

  'activity:import': command(noInput, importSummarySchema.nullable(), ['activity', 'seats', 'domains', 'teams', 'orgs']),
  'activity:cancelImport': command(noInput, z.object({ cancelling: z.boolean() }), []),

  'report:page': query(reportPageInput, reportPageSchema, ['activity', 'seats', 'teams', 'orgs', 'settings']),
  'report:summary': query(reportSummaryInput, reportSummarySchema, ['activity', 'seats', 'teams', 'orgs', 'settings']),
  'report:inactive': query(inactiveInput, inactiveMembersSchema, ['activity', 'seats', 'teams', 'orgs', 'settings']),
  'report:export': command(exportReportInput, exportResultSchema, []),
  'report:releaseInactive': command(releaseInactiveInput, releaseResultSchema, ['seats', 'orgs', 'teams', 'activity']),
  'activity:importStatus': query(noInput, importStatusSchema, ['activity']),
  'scim:status': query(noInput, scimServerStatusSchema, ['scim']),
  'scim:start': command(startScimInput, scimServerStatusSchema, ['scim']),
  'scim:stop': command(noInput, scimServerStatusSchema, ['scim']),
  'scim:tokens': query(noInput, z.array(scimTokenSchema), ['scim']),
  'scim:createToken': command(createTokenInput, createdTokenSchema, ['scim']),
  'scim:revokeToken': command(tokenIdInput, scimTokenSchema, ['scim']),
  'scim:requests': query(scimRequestsInput, scimRequestPageSchema, ['scim', 'seats', 'teams', 'orgs']),
  'backups:list': query(noInput, backupListSchema, ['backups', 'settings']),
  'backups:create': command(noInput, backupResultSchema, ['backups']),
  // A restore replaces everything: every screen reloads.
  'backups:restore': command(restoreBackupInput, restoreResultSchema, ['*']),
  'backups:restoreFile': command(noInput, restoreResultSchema.nullable(), ['*']),
  // Reads only: SQLite's quick (or full) check and Roster's own, of the open database.
  'db:check': query(checkDatabaseInput, databaseCheckSchema, []),
  'audit:list': query(auditListInput, auditPageSchema, ['*']),
  'audit:facets': query(noInput, auditFacetsSchema, ['*']),
  'audit:export': command(exportAuditInput, exportResultSchema, []),
  // Walks the audit log's hash chain: whole, or the first event that breaks it.
  'audit:verify': query(noInput, auditVerificationSchema, []),
  'app:showSavedFile': command(z.strictObject({ saveId: z.string().max(100) }), z.object({ shown: z.boolean() }), []),
  'app:recentDatabases': query(noInput, z.array(recentDatabaseSchema), ['app']),
  // The path must be one of the recent databases main remembers: the page never names an arbitrary file.
  'app:openRecent': command(openRecentInput, chooseDatabaseOutput, []),
  // Where this process writes its log (rotated; never a token, password or cookie): null where it keeps none.
  'app:logFile': query(noInput, z.object({ path: z.string().nullable() }), ['app']),
  // Shows the log file in the system's file manager (the desktop app only).
  'app:showLogFile': command(noInput, z.object({ shown: z.boolean() }), []),
  // The long jobs running now, for a page that (re)loads while one runs; the progress event tells the rest.
  'jobs:list': query(noInput, z.array(jobProgressSchema), []),
  // Asks a long job (see the progress event) to stop; a job that cannot stop safely says so.
  'jobs:cancel': command(cancelJobInput, z.object({ cancelling: z.boolean() }), []),
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
