import { z } from 'zod';
import { countOf } from '../text';
import { offsetSchema } from './common';

/** Who made a change: the app's user, the command line, a SCIM token, an import file, or Roster itself. */
export const actorTypes = ['app', 'cli', 'scim', 'import', 'system'] as const;
export type ActorType = (typeof actorTypes)[number];

export const actorSchema = z.object({
  type: z.enum(actorTypes),
  /** The OS user for app and cli, the token's name for scim, the file for import. */
  name: z.string(),
  /** The admin who acted (a server's admin), where there is one. */
  admin: z.string().optional(),
  /** The name of the API or SCIM token used, where one was. */
  token: z.string().optional(),
});

export type Actor = z.infer<typeof actorSchema>;

/** Retention of the audit log: null keeps every event for ever (the default); N keeps the UTC days at most N days old. */
export const MIN_AUDIT_RETENTION_DAYS = 30;
export const MAX_AUDIT_RETENTION_DAYS = 36500;
export const auditRetentionSchema = z
  .int({ error: 'Retention must be a whole number of days' })
  .min(MIN_AUDIT_RETENTION_DAYS, { error: `The audit log is kept at least ${MIN_AUDIT_RETENTION_DAYS} days` })
  .max(MAX_AUDIT_RETENTION_DAYS, { error: `At most ${MAX_AUDIT_RETENTION_DAYS} days; choose "for ever" to keep everything` })
  .nullable();

export const auditEventSchema = z.object({
  id: z.int(),
  at: z.string(),
  actor: actorSchema,
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  targetLabel: z.string().nullable(),
  /** The person the event concerns: their address, in lower case; null when it concerns nobody in particular. */
  subject: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /**
   * Cells that hold text which is not JSON (a file restored from a damaged
   * backup): the text itself, cut to DAMAGED_TEXT_LIMIT characters; the
   * value (before or after) is then null. Absent when nothing is damaged.
   */
  damaged: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
});
export type AuditEventRow = z.infer<typeof auditEventSchema>;

const moment = (what: string) => z.iso.datetime({ offset: true, error: `${what} must be an ISO 8601 time with a zone, like 2026-03-31T00:00:00Z` });
const text = (what: string, max: number) => z.string({ error: `${what} must be text` }).trim().max(max, { error: `${what} is at most ${max} characters` });

/**
 * Which events: by actor (type and/or exact name); by action, exact or, ending
 * in ".", every action under that prefix ("member."); by target type, id, or
 * words in its label or id; by the person it concerns; from `since` (included)
 * to `until` (excluded).
 */
export const auditFilterSchema = z.strictObject({
  actorType: z.enum(actorTypes).optional(),
  actorName: text('The actor', 200).optional(),
  action: text('The action', 100).optional(),
  targetType: text('The target type', 50).optional(),
  targetId: text('The target id', 100).optional(),
  target: text('The target search', 200).default(''),
  /** Only events about this person: their address exactly, ignoring case (a member's page lists these). */
  subject: text('The person', 254).optional(),
  since: moment('"Since"').optional(),
  until: moment('"Until"').optional(),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

export const MAX_AUDIT_PAGE = 500;
export const auditListInput = z
  .strictObject({
    filter: auditFilterSchema.prefault({}),
    offset: offsetSchema,
    limit: z
      .int({ error: 'Limit must be a whole number' })
      .min(1, { error: 'Limit must be at least 1' })
      .max(MAX_AUDIT_PAGE, { error: `At most ${MAX_AUDIT_PAGE} events a page` })
      .default(50),
  })
  .prefault({});
export type AuditListInput = z.output<typeof auditListInput>;

export const auditPageSchema = z.object({ rows: z.array(auditEventSchema), total: z.int() });
export type AuditPage = z.infer<typeof auditPageSchema>;

/** What the filter menus offer: who has acted and what was done, each list capped. */
export const MAX_AUDIT_FACETS = 200;
export const auditFacetsSchema = z.object({
  actors: z.array(actorSchema),
  actions: z.array(z.string()),
  targetTypes: z.array(z.string()),
  /** Some list reached MAX_AUDIT_FACETS and was cut short. */
  truncated: z.boolean(),
});
export type AuditFacets = z.infer<typeof auditFacetsSchema>;

/** How much of a damaged cell's text an event carries. */
export const DAMAGED_TEXT_LIMIT = 1000;

const eventRef = { eventId: z.int(), at: z.string() };

/** What `audit:verify` found walking the hash chain, oldest event first. */
export const auditVerificationSchema = z.object({
  /** True when every chained event follows the one before it and matches its own hash. */
  whole: z.boolean(),
  /** Chained events checked (up to the first broken one). */
  checked: z.int(),
  /** Events from before the chain began (written before schema version 11): kept, not verifiable. */
  preChain: z.int(),
  /** The last chained event a retention prune deleted: the chain goes on from its hash. */
  anchor: z.object(eventRef).nullable(),
  /** The newest event checked and its hash (hex): note it down to compare with later. */
  last: z.object({ ...eventRef, hash: z.string() }).nullable(),
  /** The first event that breaks the chain, and what is wrong, said for a person. */
  broken: z.object({ ...eventRef, problem: z.string() }).nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/**
 * What a verification found, in a sentence or two for a person: the command
 * line prints it, Settings shows it. `hashLength` cuts the newest hash shown.
 */
export function describeVerification(result: AuditVerification, hashLength = 64): string {
  if (result.broken) {
    const { eventId, at, problem } = result.broken;
    const before = result.checked === 0 ? '' : result.checked === 1 ? ' The event before it is whole.' : ` The ${countOf(result.checked, 'event')} before it are whole.`;
    return `The audit log's hash chain breaks at event #${eventId} (${at}): ${problem}${before}`;
  }
  const parts = [`${countOf(result.checked, 'event')} checked`];
  if (result.anchor) parts.push(`from the last event the retention prune deleted (#${result.anchor.eventId}, ${result.anchor.at}) on`);
  if (result.preChain > 0) parts.push(`and ${countOf(result.preChain, 'event')} from before the chain began, kept but not verifiable`);
  const newest = result.last ? ` Newest: event #${result.last.eventId} (${result.last.at}), hash ${result.last.hash.slice(0, hashLength)}.` : '';
  return `The audit log is whole: ${parts.join(', ')}.${newest}`;
}

export const exportAuditInput = z.strictObject({ filter: auditFilterSchema.prefault({}), bom: z.boolean().default(true) }).prefault({});
