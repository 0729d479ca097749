import { z } from 'zod';
import { offsetSchema } from './common';
import { MAX_PAGE_SIZE } from './licenses';
import { seatSources } from './members';
import { reportRuleSchema } from './settings';

/**
 * Where a member falls by their Last Active (docs/RULES.md, A3), for the chart and
 * the filters: active within 30, 60 or the shown days; in the blank span after
 * it; N/A (active too long ago, or never); or shown by a login from before
 * activity was tracked.
 */
export const activityBuckets = ['upTo30', 'upTo60', 'shown', 'blank', 'na', 'legacy'] as const;
export type ActivityBucket = (typeof activityBuckets)[number];

export const reportRowSchema = z.object({
  accountId: z.int(),
  email: z.string(),
  name: z.string(),
  /** The report's Last Active cell: a date, empty, or "N/A". */
  lastActive: z.string(),
  bucket: z.enum(activityBuckets),
  teams: z.array(z.string()),
  organizations: z.array(z.string()),
  seatSince: z.string(),
  seatSource: z.enum(seatSources),
  /** Whole UTC days from the last activity (or, for `legacy`, the last login) to the report's moment, where Last Active shows a date; null otherwise. */
  daysInactive: z.int().nullable(),
  /** Days without activity counting a never-active member from when they got the seat: what "inactive over N days" compares. */
  idleDays: z.int(),
});
export type ReportRow = z.infer<typeof reportRowSchema>;

export const reportFilters = ['all', 'active', 'inactive', 'na'] as const;
export type ReportFilter = (typeof reportFilters)[number];
export const reportSortColumns = ['email', 'name', 'lastActive', 'seatSince', 'seatSource', 'daysInactive'] as const;
export type ReportSortColumn = (typeof reportSortColumns)[number];

/** A moment to report as of (ISO 8601 with a zone); absent: now. */
export const asOfSchema = z.iso.datetime({ offset: true, error: 'The report moment must be an ISO 8601 time with a zone, like 2026-03-31T00:00:00Z' }).optional();

export const MAX_INACTIVE_DAYS = 3650;
export const inactiveDaysSchema = z
  .int({ error: 'Days must be a whole number' })
  .min(0, { error: 'Days cannot be negative' })
  .max(MAX_INACTIVE_DAYS, { error: `At most ${MAX_INACTIVE_DAYS} days` });

/** Which members: everyone; active within the shown days; idle over `inactiveDays`; N/A; or one chart bucket. */
export const reportSelectionSchema = z.strictObject({
  asOf: asOfSchema,
  filter: z.enum(reportFilters).default('all'),
  inactiveDays: inactiveDaysSchema.default(90),
  bucket: z.enum(activityBuckets).optional(),
  search: z.string({ error: 'Search must be text' }).max(200, { error: 'Search is at most 200 characters' }).default(''),
});
export type ReportSelection = z.output<typeof reportSelectionSchema>;

export const reportPageInput = z
  .strictObject({
    selection: reportSelectionSchema.prefault({}),
    sort: z.strictObject({ by: z.enum(reportSortColumns), desc: z.boolean() }).default({ by: 'email', desc: false }),
    offset: offsetSchema,
    limit: z
      .int({ error: 'Limit must be a whole number' })
      .min(1, { error: 'Limit must be at least 1' })
      .max(MAX_PAGE_SIZE, { error: `At most ${MAX_PAGE_SIZE} rows a page` })
      .default(50),
  })
  .prefault({});
export type ReportPageInput = z.output<typeof reportPageInput>;

export const reportPageSchema = z.object({ rows: z.array(reportRowSchema), total: z.int(), asOf: z.string() });
export type ReportPage = z.infer<typeof reportPageSchema>;

/** What the Reports screen shows above the table: the rule, the buckets and members active per day. */
export const reportSummarySchema = z.object({
  asOf: z.string(),
  rule: reportRuleSchema,
  members: z.int(),
  buckets: z.record(z.enum(activityBuckets), z.int()),
  /** Each UTC day of the retention window up to the report's day, oldest first, with how many members were active on it. */
  daily: z.array(z.object({ day: z.string(), members: z.int() })),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const reportSummaryInput = z.strictObject({ asOf: asOfSchema }).prefault({});

/**
 * The report's CSV: every member, or (with `selection`) only the members a
 * filter of the Activity screen lists, as report:page would list them.
 */
export const exportReportInput = z
  .strictObject({ asOf: asOfSchema, bom: z.boolean().default(true), selection: reportSelectionSchema.omit({ asOf: true }).optional() })
  .prefault({});
export type ExportReportInput = z.output<typeof exportReportInput>;
