import { z } from 'zod';

/**
 * What changed between two Roster databases (docs/DIFF.md): an OLD one and a
 * NEW one, each an offline copy, a backup or the live store.
 */

/** The sections, in the order they are shown, printed and written. */
export const diffSectionIds = ['members', 'seatSources', 'teamMembers', 'orgAccess', 'teams', 'organizations', 'invitations', 'domains', 'scimTokens'] as const;
export type DiffSectionId = (typeof diffSectionIds)[number];

export const diffSectionTitles: Record<DiffSectionId, string> = {
  members: 'Members',
  seatSources: 'Seat sources',
  teamMembers: 'Team memberships',
  orgAccess: 'Organization access',
  teams: 'Teams',
  organizations: 'Organizations',
  invitations: 'Invitations',
  domains: 'Domains',
  scimTokens: 'SCIM tokens',
};

/** What each section calls its subject and detail, for table headers and the CSV's reader. */
export const diffSectionColumns: Record<DiffSectionId, { subject: string; detail: string }> = {
  members: { subject: 'Email', detail: 'Name' },
  seatSources: { subject: 'Email', detail: 'Name' },
  teamMembers: { subject: 'Email', detail: 'Team' },
  orgAccess: { subject: 'Email', detail: 'Organization' },
  teams: { subject: 'Team', detail: 'Organization' },
  organizations: { subject: 'Organization', detail: '' },
  invitations: { subject: 'Email', detail: 'Role' },
  domains: { subject: 'Domain', detail: '' },
  scimTokens: { subject: 'Token', detail: '' },
};

export const seatTallySchema = z.object({
  total: z.number().int(),
  inUse: z.number().int(),
  free: z.number().int(),
  members: z.number().int(),
  pendingInvitations: z.number().int(),
});
export type SeatTally = z.infer<typeof seatTallySchema>;

export const diffSideSchema = z.object({
  /** The file's name as the caller may show it: a path in the command line, a name only in a window. */
  label: z.string(),
  enterprise: z.string(),
  schemaVersion: z.number().int(),
  /** The moment its invitations' and tokens' expiry is judged at (docs/DIFF.md, "As of"). */
  asOf: z.string(),
});
export type DiffSide = z.infer<typeof diffSideSchema>;

export const diffChangeSchema = z.object({
  kind: z.string(),
  subject: z.string(),
  detail: z.string(),
  old: z.string().nullable(),
  new: z.string().nullable(),
});
export type DiffChange = z.infer<typeof diffChangeSchema>;

export const diffSectionSchema = z.object({
  id: z.enum(diffSectionIds),
  title: z.string(),
  /** How many changes of each kind, over all of them (also those left out of `changes`). */
  counts: z.record(z.string(), z.number().int()),
  total: z.number().int(),
  changes: z.array(diffChangeSchema),
  /** Changes not in `changes` (a window shows the first ones; the CSV has all). */
  omitted: z.number().int(),
});
export type DiffSection = z.infer<typeof diffSectionSchema>;

export const diffResultSchema = z.object({
  from: diffSideSchema,
  to: diffSideSchema,
  seats: z.object({ old: seatTallySchema, new: seatTallySchema }),
  sections: z.array(diffSectionSchema),
});
export type DiffResult = z.infer<typeof diffResultSchema>;
