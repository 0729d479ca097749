import { useCallback, useEffect, useMemo, useState, type Ref } from 'react';
import { useTable } from '@tanstack/react-table';
import type { Result } from '@shared/result';
import { countOf } from '@shared/text';
import { Pager } from '../../components/Pager';
import { DataTable } from '../../components/table/DataTable';
import { listFeatures } from '../../components/table/list-features';
import { finishExport } from '../../lib/download';
import { useNoticesStore } from '../../stores/notices-store';
import { appErrorOf, invoke, statusOf, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useLastPageClamp } from '../../data/paging';
import { useSubmit } from '../../lib/use-submit';
import { useUnmanagedStore } from '../../stores/unmanaged-store';
import { unmanagedColumns } from './unmanaged-columns';
import { SearchField } from '../../components/SearchField';
import { useMayCall } from '../../data/may-call';

const EMPTY_PAGE = { rows: [], total: 0 };

interface UnmanagedAccountsProps {
  /** One domain's accounts, or (null) those on every verified domain. */
  domainId: number | null;
  /** The table's name, e.g. "Unmanaged accounts on acme.com". */
  label: string;
  /** Said in place of rows when there are none at all. */
  emptyText: string;
  /** Open on the accounts waiting for a seat (true) or on all (false); left out, the list keeps the filter it had. */
  waitingOnly?: boolean;
  /** Told when the admin switches the waiting-for-a-seat filter, e.g. to keep the address in step. */
  onWaitingOnlyChange?: (on: boolean) => void;
  /** The list's card, for a page that scrolls to it. */
  ref?: Ref<HTMLDivElement>;
}

