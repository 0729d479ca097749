import { useRef, useState } from 'react';
import type { Domain } from '@shared/schemas/domains';
import { countOf } from '@shared/text';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { WaitingBanner, waitingLinkText } from '../../components/WaitingBanner';
import { formatDateTime } from '../../lib/format';
import { screenHref } from '../../lib/route';
import { useNoticesStore } from '../../stores/notices-store';
import { useUnmanagedStore } from '../../stores/unmanaged-store';
import { useDomainDetail, type LostVerification } from './use-domain-detail';
import { DomainRecord } from './DomainRecord';
import { DomainSwitches } from './DomainSwitches';
import { statusLabel } from './domain-status';
import { UnmanagedAccounts } from './UnmanagedAccounts';
import { NotFoundScreen } from '../../components/ErrorBanner';
import { useMayCall } from '../../data/may-call';

const SWITCH_NAME = { capture: 'Domain capture', lock: 'Domain lock', subdomains: 'Subdomains' } as const;

function describe(domain: Domain): string {
  const status = statusLabel(domain);
  const since = domain.verifiedAt ? ` since ${formatDateTime(domain.verifiedAt)}` : '';
  const ascii = domain.display !== domain.domain ? ` In DNS: ${domain.domain}.` : '';
  return `${status}${since}.${ascii}`;
}

/** The record is gone: say what went with it, since switches that were on are now off. */
function LostNotice({ domain, lost }: { domain: Domain; lost: LostVerification }) {
  const switched = [lost.capture ? 'domain capture' : null, lost.lock ? 'domain lock' : null].filter(Boolean).join(' and ');
  return (
    <div className="banner banner-warning" role="alert">
      <span>
        <strong>{domain.display} is no longer verified.</strong> The check at {formatDateTime(lost.at)} did not find its record
        {switched ? `, so ${switched} ${lost.capture && lost.lock ? 'were' : 'was'} switched off` : ''}. Put the record back and check
        again, then switch {switched ? (lost.capture && lost.lock ? 'them' : 'it') : 'capture and lock'} on here.
      </span>
    </div>
  );
}

/** One domain: the record that proves it, the last check, its switches and its unmanaged accounts. */
export function DomainScreen({ domainId }: { domainId: number }) {
  const store = useDomainDetail(domainId);
  const { domain, error, checking, lost, waitingSince } = store;
  const notify = useNoticesStore((state) => state.push);
  const [removing, setRemoving] = useState(false);
  // What this admin may change here (in the server's console, by role); the rest is shown as it is.
  const may = {
    remove: useMayCall('domains:remove'),
    verify: useMayCall('domains:verify'),
    // One access for the four (write): an admin changes them all, an auditor none.
    switches: useMayCall('domains:setCapture'),
  };
  const unmanagedList = useRef<HTMLDivElement>(null);

  if (error) {
    return (
      <NotFoundScreen id="domain-title" noun="domain" error={error} back={{ href: screenHref('domains'), label: 'All domains' }} />
    );
  }
  if (!domain || domain.id !== domainId) return <div className="screen muted">Loading…</div>;

  const verify = async () => {
    const result = await store.verify();
    if (result.ok && result.value.verified) notify(`${result.value.display} is verified.`);
  };

  /** Filters the list below to the accounts waiting for a seat, and takes the admin there. */
  const showWaiting = () => {
    useUnmanagedStore.getState().setQuery({ waitingOnly: true });
    unmanagedList.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    // The filter's checkbox, now ticked, tells a screen reader what the list shows.
    unmanagedList.current?.querySelector<HTMLInputElement>('input[name="waiting-only"]')?.focus({ preventScroll: true });
  };
  const them = domain.waitingCount === 1 ? 'it' : 'them';

  return (
    <section className="screen" aria-labelledby="domain-title">
      <a className="back-link" href={screenHref('domains')}>
        ← Domains
      </a>
      <PageHeader
        id="domain-title"
        title={domain.display}
        description={describe(domain)}
        actions={
          may.remove ? (
            <button type="button" className="button danger-outline" onClick={() => setRemoving(true)}>
              Remove domain
            </button>
          ) : undefined
        }
      />
      {lost ? <LostNotice domain={domain} lost={lost} /> : null}
      {domain.verified && domain.waitingCount > 0 ? (
        <WaitingBanner
          count={domain.waitingCount}
          since={waitingSince}
          where={` on ${domain.display}`}
          action={
            <button type="button" className="button small" onClick={showWaiting}>
              {waitingLinkText(domain.waitingCount)}
            </button>
          }
        >
          Free a seat in <a href={screenHref('licenses')}>Licenses</a>, then claim {them}.
        </WaitingBanner>
      ) : null}

      <div className="domain-columns">
        <DomainRecord domain={domain} checking={checking} onVerify={may.verify ? () => void verify() : undefined} />
        <DomainSwitches
          domain={domain}
          readOnly={!may.switches}
          onSwitch={async (which, on) => {
            const result = await (which === 'capture' ? store.setCapture(on) : which === 'lock' ? store.setLock(on) : store.setSubdomains(on));
            if (result.ok) notify(`${SWITCH_NAME[which]} ${which === 'subdomains' ? (on ? 'included' : 'left out') : on ? 'switched on' : 'switched off'} for ${domain.display}.`);
            return result;
          }}
          onDefaultTeam={async (teamId) => {
            const result = await store.setDefaultTeam(teamId);
            if (result.ok) notify(result.value.defaultTeam ? `Accounts captured on ${domain.display} will join ${result.value.defaultTeam.name}.` : `${domain.display} has no default team now.`);
            return result;
          }}
        />
      </div>

      {domain.verified ? (
        <UnmanagedAccounts
          ref={unmanagedList}
          domainId={domain.id}
          label={`Unmanaged accounts on ${domain.display}`}
          emptyText={`Everyone with an account on ${domain.display} holds a seat.`}
        />
      ) : (
        <div className="card domain-section" role="region" aria-labelledby="unmanaged-title">
          <h2 id="unmanaged-title">Unmanaged accounts</h2>
          <p className="muted">Once {domain.display} is verified, accounts on it that hold no seat are listed here, to invite or claim.</p>
        </div>
      )}

      {removing ? (
        <ConfirmDialog
          title={`Remove ${domain.display}?`}
          body={[
            `Domain capture and lock stop at once: new accounts on ${domain.display} neither join the enterprise by themselves nor are refused.`,
            domain.waitingCount > 0
              ? `${countOf(domain.waitingCount, 'account')} waiting for a seat leave the waiting list. Members keep their seats.`
              : 'Members on it keep their seats.',
            'To claim it again, add it again and verify it with a new DNS record.',
          ]}
          confirmLabel="Remove domain"
          onClose={() => setRemoving(false)}
          onConfirm={async () => {
            const result = await store.remove();
            if (result.ok) {
              notify(`Removed ${domain.display}. No seat was freed.`);
              window.location.hash = screenHref('domains');
            }
            return result;
          }}
        />
      ) : null}
    </section>
  );
}
