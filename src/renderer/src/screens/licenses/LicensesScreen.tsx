import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTable, type SortingState, type Updater } from '@tanstack/react-table';
import type { SeatListStatus, SeatSortColumn } from '@shared/schemas/licenses';
import { seatSources, seatSourceLabels, type SeatSource } from '@shared/schemas/members';
import type { Result } from '@shared/result';
import { countOf } from '@shared/text';
import { PageHeader } from '../../components/PageHeader';
import { DataTable } from '../../components/table/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { LicensesFilters } from './LicensesFilters';
import { listFeatures } from '../../components/table/list-features';
import { appErrorOf, fetchContract, statusOf, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useMayCall } from '../../data/may-call';
import { useLastPageClamp, useReloadAtExpiry } from '../../data/paging';
import { useUnmanagedTotals } from '../../data/unmanaged-totals';
import { filterInput, listInput, useLicensesStore } from '../../stores/licenses-store';
import { useNoticesStore } from '../../stores/notices-store';
import { unmanagedHref } from '../../lib/route';
import { WaitingBanner, waitingLinkText } from '../../components/WaitingBanner';
import { LicensesDialog, type LicensesDialogKind } from './LicensesDialog';
import { seatColumns } from './licenses-columns';
import { Pager } from '../../components/Pager';
import { SeatSummary } from './SeatSummary';
import { SearchField } from '../../components/SearchField';
import { ErrorBanner } from '../../components/ErrorBanner';

const EMPTY_PAGE = { rows: [], total: 0 };

/** How long typing must pause before the list is searched: long enough not to search every keystroke. */
const SEARCH_PAUSE_MS = 150;


const STATUS_OPTIONS: [SeatListStatus, string][] = [
  ['seats', 'All seats'],
  ['member', 'Members'],
  ['pending', 'Pending invitations'],
  ['expired', 'Expired invitations'],
];

/** What to do for accounts waiting for a seat, with the seats free now: claiming takes one each. */
function freeNow(free: number, waiting: number): string {
  const them = waiting === 1 ? 'it' : 'them';
  if (free === 0) return `Free a seat here, then claim ${them}.`;
  return `${countOf(free, 'seat')} ${free === 1 ? 'is' : 'are'} free now: claim ${them}, one seat each.`;
}

