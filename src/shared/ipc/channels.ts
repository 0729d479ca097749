/**
 * The names of the contract's channels and events, without their schemas, so
 * the preload script can check a name without bundling zod. contract.ts must
 * define exactly these channels: the compiler refuses a missing or extra one.
 */
export const channelNames = [
  'app:info',
  'app:chooseDatabase',
  'enterprise:get',
  'enterprise:create',
  'enterprise:rename',
  'enterprise:createDemo',
  'settings:get',
  'settings:update',
  'orgs:list',
  'orgs:get',
  'orgs:find',
  'orgs:create',
  'orgs:rename',
  'orgs:remove',
  'orgs:members',
  'orgs:addMembers',
  'orgs:setMemberRole',
  'orgs:removeMember',
  'seats:usage',
  'seats:set',
  'seats:list',
  'seats:ids',
  'seats:release',
  'members:add',
  'members:list',
  'members:remove',
  'members:find',
  'members:search',
  'invitations:create',
  'invitations:find',
  'invitations:resend',
  'invitations:revoke',
  'invitations:accept',
  'teams:list',
  'teams:get',
  'teams:find',
  'teams:create',
  'teams:rename',
  'teams:setRole',
  'teams:remove',
  'teams:members',
  'teams:withoutSeat',
  'teams:addMembers',
  'teams:removeMembers',
  'teams:link',
  'teams:unlink',
  'access:member',
  'domains:list',
  'domains:get',
  'domains:find',
  'domains:add',
  'domains:remove',
  'domains:verify',
  'domains:setCapture',
  'domains:setLock',
  'domains:setSubdomains',
  'domains:setDefaultTeam',
  'domains:unmanaged',
  'domains:claim',
  'domains:invite',
  'domains:exportUnmanaged',
  'access:org',
  'activity:import',
  'activity:cancelImport',
  'report:page',
  'report:summary',
  'report:inactive',
  'report:export',
  'report:releaseInactive',
  'activity:importStatus',
  'app:showSavedFile',
  'scim:status',
  'scim:start',
  'scim:stop',
  'scim:tokens',
  'scim:createToken',
  'scim:revokeToken',
  'scim:requests',
  'backups:list',
  'backups:create',
  'backups:restore',
  'backups:restoreFile',
  'db:check',
  'audit:list',
  'audit:facets',
  'audit:export',
  'audit:verify',
  'app:recentDatabases',
  'app:openRecent',
  'app:logFile',
  'app:showLogFile',
  'jobs:list',
  'jobs:cancel',
] as const;

export type Channel = (typeof channelNames)[number];

const channelSet: ReadonlySet<string> = new Set(channelNames);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && channelSet.has(name);
}

export const eventNames = ['changed', 'importProgress', 'menu', 'progress'] as const;
export type EventName = (typeof eventNames)[number];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}

/** The one Electron IPC channel events travel on; the payload names the event. */
export const EVENT_CHANNEL = 'roster:event';
