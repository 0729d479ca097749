import { useState } from 'react';
import type { AdminRole } from '@shared/schemas/admins';
import { signedInFlag, signOut } from '../lib/console-auth';
import { useConsoleSession } from '../stores/console-session-store';
import { useNoticesStore } from '../stores/notices-store';
import { useServerRole } from '../stores/server-role-store';

export const ROLE_LABELS: Record<AdminRole, string> = { owner: 'Owner', admin: 'Admin', auditor: 'Auditor' };

/** Who is signed in to the server's console, with what role, and the way out. Nothing outside the console. */
export function SignedInAs() {
  const session = useConsoleSession((state) => state.session);
  const [busy, setBusy] = useState(false);
  if (!session) return null;

  const leave = async () => {
    setBusy(true);
    const result = await signOut(session.csrfToken);
    setBusy(false);
    // Not reached: the session still stands on the server, so the page must not pretend it ended.
    if (!result.ok && result.error.code === 'UNAVAILABLE') return useNoticesStore.getState().push(result.error.message, 'error');
    signedInFlag().clear();
    useConsoleSession.getState().signedOut('You signed out.');
  };

  return (
    <div className="signed-in" aria-label="Signed in">
      {session.name ? <span className="signed-in-name">{session.name}</span> : null}
      <span className="signed-in-who" title={session.email}>
        {session.email} · {ROLE_LABELS[session.role]}
      </span>
      <button type="button" className="button small" disabled={busy} onClick={() => void leave()}>
        Sign out
      </button>
    </div>
  );
}

/** What an auditor may do, said once above every screen: nothing there offers a change. */
export function AuditorNote() {
  const consoleRole = useConsoleSession((state) => state.session?.role);
  const serverRole = useServerRole((state) => state.role);
  if ((consoleRole ?? serverRole) !== 'auditor') return null;
  return (
    <p className="role-note" role="note">
      Auditor: you can read and export; changes are made by admins.
    </p>
  );
}
