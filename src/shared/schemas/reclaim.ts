import { z } from 'zod';
import { idSchema, offsetSchema } from './common';
import { MAX_RELEASE } from './licenses';
import { seatSources } from './members';
import { activityBuckets, asOfSchema, inactiveDaysSchema } from './report';

/**
 * Reclaiming idle seats (docs/RULES.md, A5): first the list to review, then the
 * release of exactly the members the admin confirmed from it.
 */

/** Who the list leaves out unless asked: members the identity provider manages, and organization owners. */
const includeSwitches = {
  includeScim: z.boolean({ error: 'includeScim must be true or false' }).default(false),
  includeOwners: z.boolean({ error: 'includeOwners must be true or false' }).default(false),
};

/** Rows of the review at most in one answer: a screen asks for a page, the command line for as many as it can print at once. */
export const MAX_REVIEW_PAGE = 5000;

/** The review: members idle over N days as of the report's moment, a page of them at a time. */
export const inactiveInput = z.strictObject({
  asOf: asOfSchema,
  inactiveDays: inactiveDaysSchema,
  ...includeSwitches,
  offset: offsetSchema,
  limit: z
    .int({ error: 'Limit must be a whole number' })
    .min(1, { error: 'Limit must be at least 1' })
    .max(MAX_REVIEW_PAGE, { error: `At most ${MAX_REVIEW_PAGE.toLocaleString('en-US')} rows a page` })
    .default(50),
});
export type InactiveInput = z.output<typeof inactiveInput>;

export const inactiveMemberSchema = z.object({
  accountId: z.int(),
  email: z.string(),
  name: z.string(),
  /** The report's Last Active cell (docs/RULES.md, A3). */
  lastActive: z.string(),
  bucket: z.enum(activityBuckets),
  /** Whole days without activity, a never-active member counted from their seat: what "over N days" compares. */
  idleDays: z.int(),
  seatSince: z.string(),
  seatSource: z.enum(seatSources),
  /** The identity provider manages them: it gave them their seat, or it has written them as a SCIM user. */
  scim: z.boolean(),
  /** The organizations they own (directly: no team gives owner). */
  ownerOf: z.array(z.string()),
});
export type InactiveMember = z.infer<typeof inactiveMemberSchema>;

export const inactiveReviewSchema = z.object({
  /** The report's moment, resolved: the release re-checks as of it. */
  asOf: z.string(),
  inactiveDays: z.int(),
  /** Members in the list, the switches applied. */
  total: z.int(),
  /** Idle members the identity provider manages, and idle members who own an organization, listed or not (one person can be both). */
  scim: z.int(),
  owners: z.int(),
  /** Idle members the list leaves out by the switches. */
  leftOut: z.int(),
  /** Every member in the list, in its order (most idle first): what "select all" selects. */
  accountIds: z.array(z.int()),
  /** Those of them the identity provider manages, and those who own an organization: empty unless switched in. */
  scimIds: z.array(z.int()),
  ownerIds: z.array(z.int()),
  /** The page asked for. */
  rows: z.array(inactiveMemberSchema),
});
export type InactiveReview = z.infer<typeof inactiveReviewSchema>;

/** The reviewed list as CSV; `unselected` are marked as not to be released. */
export const exportInactiveInput = z.strictObject({
  asOf: asOfSchema,
  inactiveDays: inactiveDaysSchema,
  ...includeSwitches,
  unselected: z.array(idSchema).max(MAX_RELEASE, { error: `At most ${MAX_RELEASE.toLocaleString('en-US')} members` }).default([]),
  /** A byte-order mark first, for spreadsheet programs (the app's default; the command line's --bom). */
  bom: z.boolean({ error: 'bom must be true or false' }).default(true),
});

/** Releases the members the admin confirmed, re-checked as of the review's moment and now. */
export const releaseInactiveInput = z.strictObject({
  asOf: z.iso.datetime({ offset: true, error: "The review's moment is needed, as an ISO 8601 time with a zone (report:inactive answers it)" }),
  inactiveDays: inactiveDaysSchema,
  ...includeSwitches,
  accountIds: z
    .array(idSchema, { error: 'accountIds must be a list of member ids' })
    .min(1, { error: 'Choose at least one member to release' })
    .max(MAX_RELEASE, { error: `At most ${MAX_RELEASE.toLocaleString('en-US')} seats at once` }),
});
export type ReleaseInactiveInput = z.output<typeof releaseInactiveInput>;

/** Why a confirmed member kept their seat: each is a change since the review. */
export const skipReasons = ['noSeat', 'active', 'scim', 'owner'] as const;
export type SkipReason = (typeof skipReasons)[number];

/** At most this many skipped members are named in the answer; all are counted. */
export const MAX_SKIPPED_NAMED = 100;

export const releaseInactiveResultSchema = z.object({
  released: z.int(),
  skipped: z.record(z.enum(skipReasons), z.int()),
  /** The first MAX_SKIPPED_NAMED of them, in the order given. */
  skippedMembers: z.array(z.object({ accountId: z.int(), email: z.string(), reason: z.enum(skipReasons) })),
});
export type ReleaseInactiveResult = z.infer<typeof releaseInactiveResultSchema>;
