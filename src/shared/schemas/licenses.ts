import { z } from 'zod';
import { idSchema, offsetSchema, timestampSchema } from './common';
import { orgRoles, seatSources } from './members';

/** One row of the Licenses screen: a seat held by a member, or by a pending invitation. */
export const seatRowSchema = z.object({
  /** "member:<accountId>" or "invitation:<invitationId>". */
  id: z.string(),
  kind: z.enum(['member', 'invitation']),
  accountId: z.int().nullable(),
  invitationId: z.int().nullable(),
  email: z.string(),
  name: z.string(),
  status: z.enum(['member', 'pending', 'expired']),
  /** False for an invitation to someone who already holds a seat, or one that has expired. */
  holdsSeat: z.boolean(),
  source: z.enum(seatSources),
  /** When the seat was taken: the member's seat date, or when the invitation was (last) sent. */
  since: timestampSchema,
  expiresAt: timestampSchema.nullable(),
  /** The latest client open (or login since tracking began) on record, exact: detail beside lastActive. */
  lastActiveAt: timestampSchema.nullable(),
  /**
   * Last Active as the activity report shows it, by its rule (docs/RULES.md, A3): a date
   * (YYYY-MM-DD), '' for the blank span, 'N/A', or a legacy login's date. Null for an invitation.
   */
  lastActive: z.string().nullable(),
  /** Whole days since that activity (never active: since the seat was taken). Null for an invitation. */
  idleDays: z.int().nullable(),
  organizations: z.array(z.object({ id: z.int(), name: z.string(), role: z.enum(orgRoles) })),
  teams: z.array(z.object({ id: z.int(), name: z.string() })),
  /** The address is outside the invite-control rule now in force (Settings): flagged for the admin, nothing more. */
  outsideInvitePolicy: z.boolean(),
});
export type SeatRow = z.infer<typeof seatRowSchema>;

export const seatListStatuses = ['seats', 'member', 'pending', 'expired'] as const;
export type SeatListStatus = (typeof seatListStatuses)[number];
export const seatSortColumns = ['name', 'email', 'status', 'source', 'since', 'lastActive'] as const;
export type SeatSortColumn = (typeof seatSortColumns)[number];

/** Which rows: "seats" is every held seat (members and pending invitations); expired invitations hold none. */
export const seatFilterSchema = z.strictObject({
  search: z.string({ error: 'Search must be text' }).max(200, { error: 'Search is at most 200 characters' }).default(''),
  status: z.enum(seatListStatuses).default('seats'),
  sources: z.array(z.enum(seatSources)).max(seatSources.length).default([]),
  /** Members of this team only. */
  teamId: idSchema.optional(),
  /** Members with access to this organization only: directly or through a team. */
  orgId: idSchema.optional(),
  /** Members idle for more than this many whole days (never active: counted from their seat). */
  inactiveDays: z.int({ error: 'Days inactive must be a whole number' }).min(0, { error: 'Days inactive cannot be negative' }).max(36_500).optional(),
});
export type SeatFilter = z.output<typeof seatFilterSchema>;

export const MAX_PAGE_SIZE = 500;

export const listSeatsInput = z
  .strictObject({
  filter: seatFilterSchema.prefault({}),
  sort: z.strictObject({ by: z.enum(seatSortColumns), desc: z.boolean() }).default({ by: 'name', desc: false }),
  offset: offsetSchema,
  limit: z
    .int({ error: 'Limit must be a whole number' })
    .min(1, { error: 'Limit must be at least 1' })
    .max(MAX_PAGE_SIZE, { error: `At most ${MAX_PAGE_SIZE} rows a page` })
    .default(50),
})
  .prefault({});
export type ListSeatsInput = z.output<typeof listSeatsInput>;

export const seatPageSchema = z.object({ rows: z.array(seatRowSchema), total: z.int() });
export type SeatPage = z.infer<typeof seatPageSchema>;

export const MAX_RELEASE = 100_000;

/** Seats to release at once: members lose their seat (and access), invitations are revoked. */
export const releaseSeatsInput = z
  .strictObject({
    accountIds: z.array(idSchema).max(MAX_RELEASE, { error: `At most ${MAX_RELEASE.toLocaleString('en-US')} seats at once` }).default([]),
    invitationIds: z.array(idSchema).max(MAX_RELEASE, { error: `At most ${MAX_RELEASE.toLocaleString('en-US')} seats at once` }).default([]),
  })
  .refine((value) => value.accountIds.length + value.invitationIds.length > 0, { error: 'Choose at least one seat to release' });
export type ReleaseSeatsInput = z.output<typeof releaseSeatsInput>;

/** Seats freed: members released and live invitations revoked; those that were free already are counted apart. */
export const releaseResultSchema = z.object({ members: z.int(), invitations: z.int(), alreadyFree: z.int() });

/** The ids of every row a filter matches, for "select all N". */
export const seatIdsSchema = z.object({ accountIds: z.array(z.int()), invitationIds: z.array(z.int()) });

/** Members a page at a time in address order, for walking all of them (the command line's list). */
export const listMembersInput = z.strictObject({
  after: z.string({ error: 'After must be an email address' }).max(254, { error: 'After is at most 254 characters' }).default(''),
  limit: z.int({ error: 'Limit must be a whole number' }).min(1, { error: 'Limit must be at least 1' }).max(MAX_PAGE_SIZE, { error: `Limit is at most ${MAX_PAGE_SIZE}` }).default(MAX_PAGE_SIZE),
});
export const memberPageSchema = z.object({ rows: z.array(seatRowSchema), next: z.string().nullable() });
