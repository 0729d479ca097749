import type { AuditEventRow } from '@shared/schemas/audit';
import { countOf } from '@shared/text';
import { appErrorOf, useContractQuery } from '../../data/query';
import { formatDateTime } from '../../lib/format';
import { screenHref } from '../../lib/route';
import { useAuditStore } from '../../stores/audit-store';
import { ACTOR_TYPE_LABEL, actionInWords } from '../audit/actions';

/** The latest events shown on the page; the Audit log has the rest. */
const LATEST = 8;

/** Where the change happened, when it was not to the person themselves: the team or organization, by the name it had then. */
function where(event: AuditEventRow): string | null {
  if (event.targetType === 'member' || event.targetType === 'account') return null;
  return event.targetLabel ?? event.targetId;
}

/** Opens the Audit log searching for the address, its other filters cleared. */
function openAuditFor(email: string) {
  const store = useAuditStore.getState();
  store.clear();
  store.setQuery({ target: email });
}

/** The person's audit trail: the latest events about them, newest first, and a way to all of them. */
export function MemberAudit({ email }: { email: string }) {
  const trail = useContractQuery('audit:list', { filter: { subject: email }, limit: LATEST });
  const error = appErrorOf(trail.error);
  const page = trail.data;
  return (
    <div className="card" role="region" aria-labelledby="member-audit-title">
      <div className="toolbar">
        <h2 id="member-audit-title" className="toolbar-title">
          Audit trail
        </h2>
        <span className="toolbar-count">{page ? countOf(page.total, 'event') : ''}</span>
        <a className="button" href={screenHref('audit')} onClick={() => openAuditFor(email)}>
          Open in the Audit log
        </a>
      </div>
      {error ? (
        <p className="form-error card-note" role="alert">
          {error.message}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="data-table" aria-label={`Audit events about ${email}`}>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">What</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {page && page.rows.length === 0 ? (
              <tr className="empty-row">
                <td colSpan={3}>No event about them is recorded.</td>
              </tr>
            ) : null}
            {(page?.rows ?? []).map((event) => {
              const place = where(event);
              return (
                <tr key={event.id}>
                  <td className="muted">
                    <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                  </td>
                  <td>
                    {actionInWords(event.action) ?? event.action}
                    {place ? <span className="muted"> · {place}</span> : null}
                  </td>
                  <td>
                    <span className={`badge badge-actor badge-actor-${event.actor.type}`}>{ACTOR_TYPE_LABEL[event.actor.type]}</span> {event.actor.name}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {page && page.total > page.rows.length ? (
        <p className="card-note member-audit-more">
          The latest {page.rows.length} of {countOf(page.total, 'event')}.{' '}
          <a href={screenHref('audit')} onClick={() => openAuditFor(email)}>
            See every event about {email} in the Audit log
          </a>
        </p>
      ) : null}
    </div>
  );
}
