import { contract, mayCall, type Channel } from '@shared/ipc/contract';
import type { AdminRole } from '@shared/schemas/admins';
import { useConsoleSession } from '../stores/console-session-store';
import { useConnection } from '../stores/connection-store';
import { useServerRole } from '../stores/server-role-store';
import { useOfflineCopy } from '../stores/offline-copy-store';
import { changesStore } from '@shared/offline-copy';

/**
 * Whether whoever uses this window may call a channel: everything in the
 * desktop app and browser mode (no role: the person at the computer owns the
 * file), and in the server's console or a desktop app signed in to a server
 * what the admin's role may (the server's own rule, mayCall in
 * shared/ipc/access.ts, so the two never disagree). A channel that works only
 * on one computer is never the console's, and always the desktop app's.
 */
export function mayCallAs(role: AdminRole | null, channel: Channel, where: 'console' | 'desktop' = 'console'): boolean {
  if (role === null) return true;
  const access = contract[channel].access;
  // The desktop app on a server still opens files and signs in on this computer; the console never does.
  if (access === 'local') return where === 'desktop';
  return mayCall(role, access);
}

/**
 * While the Roster server this window works on cannot be reached, nothing that
 * would change the store is offered (the remote core would refuse it at once,
 * and no change is kept to send later); reading and exporting what shows stay.
 */
function offWhileLost(channel: Channel): boolean {
  const { access } = contract[channel];
  return access === 'write' || access === 'owner';
}

/** The signed-in admin's role in the server's console; null in the desktop app and browser mode. */
export function useConsoleRole(): AdminRole | null {
  return useConsoleSession((state) => state.session?.role ?? null);
}

/**
 * Every control that calls a command asks this first and is not shown when
 * the answer is no: an auditor sees no control that would change anything,
 * an admin no owner's control, in the console and in a desktop app signed in
 * to a server alike.
 */
export function useMayCall(channel: Channel): boolean {
  const consoleRole = useConsoleRole();
  const serverRole = useServerRole((state) => state.role);
  const lost = useConnection((state) => state.lost !== null);
  // An offline copy is read only: no control that would change it (main refuses the change anyway, READ_ONLY).
  const copy = useOfflineCopy((state) => state.copy !== null);
  if (copy && changesStore(channel)) return false;
  if (lost && offWhileLost(channel)) return false;
  return consoleRole ? mayCallAs(consoleRole, channel) : mayCallAs(serverRole, channel, 'desktop');
}

/** The role's own rule outside React (the command palette, the menu). */
export function mayCallNow(channel: Channel): boolean {
  if (useOfflineCopy.getState().copy && changesStore(channel)) return false;
  if (useConnection.getState().lost && offWhileLost(channel)) return false;
  const consoleRole = useConsoleSession.getState().session?.role ?? null;
  if (consoleRole) return mayCallAs(consoleRole, channel);
  return mayCallAs(useServerRole.getState().role, channel, 'desktop');
}
