import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { appErrorOf } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useScim } from './use-scim';
import { RequestsCard } from './RequestsCard';
import { ServerCard } from './ServerCard';
import { TokensCard } from './TokensCard';

/** SCIM provisioning: the server identity providers call, the tokens they use, and what they asked. */
export function ScimScreen() {
  const { serverQuery, tokensQuery, requestsQuery } = useScim();
  const server = serverQuery.data ?? null;
  const error = appErrorOf(serverQuery.error ?? tokensQuery.error ?? requestsQuery.error);
  const load = () => Promise.all([serverQuery.refetch(), tokensQuery.refetch(), requestsQuery.refetch()]);
  const start = useContractMutation('scim:start', { errors: 'inline' }).run;
  const stop = useContractMutation('scim:stop', { errors: 'inline' }).run;

  return (
    <section className="screen" aria-labelledby="scim-title">
      <PageHeader
        id="scim-title"
        title="SCIM"
        description="Let Okta or Microsoft Entra ID manage members and teams: they create users (each takes a seat), deactivate them (the seat is freed) and push groups as teams."
      />
      {error ? <ErrorBanner message={error.message} onRetry={() => void load()} /> : null}
      <ServerCard server={server} onStart={(port) => start({ port })} onStop={() => stop()} />
      <TokensCard />
      <RequestsCard />
    </section>
  );
}
