import { contract, mayCall, type Channel } from '@shared/ipc/contract';
import type { AdminRole } from '@shared/schemas/admins';
import { useConnection } from '../stores/connection-store';
import { useConsoleSession } from '../stores/console-session-store';

/**
 * Whether whoever uses this window may call a channel: everything in the
 * desktop app and browser mode (no role: the person at the computer owns the
 * file), and in the server's console what the signed-in admin's role may
 * (the server's own rule, mayCall in shared/ipc/access.ts, so the two never
 * disagree). A channel that works only on one computer is never the console's.
 */
export function mayCallAs(role: AdminRole | null, channel: Channel): boolean {
  return role === null || mayCall(role, contract[channel].access);
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
 * an admin no owner's control.
 */
export function useMayCall(channel: Channel): boolean {
  const role = useConsoleRole();
  const lost = useConnection((state) => state.lost !== null);
  if (lost && offWhileLost(channel)) return false;
  return mayCallAs(role, channel);
}

/** The role's own rule outside React (the command palette, the menu). */
export function mayCallNow(channel: Channel): boolean {
  if (useConnection.getState().lost && offWhileLost(channel)) return false;
  return mayCallAs(useConsoleSession.getState().session?.role ?? null, channel);
}
