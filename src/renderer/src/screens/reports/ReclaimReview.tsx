import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { useTable } from '@tanstack/react-table';
import { describeLeftOut } from '@shared/reclaim-text';
import type { ReleaseInactiveResult } from '@shared/schemas/reclaim';
import { countOf } from '@shared/text';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ExportButton } from '../../components/ExportButton';
import { Pager } from '../../components/Pager';
import { DataTable } from '../../components/table/DataTable';
import { listFeatures } from '../../components/table/list-features';
import { appErrorOf, useContractQuery } from '../../data/query';
import { useLastPageClamp } from '../../data/paging';
import { useContractMutation } from '../../data/use-contract-mutation';
import { formatDay } from '../../lib/format';
import { useNoticesStore } from '../../stores/notices-store';
import { reclaimColumns } from './reclaim-columns';
import { ReleaseIdleDialog, ReleaseOutcome } from './ReleaseIdle';
import { useMayCall } from '../../data/may-call';

const PAGE_SIZE = 50;

function Switch({ label, checked, hint, onChange }: { label: string; checked: boolean; hint: ReactNode; onChange: (on: boolean) => void }) {
  const hintId = useId();
  return (
    <div className="switch-row">
      <label className="switch">
        <input type="checkbox" role="switch" checked={checked} aria-describedby={hintId} onChange={(event) => onChange(event.target.checked)} />
        <span className="switch-label">{label}</span>
      </label>
      <p id={hintId} className="field-hint switch-hint">
        {hint}
      </p>
    </div>
  );
}

interface ReclaimReviewProps {
  inactiveDays: number;
  /** The report's moment (the end of the chosen day), or undefined for now. */
  asOf: string | undefined;
}

/**
 * The list to review before idle seats are released (docs/RULES.md, A5): every
 * idle member, selected unless the admin unselects them; members the identity
 * provider manages and organization owners left out unless switched in; the
 * list as CSV; then the release of exactly those selected.
 */
