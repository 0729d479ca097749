import { useContractQuery } from './query';

/**
 * How many accounts are unmanaged and waiting for a seat across all domains:
 * for the sidebar's badge, the Licenses banner and the Domains screen. Counted
 * by main over all domains at once, since adding up each domain's counts would
 * count an account on nested domains (acme.com and eu.acme.com) twice. One row
 * is the least a page can hold; only each total is wanted.
 */
export function useUnmanagedTotals(): { unmanaged: number; waiting: number } {
  const unmanaged = useContractQuery('domains:unmanaged', { limit: 1 }).data?.total ?? 0;
  const waiting = useContractQuery('domains:unmanaged', { waitingOnly: true, limit: 1 }).data?.total ?? 0;
  return { unmanaged, waiting };
}
