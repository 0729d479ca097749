import { createColumnHelper } from '@tanstack/react-table';
import type { AuditEventRow } from '@shared/schemas/audit';
import type { ListFeatures } from '../../components/table/list-features';
import { formatDateTime } from '../../lib/format';
import { ACTOR_TYPE_LABEL, actionInWords } from './actions';

const helper = createColumnHelper<ListFeatures, AuditEventRow>();

/** The target as a person knows it: the name it had then, else its id. */
export function targetName(event: AuditEventRow): string | null {
  return event.targetLabel ?? event.targetId;
}

/**
 * The audit log's columns, newest first; filtering and paging happen in main.
 * `open` says whose details show; `toggle` opens or closes them.
 */
export function auditColumns(open: ReadonlySet<number>, toggle: (id: number) => void) {
  return helper.columns([
    helper.accessor('at', {
      header: 'Time',
      enableSorting: false,
      cell: (info) => (
        <time dateTime={info.getValue()} title={info.getValue()}>
          {formatDateTime(info.getValue())}
        </time>
      ),
    }),
    helper.accessor('actor', {
      header: 'Actor',
      enableSorting: false,
      cell: (info) => {
        const actor = info.getValue();
        return (
          <span className="audit-actor">
            <span className={`badge badge-actor badge-actor-${actor.type}`}>{ACTOR_TYPE_LABEL[actor.type]}</span>
            <span className="audit-actor-name" title={actor.name}>
              {actor.name}
            </span>
          </span>
        );
      },
    }),
    helper.accessor('action', {
      header: 'Action',
      enableSorting: false,
      cell: (info) => {
        const words = actionInWords(info.getValue());
        const damaged = info.row.original.damaged;
        return (
          <span className="audit-action">
            {words ? <span>{words}</span> : null}
            <code className="audit-action-code">{info.getValue()}</code>
            {damaged ? (
              <span className="badge badge-damaged" title="A value of this event is not readable: see Details">
                Damaged
              </span>
            ) : null}
          </span>
        );
      },
    }),
    helper.display({
      id: 'target',
      header: 'Target',
      cell: ({ row }) => {
        const name = targetName(row.original);
        return (
          <span className="audit-target">
            <span className="muted audit-target-type">{row.original.targetType}</span>
            {name !== null ? (
              <span className="audit-target-name" title={name}>
                {name}
              </span>
            ) : null}
          </span>
        );
      },
    }),
    helper.display({
      id: 'details',
      header: () => <span className="visually-hidden">Details</span>,
      cell: ({ row }) => {
        const id = row.original.id;
        const expanded = open.has(id);
        return (
          <button type="button" className="button subtle small" aria-expanded={expanded} aria-controls={`audit-details-${id}`} onClick={() => toggle(id)}>
            {expanded ? 'Hide details' : 'Details'}
          </button>
        );
      },
    }),
  ]);
}
