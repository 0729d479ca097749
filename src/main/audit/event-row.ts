import { DAMAGED_TEXT_LIMIT, type Actor, type AuditEventRow } from '@shared/schemas/audit';
import { emailKey } from '@shared/schemas/email';
import type { ChainedCells } from './chain';

export type AuditEvent = AuditEventRow;

/** A row of audit_events as SQLite gives it. */
export interface AuditRow extends ChainedCells {
  actor_type: Actor['type'];
  prev_hash: Buffer | null;
  hash: Buffer | null;
}

export const toJson = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

type Cell = { ok: true; value: unknown } | { ok: false; text: string };

/**
 * A before/after cell. Roster only ever writes JSON there, but a file restored
 * from a damaged backup may hold anything: such a cell is reported, never thrown.
 */
function readCell(text: string | null): Cell {
  if (text === null) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, text: text.length > DAMAGED_TEXT_LIMIT ? `${text.slice(0, DAMAGED_TEXT_LIMIT)}…` : text };
  }
}

export function toEvent(row: AuditRow): AuditEvent {
  const before = readCell(row.before);
  const after = readCell(row.after);
  const actor: Actor = { type: row.actor_type, name: row.actor_name };
  if (row.actor_admin !== null) actor.admin = row.actor_admin;
  // A SCIM actor's name is its token already: said once.
  if (row.actor_token !== null && !(row.actor_type === 'scim' && row.actor_token === row.actor_name)) actor.token = row.actor_token;
  const event: AuditEvent = {
    id: row.id,
    at: row.at,
    actor,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    targetLabel: row.target_label,
    subject: row.subject,
    before: before.ok ? before.value : null,
    after: after.ok ? after.value : null,
  };
  if (!before.ok || !after.ok) {
    event.damaged = {};
    if (!before.ok) event.damaged.before = before.text;
    if (!after.ok) event.damaged.after = after.text;
  }
  return event;
}

/** Targets that are a person, named by their address in the target label. */
const PERSON_TARGETS = new Set(['member', 'account', 'invitation']);
/** An @ with something before and after it: what GLOB '?*@?*' matches in migration 0011. */
const LOOKS_LIKE_EMAIL = /^.+@.+$/s;

function emailIn(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const email = (value as { email?: unknown }).email;
  return typeof email === 'string' && LOOKS_LIKE_EMAIL.test(email) ? email : null;
}

/**
 * The person an event concerns, as the key of their address (lower case): a
 * member, account or invitation named by address, else the `email` its after
 * (or before) value holds, as team and organization membership events keep.
 * Migration 0011 gave the events written before it the same rule.
 */
export function subjectOf(change: { targetType: string; targetLabel?: string | null; before?: unknown; after?: unknown }): string | null {
  const label = change.targetLabel ?? null;
  const email = PERSON_TARGETS.has(change.targetType) && label !== null && LOOKS_LIKE_EMAIL.test(label) ? label : (emailIn(change.after) ?? emailIn(change.before));
  return email === null ? null : emailKey(email);
}
