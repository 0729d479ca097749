import { useState } from 'react';
import type { Domain } from '@shared/schemas/domains';
import { appErrorOf, contractKey, queryClient, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';

/** What a check that found the record gone switched off with the verification. */
export interface LostVerification {
  at: string;
  capture: boolean;
  lock: boolean;
}

/**
 * A verified domain that a newer check found unverified lost its record; the
 * service switched capture and lock off with it. Judged from the domain as
 * this page last showed it, whoever ran the check (this window, or another).
 */
function lostBetween(before: Domain | null, after: Domain, lost: LostVerification | null): LostVerification | null {
  if (after.verified) return null;
  if (before?.id === after.id && before.verified && after.lastCheck && after.lastCheck.at !== before.lastCheck?.at) {
    return { at: after.lastCheck.at, capture: before.capture, lock: before.lock };
  }
  return before?.id === after.id ? lost : null;
}

/** The most a page of unmanaged accounts holds: past it, the oldest wait is not worked out. */
const WAITING_PAGE = 500;

/** One domain's page: the domain, a lost verification seen here, since when its longest-waiting account waits, and its changes. */
export function useDomainDetail(domainId: number) {
  const domainQuery = useContractQuery('domains:get', { id: domainId });
  const domain = domainQuery.data ?? null;

  // Follows each answer as it arrives: adjusting state while rendering, as React advises, rather than in an effect.
  const [seen, setSeen] = useState<Domain | null>(null);
  const [lost, setLost] = useState<LostVerification | null>(null);
  if (domain && domain !== seen) {
    setLost(lostBetween(seen, domain, lost));
    setSeen(domain);
  }

  const waiting = useContractQuery(
    'domains:unmanaged',
    { domainId, waitingOnly: true, limit: WAITING_PAGE },
    { enabled: Boolean(domain && domain.waitingCount > 0) },
  ).data;
  const complete = waiting && domain && domain.waitingCount > 0 && waiting.total <= waiting.rows.length;
  const since = complete ? waiting.rows.map((row) => row.waitingSince).filter((at) => at !== null) : [];
  // ISO timestamps in UTC sort as text.
  const waitingSince = since.length > 0 ? since.reduce((oldest, at) => (at < oldest ? at : oldest)) : null;

  const verify = useContractMutation('domains:verify');
  const setCapture = useContractMutation('domains:setCapture', { errors: 'inline' }).run;
  const setLock = useContractMutation('domains:setLock', { errors: 'inline' }).run;
  const setSubdomains = useContractMutation('domains:setSubdomains', { errors: 'inline' }).run;
  const setDefaultTeam = useContractMutation('domains:setDefaultTeam', { errors: 'inline' }).run;
  const remove = useContractMutation('domains:remove', { errors: 'inline' }).run;

  /** Shows the domain a change returned at once; the change event then asks again. */
  const show = async (call: Promise<Awaited<ReturnType<typeof setCapture>>>) => {
    const result = await call;
    if (result.ok) queryClient.setQueryData(contractKey('domains:get', { id: domainId }), result.value);
    return result;
  };

  return {
    domain,
    error: appErrorOf(domainQuery.error),
    lost,
    waitingSince,
    /** A DNS check is under way (it may wait for a slow server). */
    checking: verify.busy,
    verify: () => show(verify.run({ id: domainId })),
    setCapture: (on: boolean) => show(setCapture({ id: domainId, on })),
    setLock: (on: boolean) => show(setLock({ id: domainId, on })),
    setSubdomains: (on: boolean) => show(setSubdomains({ id: domainId, on })),
    setDefaultTeam: (teamId: number | null) => show(setDefaultTeam({ id: domainId, teamId })),
    remove: () => remove({ id: domainId }),
  };
}