export function LicensesScreen() {
  const store = useLicensesStore();
  const { query, selected, setQuery } = store;
  const usageQuery = useContractQuery('seats:usage', undefined);
  const pageQuery = useContractQuery('seats:list', listInput(query), { keepPrevious: true });
  const usage = usageQuery.data ?? null;
  const page = pageQuery.data ?? EMPTY_PAGE;
  const status = statusOf({ isError: usageQuery.isError || pageQuery.isError, data: usage && pageQuery.data });
  const error = appErrorOf(usageQuery.error ?? pageQuery.error);
  const load = () => Promise.all([usageQuery.refetch(), pageQuery.refetch()]);
  const expiryDays = useContractQuery('settings:get', undefined).data?.invitationExpiryDays ?? null;
  const notify = useNoticesStore((state) => state.push);
  const { waiting } = useUnmanagedTotals();
  const [dialog, setDialog] = useState<LicensesDialogKind | null>(null);
  const [search, setSearch] = useState(query.search);
  const exportReport = useContractMutation('report:export', { errors: 'inline' }).run;
  // What this admin may do here (everything, but in the server's console by role): the rest is not shown.
  const may = {
    invite: useMayCall('invitations:create'),
    add: useMayCall('members:add'),
    remove: useMayCall('members:remove'),
    release: useMayCall('seats:release'),
    resend: useMayCall('invitations:resend'),
    revoke: useMayCall('invitations:revoke'),
    accept: useMayCall('invitations:accept'),
  };
  const actions = {
    // Row actions say what happened in a notice, success or not.
    resend: useContractMutation('invitations:resend', { errors: 'inline' }).run,
    revoke: useContractMutation('invitations:revoke', { errors: 'inline' }).run,
    accept: useContractMutation('invitations:accept', { errors: 'inline' }).run,
  };

  const goToPage = useCallback((pageIndex: number) => setQuery({ pageIndex }), [setQuery]);
  useLastPageClamp(pageQuery.data?.total, query.pageSize, query.pageIndex, goToPage);
  useReloadAtExpiry(usage?.nextExpiry);

  // Search as the admin types, a moment after they stop (the store answers in tens of milliseconds at 100,000 seats).
  useEffect(() => {
    if (search === query.search) return;
    const timer = setTimeout(() => setQuery({ search }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [search, query.search, setQuery]);

  const selectable = page.rows.filter((row) => row.status !== 'expired');
  const onPage = selectable.filter((row) => selected.has(row.id)).length;
  const pageSelection = onPage === 0 ? 'none' : onPage === selectable.length ? 'all' : 'some';

  /** Runs a row action and says what happened. */
  const act = async (run: () => Promise<Result<unknown>>, done: string) => {
    const result = await run();
    notify(result.ok ? done : result.error.message, result.ok ? 'success' : 'error');
  };

  const columns = useMemo(
    () =>
      seatColumns({
        selectable: may.release,
        isSelected: (row) => selected.has(row.id),
        onToggle: store.toggle,
        pageSelection,
        onTogglePage: () => store.setPageSelected(page.rows, pageSelection !== 'all'),
        onRemove: may.remove ? (row) => setDialog({ kind: 'remove', row }) : undefined,
        onResend: may.resend ? (row) => void act(() => actions.resend({ id: row.invitationId! }), `Sent the invitation to ${row.email} again.`) : undefined,
        onRevoke: may.revoke ? (row) => void act(() => actions.revoke({ id: row.invitationId! }), `Revoked the invitation to ${row.email}; its seat is free.`) : undefined,
        onAccept: may.accept ? (row) => void act(() => actions.accept({ id: row.invitationId! }), `${row.email} is now a member.`) : undefined,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- store actions are stable; the selection drives the checkboxes, the role what shows.
    [selected, pageSelection, page.rows, may.release, may.remove, may.resend, may.revoke, may.accept],
  );

  const sorting: SortingState = [{ id: query.sort.by, desc: query.sort.desc }];
  const table = useTable({
    features: listFeatures,
    columns,
    data: page.rows,
    getRowId: (row) => row.id,
    state: { sorting },
    manualSorting: true,
    enableSortingRemoval: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const [next] = typeof updater === 'function' ? updater(sorting) : updater;
      if (next) setQuery({ sort: { by: next.id as SeatSortColumn, desc: next.desc } });
    },
  });

  const selectAllMatching = async () => {
    try {
      store.selectMatching(await fetchContract('seats:ids', filterInput(query)));
    } catch (error) {
      notify(appErrorOf(error)?.message ?? '', 'error');
    }
  };

  const selection = [...selected.values()];
  const filtered = query.search !== '' || query.source !== 'all' || query.status !== 'seats' || query.teamId !== null || query.orgId !== null || query.inactiveDays !== null;

  return (
    <section className="screen" aria-labelledby="licenses-title">
      <PageHeader
        id="licenses-title"
        title="Licenses"
        description="Every seat, who holds it and why. Removing someone from an organization or team never frees a seat; removing them here does."
        actions={
          may.invite || may.add ? (
            <>
              {may.invite ? (
                <button type="button" className="button" onClick={() => setDialog({ kind: 'invite' })}>
                  Invite
                </button>
              ) : null}
              {may.add ? (
                <button type="button" className="button primary" onClick={() => setDialog({ kind: 'add' })}>
                  Add member
                </button>
              ) : null}
            </>
          ) : undefined
        }
      />

      {usage ? <SeatSummary usage={usage} /> : null}

      {waiting > 0 ? (
        <WaitingBanner
          count={waiting}
          action={
            <a className="button small" href={unmanagedHref({ waitingOnly: true })}>
              {waitingLinkText(waiting)}
            </a>
          }
        >
          {freeNow(usage?.free ?? 0, waiting)}
        </WaitingBanner>
      ) : null}

      {status === 'error' && error ? (
        <ErrorBanner message={error.message} onRetry={() => void load()} />
      ) : null}

      <div className="card">
        <div className="toolbar">
          <SearchField label="Search seats" placeholder="Search by name or email" value={search} onChange={setSearch} />
          <label className="select-field">
            <span className="visually-hidden">Status</span>
            <select aria-label="Status" value={query.status} onChange={(event) => setQuery({ status: event.target.value as SeatListStatus })}>
              {STATUS_OPTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="select-field">
            <span className="visually-hidden">Seat from</span>
            <select aria-label="Seat from" value={query.source} onChange={(event) => setQuery({ source: event.target.value as SeatSource | 'all' })}>
              <option value="all">Any source</option>
              {seatSources.map((source) => (
                <option key={source} value={source}>
                  {seatSourceLabels[source]}
                </option>
              ))}
            </select>
          </label>
          <LicensesFilters query={query} setQuery={setQuery} />
          <span className="toolbar-count" aria-live="polite">
            {status === 'ready' || status === 'error' ? countOf(page.total, query.status === 'expired' ? 'expired invitation' : 'seat') : 'Loading…'}
          </span>
        </div>

        {selection.length > 0 && may.release ? (
          <div className="selection-bar" role="region" aria-label="Selection">
            <span>
              <strong>{selection.length.toLocaleString()}</strong> selected
            </span>
            {page.total > selection.length ? (
              <button
                type="button"
                className="button subtle small"
                onClick={() => void selectAllMatching()}
              >
                Select all {page.total.toLocaleString()} {filtered ? 'matching' : 'seats'}
              </button>
            ) : null}
            <button type="button" className="button subtle small" onClick={store.clearSelection}>
              Clear
            </button>
            <button type="button" className="button danger small push-right" onClick={() => setDialog({ kind: 'release' })}>
              Release {countOf(selection.length, 'seat')}
            </button>
          </div>
        ) : null}

        <DataTable
          table={table}
          label="Seats"
          headerActions={{
            // The activity report, from where the admin reads Last Active: the same CSV as Activity's Save CSV.
            lastActive: (
              <ExportButton
                compact
                label="Download activity report"
                busyLabel="Saving the activity report…"
                what="the activity report"
                unit="member"
                exportFile={() => exportReport({ bom: true })}
              />
            ),
          }}
          empty={
            status !== 'ready' ? (
              'Loading seats…'
            ) : filtered ? (
              'No seat matches these filters.'
            ) : (
              <div className="empty-state">
                <strong>No seats are in use</strong>
                {may.add || may.invite ? <span>Add a member or send an invitation to give someone a seat.</span> : null}
              </div>
            )
          }
        />
        <Pager label="Pages of seats" total={page.total} pageIndex={query.pageIndex} pageSize={query.pageSize} onPage={goToPage} />
      </div>

      {dialog ? (
        <LicensesDialog dialog={dialog} free={usage?.free ?? 0} expiryDays={expiryDays} chosen={selection} onClose={() => setDialog(null)} />
      ) : null}
    </section>
  );
}
