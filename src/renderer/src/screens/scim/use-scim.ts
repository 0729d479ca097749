import { useContractQuery } from '../../data/query';
import { requestsInput, useScimStore } from '../../stores/scim-store';

/**
 * GET requests change nothing, so nothing announces them: while the server runs
 * and this screen is open, the log is read again this often.
 */
const POLL_MS = 3000;

/** The server's state, its tokens and the request log's page; each read again while the server runs. */
export function useScim() {
  const query = useScimStore((state) => state.query);
  const serverQuery = useContractQuery('scim:status', undefined, { refetchInterval: (state) => (state.state.data?.running ? POLL_MS : false) });
  const running = serverQuery.data?.running === true;
  const poll = { refetchInterval: running ? POLL_MS : false } as const;
  const tokensQuery = useContractQuery('scim:tokens', undefined, poll);
  const requestsQuery = useContractQuery('scim:requests', requestsInput(query), { ...poll, keepPrevious: true });
  return { serverQuery, tokensQuery, requestsQuery };
}
