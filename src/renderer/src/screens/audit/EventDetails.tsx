import type { AuditEventRow } from '@shared/schemas/audit';
import { ACTOR_TYPE_LABEL } from './actions';

/** A before or after value as indented JSON; absent says so. */
function JsonValue({ title, value }: { title: string; value: unknown }) {
  return (
    <div className="audit-json">
      <h3>{title}</h3>
      {value === null || value === undefined ? <p className="muted">Nothing recorded</p> : <pre>{JSON.stringify(value, null, 2)}</pre>}
    </div>
  );
}

/** One event in full: its exact time (UTC), actor, target and what changed. */
export function EventDetails({ event }: { event: AuditEventRow }) {
  return (
    <div className="audit-details" id={`audit-details-${event.id}`} role="region" aria-label={`Details of event ${event.id}`}>
      <dl className="audit-facts">
        <dt>Time (UTC)</dt>
        <dd>
          <code>{event.at}</code>
        </dd>
        <dt>Actor</dt>
        <dd>
          {ACTOR_TYPE_LABEL[event.actor.type]}: {event.actor.name}
        </dd>
        <dt>Action</dt>
        <dd>
          <code>{event.action}</code>
        </dd>
        <dt>Target</dt>
        <dd>
          {event.targetType}
          {event.targetId !== null ? ` #${event.targetId}` : ''}
          {event.targetLabel !== null ? `: ${event.targetLabel}` : ''}
        </dd>
      </dl>
      <JsonValue title="Before" value={event.before} />
      <JsonValue title="After" value={event.after} />
    </div>
  );
}
