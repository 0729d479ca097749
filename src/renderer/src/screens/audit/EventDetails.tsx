import type { AuditEventRow } from '@shared/schemas/audit';
import { CONSOLE_SESSION_ACTOR } from '@shared/schemas/console-auth';
import { ACTOR_TYPE_LABEL } from './actions';

/**
 * A before or after value as indented JSON; absent says so; a damaged one
 * (its stored text is not JSON, as in a file restored from a damaged backup)
 * says that, and shows the text it holds.
 */
function JsonValue({ title, value, damaged }: { title: string; value: unknown; damaged: string | undefined }) {
  if (damaged !== undefined) {
    return (
      <div className="audit-json">
        <h3>{title}</h3>
        <p className="form-error" role="alert">
          Damaged: this value is not valid JSON, so it cannot be shown as recorded. The text stored is:
        </p>
        <pre>{damaged}</pre>
      </div>
    );
  }
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
          {event.actor.admin ? ` (admin ${event.actor.admin})` : ''}
          {event.actor.token ? (event.actor.token.startsWith(CONSOLE_SESSION_ACTOR) ? ` in ${event.actor.token}` : ` with the token ${event.actor.token}`) : ''}
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
        {event.subject !== null ? (
          <>
            <dt>About</dt>
            <dd>{event.subject}</dd>
          </>
        ) : null}
      </dl>
      <JsonValue title="Before" value={event.before} damaged={event.damaged?.before} />
      <JsonValue title="After" value={event.after} damaged={event.damaged?.after} />
    </div>
  );
}
