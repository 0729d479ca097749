import { useEffect, useState } from 'react';
import { useContractQuery } from './query';

/**
 * How many accounts are unmanaged and waiting for a seat across all domains:
 * for the sidebar's badge, the Licenses banner and the Domains screen. Counted
 * by main over all domains at once, since adding up each domain's counts would
 * count an account on nested domains (acme.com and eu.acme.com) twice. One row
 * is the least a page can hold; only each total is wanted.
 *
 * Asked just after the screen mounts (its reads go out first): main answers calls one at a time,
 * in the order they come, and the screen's own rows should come first (at
 * 1,000,000 members each count took 75 ms, ahead of Licenses' first page).
 */
export function useUnmanagedTotals(): { unmanaged: number; waiting: number } {
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(true), 0);
    return () => clearTimeout(timer);
  }, []);
  const unmanaged = useContractQuery('domains:unmanaged', { limit: 1 }, { enabled: asked }).data?.total ?? 0;
  const waiting = useContractQuery('domains:unmanaged', { waitingOnly: true, limit: 1 }, { enabled: asked }).data?.total ?? 0;
  return { unmanaged, waiting };
}
