import { PageHeader } from '../../components/PageHeader';
import { screenHref, unmanagedHref } from '../../lib/route';
import { UnmanagedAccounts } from './UnmanagedAccounts';

/**
 * Keeps the address in step with the waiting-for-a-seat filter, so a reload shows
 * what was on screen. Replaced, not pushed: a filter is not a new page to go back to.
 */
function rememberFilter(waitingOnly: boolean) {
  window.history.replaceState(window.history.state, '', unmanagedHref({ waitingOnly }));
}

/** Unmanaged accounts on every verified domain at once; waitingOnly opens it on those waiting for a seat. */
export function UnmanagedScreen({ waitingOnly }: { waitingOnly: boolean }) {
  return (
    <section className="screen" aria-labelledby="unmanaged-title">
      <a className="back-link" href={screenHref('domains')}>
        ← Domains
      </a>
      <PageHeader
        id="unmanaged-title"
        title="Unmanaged accounts"
        description="People with an account on one of your verified domains who hold no seat. Invite them, or claim them: claiming makes them members at once, each on a free seat."
      />
      <UnmanagedAccounts
        domainId={null}
        label="Unmanaged accounts on all domains"
        emptyText="Everyone with an account on a verified domain holds a seat, or no domain is verified yet."
        waitingOnly={waitingOnly}
        onWaitingOnlyChange={rememberFilter}
      />
    </section>
  );
}