export function ReclaimReview({ inactiveDays, asOf }: ReclaimReviewProps) {
  const [includeScim, setIncludeScim] = useState(false);
  const [includeOwners, setIncludeOwners] = useState(false);
  const [pageIndex, setPageIndex] = useState(0);
  // The members the admin took out of the release; everyone else listed is in it.
  const [unselected, setUnselected] = useState<ReadonlySet<number>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<ReleaseInactiveResult | null>(null);
  const inclusion = { includeScim, includeOwners };
  const reviewQuery = useContractQuery('report:inactive', { asOf, inactiveDays, ...inclusion, offset: pageIndex * PAGE_SIZE, limit: PAGE_SIZE }, { keepPrevious: true });
  const rule = useContractQuery('settings:get', undefined).data?.reportRule ?? null;
  const exportList = useContractMutation('report:exportInactive', { errors: 'notice' }).run;
  const releaseInactive = useContractMutation('report:releaseInactive', { errors: 'inline' }).run;
  // Who may only read still reviews the list and exports it; releasing is an admin's.
  const mayRelease = useMayCall('report:releaseInactive');
  const notify = useNoticesStore((state) => state.push);
  const review = reviewQuery.data ?? null;
  useLastPageClamp(review?.total, PAGE_SIZE, pageIndex, setPageIndex);

  const chosen = useMemo(() => (review ? review.accountIds.filter((id) => !unselected.has(id)) : []), [review, unselected]);
  const rows = useMemo(() => review?.rows ?? [], [review]);
  const onPage = rows.filter((row) => !unselected.has(row.accountId)).length;
  const page = onPage === 0 ? 'none' : onPage === rows.length ? 'all' : 'some';

  const toggle = useCallback((accountId: number) => {
    setUnselected((current) => {
      const next = new Set(current);
      if (!next.delete(accountId)) next.add(accountId);
      return next;
    });
  }, []);
  const togglePage = useCallback(() => {
    setUnselected((current) => {
      const next = new Set(current);
      for (const row of rows) {
        if (page === 'all') next.add(row.accountId);
        else next.delete(row.accountId);
      }
      return next;
    });
  }, [rows, page]);

  const columns = useMemo(() => reclaimColumns({ isSelected: (id) => !unselected.has(id), onToggle: toggle, page, onTogglePage: togglePage }, rule), [unselected, toggle, page, togglePage, rule]);
  const table = useTable({ features: listFeatures, columns, data: rows, getRowId: (row) => String(row.accountId) });

  const switchTo = (change: Partial<typeof inclusion>) => {
    if ('includeScim' in change) setIncludeScim(change.includeScim!);
    if ('includeOwners' in change) setIncludeOwners(change.includeOwners!);
    setPageIndex(0);
  };

  if (reviewQuery.isError && !review) {
    return <ErrorBanner message={appErrorOf(reviewQuery.error)?.message ?? ''} onRetry={() => void reviewQuery.refetch()} />;
  }
  if (!review) return <p className="muted">Listing the idle members…</p>;

  const days = countOf(inactiveDays, 'day');
  const leftOut = describeLeftOut(review, inclusion);
  const chosenSet = new Set(chosen);
  return (
    <div className="reclaim-review" role="region" aria-label="Idle members to review">
      <p className="reclaim-summary" aria-live="polite">
        <strong>{countOf(review.total, 'member')}</strong> inactive for over {days} as of {formatDay(review.asOf.slice(0, 10))}
        {review.total > 1 ? ', most idle first' : ''}. {leftOut}
      </p>
      <div className="reclaim-switches">
        <Switch
          label={`Include members managed by SCIM (${review.scim.toLocaleString()})`}
          checked={includeScim}
          onChange={(on) => switchTo({ includeScim: on })}
          hint="Your identity provider gave them their seat or manages them: released here, it may give the seat back at its next sync. Remove them in the provider instead."
        />
        <Switch
          label={`Include organization owners (${review.owners.toLocaleString()})`}
          checked={includeOwners}
          onChange={(on) => switchTo({ includeOwners: on })}
          hint="Their organizations may be left without an owner."
        />
      </div>

      <div className="selection-bar reclaim-actions" role="group" aria-label="Release">
        <span aria-live="polite">
          <strong>{chosen.length.toLocaleString()}</strong> of {review.total.toLocaleString()} selected
        </span>
        {chosen.length < review.total ? (
          <button type="button" className="button subtle small" onClick={() => setUnselected(new Set())}>
            Select all {review.total.toLocaleString()}
          </button>
        ) : null}
        {chosen.length > 0 ? (
          // To release a few of many: none first, then tick those.
          <button type="button" className="button subtle small" onClick={() => setUnselected(new Set(review.accountIds))}>
            Select none
          </button>
        ) : null}
        <span className="push-right reclaim-buttons">
          <ExportButton
            label="Export list"
            busyLabel="Exporting…"
            what="the list to review"
            unit="member"
            exportFile={() => exportList({ asOf: review.asOf, inactiveDays, ...inclusion, unselected: review.accountIds.filter((id) => unselected.has(id)) })}
          />
          {mayRelease ? (
            <button type="button" className="button danger" disabled={chosen.length === 0} onClick={() => setConfirming(true)}>
              Release {countOf(chosen.length, 'seat')}…
            </button>
          ) : null}
        </span>
      </div>

      {outcome ? <ReleaseOutcome outcome={outcome} inactiveDays={inactiveDays} /> : null}
      <DataTable table={table} label="Idle members to review" empty={`No member has been inactive for over ${days}.`} />
      <Pager label="Pages of idle members" total={review.total} pageIndex={pageIndex} pageSize={PAGE_SIZE} onPage={setPageIndex} />

      {confirming ? (
        <ReleaseIdleDialog
          seats={chosen.length}
          inactiveDays={inactiveDays}
          asOf={review.asOf}
          scim={review.scimIds.filter((id) => chosenSet.has(id)).length}
          owners={review.ownerIds.filter((id) => chosenSet.has(id)).length}
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const result = await releaseInactive({ asOf: review.asOf, inactiveDays, ...inclusion, accountIds: chosen });
            if (result.ok) {
              // The unselected stay unselected: the members the admin kept are not put back in the next release.
              setOutcome(result.value);
              notify(`Released ${countOf(result.value.released, 'seat')} held by members inactive for over ${days}.`);
            }
            return result;
          }}
        />
      ) : null}
    </div>
  );
}
