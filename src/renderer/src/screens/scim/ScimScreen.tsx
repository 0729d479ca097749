import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { useScimStore } from '../../stores/scim-store';
import { RequestsCard } from './RequestsCard';
import { ServerCard } from './ServerCard';
import { TokensCard } from './TokensCard';

/**
 * GET requests change nothing, so nothing announces them: while the server runs
 * and this screen is open, the log is read again this often.
 */
const POLL_MS = 3000;

/** SCIM provisioning: the server identity providers call, the tokens they use, and what they asked. */
export function ScimScreen() {
  const { server, status, error, load, start, stop } = useScimStore();
  const running = server?.running === true;

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, load]);

  return (
    <section className="screen" aria-labelledby="scim-title">
      <PageHeader
        id="scim-title"
        title="SCIM"
        description="Let Okta or Microsoft Entra ID manage members and teams: they create users (each takes a seat), deactivate them (the seat is freed) and push groups as teams."
      />
      {status === 'error' && error ? <ErrorBanner message={error.message} onRetry={() => void load()} /> : null}
      <ServerCard server={server} onStart={start} onStop={stop} />
      <TokensCard />
      <RequestsCard />
    </section>
  );
}
