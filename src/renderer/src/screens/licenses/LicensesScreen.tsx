import { useEffect, useMemo, useState } from 'react';
import { useTable, type SortingState, type Updater } from '@tanstack/react-table';
import type { SeatListStatus, SeatRow, SeatSortColumn } from '@shared/schemas/licenses';
import { seatSources, seatSourceLabels, type SeatSource } from '@shared/schemas/members';
import type { Result } from '@shared/result';
import { countOf } from '@shared/text';
import { PageHeader } from '../../components/PageHeader';
import { DataTable } from '../../components/table/DataTable';
import { listFeatures } from '../../components/table/list-features';
import { useLicensesStore } from '../../stores/licenses-store';
import { useNoticesStore } from '../../stores/notices-store';
import { useSettingsStore } from '../../stores/settings-store';
import { useUnmanagedTotalsStore } from '../../stores/unmanaged-totals-store';
import { unmanagedHref } from '../../lib/route';
import { WaitingBanner, waitingLinkText } from '../../components/WaitingBanner';
import { AddMemberDialog } from './AddMemberDialog';
import { InviteDialog } from './InviteDialog';
import { seatColumns } from './licenses-columns';
import { Pager } from '../../components/Pager';
import { ReleaseSeatsDialog } from './ReleaseSeatsDialog';
import { SeatSummary } from './SeatSummary';
import { SearchField } from '../../components/SearchField';
import { ErrorBanner } from '../../components/ErrorBanner';

/** How long typing must pause before the list is searched: long enough not to search every keystroke. */
const SEARCH_PAUSE_MS = 150;

type Dialog = { kind: 'add' } | { kind: 'invite' } | { kind: 'release' } | { kind: 'remove'; row: SeatRow } | null;

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
  const { usage, page, query, status, error, selected, load, setQuery } = store;
  const expiryDays = useSettingsStore((state) => state.settings?.invitationExpiryDays ?? null);
  const loadSettings = useSettingsStore((state) => state.load);
  const notify = useNoticesStore((state) => state.push);
  const waiting = useUnmanagedTotalsStore((state) => state.waiting);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [search, setSearch] = useState(query.search);

  useEffect(() => {
    void load();
    void loadSettings();
  }, [load, loadSettings]);

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
        isSelected: (row) => selected.has(row.id),
        onToggle: store.toggle,
        pageSelection,
        onTogglePage: () => store.setPageSelected(pageSelection !== 'all'),
        onRemove: (row) => setDialog({ kind: 'remove', row }),
        onResend: (row) => void act(() => store.resend(row.invitationId!), `Sent the invitation to ${row.email} again.`),
        onRevoke: (row) => void act(() => store.revoke(row.invitationId!), `Revoked the invitation to ${row.email}; its seat is free.`),
        onAccept: (row) => void act(() => store.accept(row.invitationId!), `${row.email} is now a member.`),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- store actions are stable; the selection drives the checkboxes.
    [selected, pageSelection],
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

  const selection = [...selected.values()];
  const chosenMembers = selection.filter((ref) => ref.kind === 'member').length;
  const chosenInvitations = selection.length - chosenMembers;
  const filtered = query.search !== '' || query.source !== 'all' || query.status !== 'seats';

  return (
    <section className="screen" aria-labelledby="licenses-title">
      <PageHeader
        id="licenses-title"
        title="Licenses"
        description="Every seat, who holds it and why. Removing someone from an organization or team never frees a seat; removing them here does."
        actions={
          <>
            <button type="button" className="button" onClick={() => setDialog({ kind: 'invite' })}>
              Invite
            </button>
            <button type="button" className="button primary" onClick={() => setDialog({ kind: 'add' })}>
              Add member
            </button>
          </>
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
          <span className="toolbar-count" aria-live="polite">
            {status === 'ready' || status === 'error' ? countOf(page.total, query.status === 'expired' ? 'expired invitation' : 'seat') : 'Loading…'}
          </span>
        </div>

        {selection.length > 0 ? (
          <div className="selection-bar" role="region" aria-label="Selection">
            <span>
              <strong>{selection.length.toLocaleString()}</strong> selected
            </span>
            {page.total > selection.length ? (
              <button
                type="button"
                className="button subtle small"
                onClick={() => void store.selectAllMatching().then((result) => !result.ok && notify(result.error.message, 'error'))}
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
          empty={
            status !== 'ready' ? (
              'Loading seats…'
            ) : filtered ? (
              'No seat matches these filters.'
            ) : (
              <div className="empty-state">
                <strong>No seats are in use</strong>
                <span>Add a member or send an invitation to give someone a seat.</span>
              </div>
            )
          }
        />
        <Pager total={page.total} pageIndex={query.pageIndex} pageSize={query.pageSize} onPage={(pageIndex) => setQuery({ pageIndex })} />
      </div>

      {dialog?.kind === 'add' ? (
        <AddMemberDialog
          free={usage?.free ?? 0}
          onClose={() => setDialog(null)}
          onAdd={async (email, name) => {
            const result = await store.addMember({ email, name: name || undefined });
            if (result.ok) notify(`Added ${email.trim()} on a seat.`);
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'invite' ? (
        <InviteDialog
          expiryDays={expiryDays}
          onClose={() => setDialog(null)}
          onInvite={async (input) => {
            const result = await store.invite(input);
            if (result.ok) notify(`Invited ${input.email.trim()}.`);
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'release' ? (
        <ReleaseSeatsDialog
          members={chosenMembers}
          invitations={chosenInvitations}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const result = await store.release();
            if (result.ok) {
              const freed = result.value.members + result.value.invitations;
              const already = result.value.alreadyFree > 0 ? ` ${countOf(result.value.alreadyFree, 'was', 'were')} free already.` : '';
              notify(`Released ${countOf(freed, 'seat')}.${already}`);
            }
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'remove' ? (
        <ReleaseSeatsDialog
          members={1}
          invitations={0}
          who={dialog.row.email}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const result = await store.removeMember(dialog.row.accountId!);
            if (result.ok) notify(`Removed ${dialog.row.email} from Licenses; their seat is free.`);
            return result;
          }}
        />
      ) : null}
    </section>
  );
}
