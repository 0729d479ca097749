import { create, type StateCreator } from 'zustand';
import type { ConsoleSession } from '@shared/schemas/console-auth';

/**
 * Who is signed in to the server's web console (and nothing in the desktop
 * app or browser mode, where `session` stays null and every control shows).
 *
 * - checking: the page has just loaded and asked GET /auth/session;
 * - signed-in: `session` holds the admin, their role and the CSRF token;
 * - signed-out: the sign-in screen, with `reason` when a session ended
 *   (signed out elsewhere, idle, ended by an owner) rather than never began.
 */
export interface ConsoleSessionState {
  status: 'checking' | 'signed-in' | 'signed-out';
  session: ConsoleSession | null;
  reason: string | null;
  signedIn(session: ConsoleSession): void;
  signedOut(reason: string | null): void;
}

/** The store's state and actions (tests make stores of their own from it). */
export const consoleSessionState: StateCreator<ConsoleSessionState> = (set) => ({
  status: 'checking',
  session: null,
  reason: null,
  signedIn(session) {
    set({ status: 'signed-in', session, reason: null });
  },
  signedOut(reason) {
    set({ status: 'signed-out', session: null, reason });
  },
});

export const useConsoleSession = create<ConsoleSessionState>()(consoleSessionState);
