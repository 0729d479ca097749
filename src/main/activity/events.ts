import { z } from 'zod';
import { eventTypes, type EventType } from '@shared/schemas/activity';
import { checkEmail } from '@shared/schemas/email';

/** One good line of an event file. */
export interface ActivityEvent {
  line: number;
  type: EventType;
  email: string;
  /** The moment, in UTC. */
  at: Date;
  name: string;
}

export type ParsedLine = { ok: true; event: ActivityEvent } | { ok: false; line: number; reason: string };

// ISO 8601 with a zone (Z or an offset), to the second or to the minute; zod checks the calendar (no 30 February).
const withSeconds = z.iso.datetime({ offset: true });
const toTheMinute = z.iso.datetime({ offset: true, precision: -1 });

/** How far past the moment the import started an event may be (clocks differ a little). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

function reject(line: number, reason: string): ParsedLine {
  return { ok: false, line, reason };
}

/**
 * Checks one record of an event file (an NDJSON object or a CSV row) against
 * docs/RULES.md, E1 and E4: a known type, a valid email, an ISO 8601 time with a
 * zone that is not in the future. Fields it does not know are ignored.
 */
export function checkEvent(line: number, record: Record<string, unknown>, startedAt: Date): ParsedLine {
  const { type, email, at, name } = record;
  if (typeof type !== 'string' || !(eventTypes as readonly string[]).includes(type)) {
    const shown = typeof type === 'string' ? `"${type.slice(0, 40)}"` : type === undefined ? 'missing' : 'not text';
    return reject(line, `unknown event type (${shown}); it must be signup, login or open`);
  }
  if (typeof email !== 'string') return reject(line, email === undefined ? 'the email is missing' : 'the email must be text');
  const checked = checkEmail(email);
  if (checked.email === null) return reject(line, checked.problem);
  if (typeof at !== 'string' || at.trim() === '') return reject(line, 'the time ("at") is missing');
  const time = at.trim();
  if (!withSeconds.safeParse(time).success && !toTheMinute.safeParse(time).success) {
    return reject(line, `the time "${time.slice(0, 40)}" is not ISO 8601 with a zone (for example 2026-03-02T08:11:00Z or 2026-03-02T09:11:00+01:00)`);
  }
  const moment = new Date(time);
  if (moment.getTime() > startedAt.getTime() + CLOCK_SKEW_MS) return reject(line, `the time ${time} is in the future`);
  if (name !== undefined && name !== null && typeof name !== 'string') return reject(line, 'the name must be text');
  return { ok: true, event: { line, type: type as EventType, email: checked.email, at: moment, name: typeof name === 'string' ? name : '' } };
}
