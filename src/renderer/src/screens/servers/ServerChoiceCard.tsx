import { useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { ROLE_LABELS } from '../../components/SignedInAs';
import { useConnectStore } from '../../stores/connect-store';
import { afterConnecting } from './ConnectServerDialog';

/**
 * The first-run screen's third choice, beside creating an enterprise and the
 * demo: work on a Roster server, a new one or one connected to before (its
 * kept sign-in reconnects; an ended one opens the dialog to sign in again).
 */
export function ServerChoiceCard() {
  const recent = useContractQuery('servers:recent', undefined).data ?? [];
  const reopen = useContractMutation('servers:openRecent', { errors: 'inline' });
  const show = useConnectStore((state) => state.show);

  const open = async (address: string) => {
    const result = await reopen.run({ address });
    if (!result.ok && result.error.code === 'UNAUTHENTICATED') return show({ address, reason: result.error.message });
    afterConnecting(result);
  };

  return (
    <section className="card first-run-card server-card" aria-labelledby="server-title">
      <h2 id="server-title">Or connect to a Roster server</h2>
      <p>Work on your enterprise’s shared store, with the other admins, signed in as yourself.</p>
      {recent.length > 0 ? (
        <ul className="recent-servers" aria-label="Recent servers">
          {recent.map((server) => (
            <li key={server.address}>
              <button type="button" className="recent-server" disabled={reopen.busy} onClick={() => void open(server.address)}>
                <span className="recent-server-host">{server.host}</span>
                <span className="recent-server-who">
                  {server.email} · {ROLE_LABELS[server.role]}
                  {server.signedIn ? '' : ' · sign in again'}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {reopen.error && reopen.error.code !== 'UNAUTHENTICATED' ? (
        <p className="form-error" role="alert">
          {reopen.error.message}
        </p>
      ) : null}
      <button type="button" className="button wide" onClick={() => show()}>
        Connect to a Roster server…
      </button>
    </section>
  );
}
