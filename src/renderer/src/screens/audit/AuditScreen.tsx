import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTable } from '@tanstack/react-table';
import { actorTypes, type AuditEventRow } from '@shared/schemas/audit';
import { countOf } from '@shared/text';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { SearchField } from '../../components/SearchField';
import { DataTable } from '../../components/table/DataTable';
import { listFeatures } from '../../components/table/list-features';
import { actorKey, listInput, toFilter, useAuditStore } from '../../stores/audit-store';
import { appErrorOf, statusOf, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useLastPageClamp } from '../../data/paging';
import { ExportButton } from '../../components/ExportButton';
import { ACTOR_TYPE_LABEL, ACTOR_TYPE_PLURAL, actionGroups, actionInWords } from './actions';
import { auditColumns } from './audit-columns';
import { AuditRetention } from './AuditRetention';
import { EventDetails } from './EventDetails';

/** Saves the CSV of what the filters select: a native dialog in the desktop app, a download in browser mode. */
function ExportAudit() {
  const query = useAuditStore((state) => state.query);
  const exportAudit = useContractMutation('audit:export', { errors: 'inline' }).run;
  return <ExportButton label="Export CSV" busyLabel="Exporting…" what="the audit log" exportFile={() => exportAudit({ filter: toFilter(query), bom: true })} />;
}

const EMPTY_PAGE = { rows: [], total: 0 };
const NO_FACETS = { actors: [], actions: [], targetTypes: [], truncated: false };

/** Actor, action, target and dates: every filter is applied by main, over the whole log. */
function AuditFilters() {
  const { query, setQuery } = useAuditStore();
  const facets = useContractQuery('audit:facets', undefined).data ?? NO_FACETS;
  const [target, setTarget] = useState(query.target);
  // Follow the query when it changes elsewhere ("Clear filters"): adjusted while rendering, as React advises.
  const [shownTarget, setShownTarget] = useState(query.target);
  if (shownTarget !== query.target) {
    setShownTarget(query.target);
    setTarget(query.target);
  }

  useEffect(() => {
    if (target === query.target) return;
    const timer = setTimeout(() => setQuery({ target }), 250);
    return () => clearTimeout(timer);
  }, [target, query.target, setQuery]);

  const actorTypesSeen = actorTypes.filter((type) => facets.actors.some((actor) => actor.type === type));
  return (
    <div className="toolbar audit-filters">
      <label className="toolbar-select">
        <span className="visually-hidden">Actor</span>
        <select value={query.actor} aria-label="Actor" onChange={(event) => setQuery({ actor: event.target.value })}>
          <option value="">Any actor</option>
          {actorTypesSeen.map((type) => (
            <optgroup key={type} label={ACTOR_TYPE_LABEL[type]}>
              <option value={actorKey(type)}>{ACTOR_TYPE_PLURAL[type]}</option>
              {facets.actors
                .filter((actor) => actor.type === type)
                .map((actor) => (
                  <option key={actor.name} value={actorKey(actor.type, actor.name)}>
                    {actor.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="toolbar-select">
        <span className="visually-hidden">Action</span>
        <select value={query.action} aria-label="Action" onChange={(event) => setQuery({ action: event.target.value })}>
          <option value="">Any action</option>
          {actionGroups(facets.actions).map((group) => (
            <optgroup key={group} label={`${group}…`}>
              <option value={group}>Every {group.slice(0, -1)} action</option>
              {facets.actions
                .filter((action) => action.startsWith(group))
                .map((action) => (
                  <option key={action} value={action}>
                    {actionInWords(action) ? `${actionInWords(action)} (${action})` : action}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <SearchField label="Search targets" placeholder="Target, id or address" value={target} onChange={setTarget} />
      <label className="toolbar-date">
        From
        <input type="date" value={query.from} max={query.to || undefined} onChange={(event) => setQuery({ from: event.target.value })} />
      </label>
      <label className="toolbar-date">
        To
        <input type="date" value={query.to} min={query.from || undefined} onChange={(event) => setQuery({ to: event.target.value })} />
      </label>
    </div>
  );
}

/** Every change to the enterprise, who made it and what it was before and after: filtered, paged and exported by main. */
export function AuditScreen() {
  const { query, setQuery, clear } = useAuditStore();
  const pageQuery = useContractQuery('audit:list', listInput(query), { keepPrevious: true });
  const page = pageQuery.data ?? EMPTY_PAGE;
  const status = statusOf(pageQuery);
  const error = appErrorOf(pageQuery.error);
  const load = pageQuery.refetch;
  const goToPage = useCallback((pageIndex: number) => setQuery({ pageIndex }), [setQuery]);
  useLastPageClamp(pageQuery.data?.total, query.pageSize, query.pageIndex, goToPage);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());

  const columns = useMemo(
    () =>
      auditColumns(open, (id) =>
        setOpen((current) => {
          const next = new Set(current);
          if (!next.delete(id)) next.add(id);
          return next;
        }),
      ),
    [open],
  );
  const table = useTable({
    features: listFeatures,
    columns,
    data: page.rows,
    getRowId: (row) => String(row.id),
  });

  const filtered = query.actor !== '' || query.action !== '' || query.target !== '' || query.from !== '' || query.to !== '';
  return (
    <section className="screen" aria-labelledby="audit-title">
      <PageHeader
        id="audit-title"
        title="Audit log"
        description="Every change to the enterprise, from the app, the command line, imports, SCIM and Roster itself: who made it, when, and what it was before and after. Events are never changed."
        actions={<ExportAudit />}
      />
      {status === 'error' && error ? <ErrorBanner message={error.message} onRetry={() => void load()} /> : null}
      <div className="card">
        <AuditFilters />
        <div className="toolbar toolbar-secondary">
          <span className="muted">Newest first. Times are in your time zone; From and To are whole days in it.</span>
          {filtered ? (
            <button type="button" className="button subtle small" onClick={clear}>
              Clear filters
            </button>
          ) : null}
          <span className="toolbar-count" aria-live="polite">
            {status === 'ready' ? countOf(page.total, 'event') : status === 'error' ? '' : 'Loading…'}
          </span>
        </div>
        <DataTable
          table={table}
          label="Audit events"
          empty={filtered ? 'No event matches these filters.' : 'No events yet.'}
          expandedRow={(event: AuditEventRow) => (open.has(event.id) ? <EventDetails event={event} /> : null)}
        />
        <Pager label="Pages of audit events" total={page.total} pageIndex={query.pageIndex} pageSize={query.pageSize} onPage={goToPage} />
      </div>
      <AuditRetention />
    </section>
  );
}
