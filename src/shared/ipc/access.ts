import type { AdminRole } from '../schemas/admins';

/**
 * What calling a channel takes, for a Roster server's roles (docs/SERVER.md,
 * "Roles and what each may call"): "read" answers without changing anything
 * (exports included), "write" changes the enterprise's data, "owner" changes
 * who may do what or replaces the store (admins, tokens, restores, settings
 * that erase history), "local" works on this computer only (a file dialog, a
 * folder, this process's log) and is never served.
 */
export const channelAccesses = ['read', 'write', 'owner', 'local'] as const;
export type ChannelAccess = (typeof channelAccesses)[number];

const ALLOWED: Record<AdminRole, readonly ChannelAccess[]> = {
  owner: ['read', 'write', 'owner'],
  admin: ['read', 'write'],
  auditor: ['read'],
};

/** May an admin (or an API token) with this role call a channel of this access? A local channel: nobody, through a server. */
export function mayCall(role: AdminRole, access: ChannelAccess): boolean {
  return ALLOWED[role].includes(access);
}