/** Accounts on verified domains that hold no seat: search, filter, choose, then invite, claim or export them. */
export function UnmanagedAccounts({ domainId, label, emptyText, waitingOnly, onWaitingOnlyChange, ref }: UnmanagedAccountsProps) {
  const store = useUnmanagedStore();
  const { query, selected, setQuery } = store;
  // Until the store has opened this list, ask for nothing under another list's query.
  const current = query.domainId === domainId;
  const pageQuery = useContractQuery(
    'domains:unmanaged',
    {
      ...(query.domainId === null ? {} : { domainId: query.domainId }),
      search: query.search,
      waitingOnly: query.waitingOnly,
      offset: query.pageIndex * query.pageSize,
      limit: query.pageSize,
    },
    { keepPrevious: true, enabled: current },
  );
  const page = (current ? pageQuery.data : undefined) ?? EMPTY_PAGE;
  const status = statusOf({ isError: pageQuery.isError, data: current ? pageQuery.data : undefined });
  const goToPage = useCallback((pageIndex: number) => setQuery({ pageIndex }), [setQuery]);
  useLastPageClamp(current ? pageQuery.data?.total : undefined, query.pageSize, query.pageIndex, goToPage);
  const claim = useContractMutation('domains:claim', { errors: 'inline' }).run;
  const invite = useContractMutation('domains:invite', { errors: 'inline' }).run;
  const may = { claim: useMayCall('domains:claim'), invite: useMayCall('domains:invite') };
  const notify = useNoticesStore((state) => state.push);
  const [search, setSearch] = useState(query.domainId === domainId ? query.search : '');
  const { run: submit, busy, error } = useSubmit({ errors: 'inline' });
  const loadError = appErrorOf(pageQuery.error);

  useEffect(() => {
    store.open(domainId, { waitingOnly });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- store actions are stable; a new domain (or a link's filter) opens a new list.
  }, [domainId, waitingOnly]);

  useEffect(() => {
    if (search === query.search) return;
    const timer = setTimeout(() => setQuery({ search }), 250);
    return () => clearTimeout(timer);
  }, [search, query.search, setQuery]);

  const onPage = page.rows.filter((row) => selected.has(row.accountId)).length;
  const pageSelection = onPage === 0 ? 'none' : onPage === page.rows.length ? 'all' : 'some';
  const columns = useMemo(
    () =>
      unmanagedColumns({
        showDomain: domainId === null,
        selectable: may.claim || may.invite,
        isSelected: (accountId) => selected.has(accountId),
        onToggle: store.toggle,
        pageSelection,
        onTogglePage: () => store.setPageSelected(page.rows, pageSelection !== 'all'),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- store actions are stable; the selection drives the checkboxes.
    [domainId, selected, pageSelection, page.rows, may.claim, may.invite],
  );
  const table = useTable({ features: listFeatures, columns, data: page.rows, getRowId: (row) => String(row.accountId), manualSorting: true, enableSorting: false });

  /** Runs a bulk action; a refusal (no free seats, say) stays on screen until the next try. */
  const run = async <T,>(action: () => Promise<Result<T>>, done: (value: T) => string | null) => {
    const result = await submit(action);
    if (result?.ok) {
      const text = done(result.value);
      if (text) notify(text);
    }
  };

  /** A bulk action on the chosen accounts: on success they are no longer chosen. */
  const onChosen =
    <T,>(action: (input: { accountIds: number[] }) => Promise<Result<T>>) =>
    async () => {
      const result = await action({ accountIds: [...selected] });
      if (result.ok) store.clearSelection();
      return result;
    };
  const exportCsv = () => invoke('domains:exportUnmanaged', domainId === null ? {} : { domainId });

  const chosen = selected.size;
  const filtered = query.search !== '' || query.waitingOnly;
  return (
    <div className="card" ref={ref}>
      <div className="toolbar">
        {domainId !== null ? <h2 className="toolbar-title">Unmanaged accounts</h2> : null}
        <SearchField label="Search unmanaged accounts" placeholder="Search by name or email" value={search} onChange={setSearch} />
        <label className="check">
          <input
            type="checkbox"
            name="waiting-only"
            checked={query.waitingOnly}
            onChange={(event) => {
              setQuery({ waitingOnly: event.target.checked });
              onWaitingOnlyChange?.(event.target.checked);
            }}
          />
          Waiting for a seat only
        </label>
        <span className="toolbar-count" aria-live="polite">
          {status === 'ready' || status === 'error' ? countOf(page.total, 'account') : 'Loading…'}
        </span>
        <button
          type="button"
          className="button small"
          disabled={busy}
          onClick={() => void run(exportCsv, (result) => finishExport(result, 'the unmanaged accounts'))}
        >
          Export CSV
        </button>
      </div>

      {chosen > 0 && (may.claim || may.invite) ? (
        <div className="selection-bar" role="region" aria-label="Selection">
          <span>
            <strong>{chosen.toLocaleString()}</strong> selected
          </span>
          <button type="button" className="button subtle small" onClick={store.clearSelection}>
            Clear
          </button>
          {may.invite ? (
            <button
              type="button"
              className="button small push-right"
              disabled={busy}
              title="Send each an invitation; it holds a seat until accepted, revoked or expired"
              onClick={() =>
                void run(onChosen(invite), ({ invited, alreadyInvited }) =>
                  `Invited ${countOf(invited, 'account')}.${alreadyInvited > 0 ? ` ${countOf(alreadyInvited, 'was', 'were')} invited already.` : ''}`,
                )
              }
            >
              Invite {countOf(chosen, 'account')}
            </button>
          ) : null}
          {may.claim ? (
            <button
              type="button"
              className={`button primary small${may.invite ? '' : ' push-right'}`}
              disabled={busy}
              title="Make them members now: each takes a free seat"
              onClick={() => void run(onChosen(claim), ({ claimed }) => `Claimed ${countOf(claimed, 'account')}: they are members now, each on a seat.`)}
            >
              Claim {countOf(chosen, 'account')}
            </button>
          ) : null}
        </div>
      ) : null}

      {error || (status === 'error' && loadError) ? (
        <div className="banner banner-error flush" role="alert">
          <span>{(error ?? loadError)!.message}</span>
        </div>
      ) : null}

      <DataTable
        table={table}
        label={label}
        empty={status === 'loading' ? 'Loading accounts…' : filtered ? 'No unmanaged account matches these filters.' : emptyText}
      />
      <Pager label="Pages of unmanaged accounts" total={page.total} pageIndex={query.pageIndex} pageSize={query.pageSize} onPage={goToPage} />
    </div>
  );
}
