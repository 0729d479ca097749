import { PageHeader } from '../../components/PageHeader';
import { screenHref } from '../../lib/route';
import { UnmanagedAccounts } from './UnmanagedAccounts';

/** Unmanaged accounts on every verified domain at once. */
export function UnmanagedScreen() {
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
      />
    </section>
  );
}
