import { useEffect, type ReactNode } from 'react';
import { queryClient } from '../../data/query';
import { getSession, signedInFlag } from '../../lib/console-auth';
import { useConsoleSession } from '../../stores/console-session-store';
import { SignInScreen } from './SignInScreen';

/**
 * The server's web console: the app once someone is signed in, the sign-in
 * screen until then. A session that ends (signed out, idle, ended by an
 * owner) takes the page back to the sign-in screen, and nothing the last
 * admin saw stays in the page for the next.
 */
export function ConsoleGate({ children }: { children: ReactNode }) {
  const status = useConsoleSession((state) => state.status);

  useEffect(() => {
    const flag = signedInFlag();
    void getSession().then((answer) => {
      const { signedIn, signedOut } = useConsoleSession.getState();
      if (answer.ok) signedIn(answer.value);
      // A first visit says nothing; a session that ended while the page was closed says why.
      else signedOut(flag.held() || answer.error.code === 'UNAVAILABLE' ? answer.error.message : null);
    });
  }, []);

  useEffect(() => {
    if (status !== 'signed-out') return;
    signedInFlag().clear();
    queryClient.clear();
  }, [status]);

  useEffect(() => {
    if (status === 'signed-in') signedInFlag().set();
  }, [status]);

  if (status === 'checking') {
    return (
      <div className="app" data-app-state="loading">
        <div className="splash" aria-busy="true">
          Opening Roster…
        </div>
      </div>
    );
  }
  if (status === 'signed-out') {
    return (
      <div className="app" data-app-state="signed-out">
        <SignInScreen />
      </div>
    );
  }
  return children;
}
