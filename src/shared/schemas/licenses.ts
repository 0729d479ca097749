import { z } from 'zod';
import { idSchema, timestampSchema } from './common';
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
  source: z.enum(seatSources),
  /** When the seat was taken: the member's seat date, or when the invitation was (last) sent. */
  since: timestampSchema,
  expiresAt: timestampSchema.nullable(),
  lastActiveAt: timestampSchema.nullable(),
  organizations: z.array(z.object({ id: z.int(), name: z.string(), role: z.enum(orgRoles) })),
  teams: z.array(z.object({ id: z.int(), name: z.string() })),
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
});
export type SeatFilter = z.output<typeof seatFilterSchema>;

export const MAX_PAGE_SIZE = 500;

export const listSeatsInput = z
  .strictObject({
  filter: seatFilterSchema.prefault({}),
  sort: z.strictObject({ by: z.enum(seatSortColumns), desc: z.boolean() }).default({ by: 'name', desc: false }),
  offset: z.int().min(0).default(0),
  limit: z.int().min(1).max(MAX_PAGE_SIZE, { error: `At most ${MAX_PAGE_SIZE} rows a page` }).default(50),
})
  .prefault({});
export type ListSeatsInput = z.output<typeof listSeatsInput>;

export const seatPageSchema = z.object({ rows: z.array(seatRowSchema), total: z.int() });
export type SeatPage = z.infer<typeof seatPageSchema>;

export const MAX_RELEASE = 100_000;

/** Seats to release at once: members lose their seat (and access), invitations are revoked. */
export const releaseSeatsInput = z
  .strictObject({
    accountIds: z.array(idSchema).max(MAX_RELEASE).default([]),
    invitationIds: z.array(idSchema).max(MAX_RELEASE).default([]),
  })
  .refine((value) => value.accountIds.length + value.invitationIds.length > 0, { error: 'Choose at least one seat to release' });
export type ReleaseSeatsInput = z.output<typeof releaseSeatsInput>;

export const releaseResultSchema = z.object({ members: z.int(), invitations: z.int() });

/** The ids of every row a filter matches, for "select all N". */
export const seatIdsSchema = z.object({ accountIds: z.array(z.int()), invitationIds: z.array(z.int()) });
