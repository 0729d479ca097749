import type { ReactNode } from 'react';
import { countOf } from '@shared/text';
import { formatDateTime } from '../lib/format';

interface WaitingBannerProps {
  /** Accounts domain capture found no free seat for. */
  count: number;
  /** Since when the longest-waiting one waits; null when not known. */
  since?: string | null;
  /** Where they signed up, e.g. " on acme.com"; empty for every domain. */
  where?: string;
  /** What to do, after what happened. */
  children: ReactNode;
  /** The way to those accounts: a link or a button. */
  action: ReactNode;
}

/**
 * New accounts that domain capture could not seat do not join by themselves
 * when a seat frees: an admin has to claim them. Says so where seats are managed.
 */
export function WaitingBanner({ count, since = null, where = '', children, action }: WaitingBannerProps) {
  const one = count === 1;
  const when = since ? `, ${one ? 'since' : 'the longest since'} ${formatDateTime(since)}` : '';
  return (
    <div className="banner banner-warning" role="status" aria-label="Accounts waiting for a seat">
      <span>
        <strong>
          {countOf(count, 'account')} {one ? 'is' : 'are'} waiting for a seat
        </strong>
        {where}
        {when}. Domain capture found no free seat when {one ? 'it' : 'they'} signed up. {children}
      </span>
      {action}
    </div>
  );
}

/** The words of the way to the waiting accounts: "Show the waiting account", "Show the 3 waiting accounts". */
export function waitingLinkText(count: number): string {
  return count === 1 ? 'Show the waiting account' : `Show the ${count.toLocaleString()} waiting accounts`;
}
