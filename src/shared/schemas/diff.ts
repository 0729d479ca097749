import { z } from 'zod';

/**
 * What changed between two Roster databases (docs/OFFLINE-COPIES.md, "What changed between two copies"): an OLD one and a
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
  /** The moment its invitations' and tokens' expiry is judged at (docs/RULES.md, CMP3). */
  asOf: z.string(),
  /** For an offline copy: what it is a copy of (a server's host name, or a file's name); null for any other file. */
  copyOf: z.string().nullable(),
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

/**
 * A file in the backups folder, by its name alone: a backup, or an offline
 * copy put there. The page never names a path on the computer.
 */
export const diffFolderNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.(db|roster)$/, { error: 'That is not the name of a file in the backups folder' });

/** One side of a comparison: the store this window works on, a file in the backups folder, or one chosen in the desktop app's open dialog. */
export const diffSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('live') }),
  z.strictObject({ kind: z.literal('folder'), name: diffFolderNameSchema }),
  z.strictObject({ kind: z.literal('chosen'), id: z.uuid({ error: 'That is not a file chosen in this window' }) }),
]);
export type DiffSource = z.infer<typeof diffSourceSchema>;

export const compareInput = z.strictObject({ from: diffSourceSchema, to: diffSourceSchema });
export type CompareInput = z.infer<typeof compareInput>;

export const diffFileSchema = z.object({
  name: z.string(),
  /** A backup Roster made (its name says so), or another Roster file put in the folder (an offline copy). */
  kind: z.enum(['backup', 'copy']),
  modifiedAt: z.string(),
  size: z.int().nonnegative(),
});
export type DiffFileEntry = z.infer<typeof diffFileSchema>;

export const diffFilesSchema = z.object({
  files: z.array(diffFileSchema),
  /** The desktop app also compares files chosen in an open dialog (diff:chooseFile). */
  canChooseFiles: z.boolean(),
});
export type DiffFiles = z.infer<typeof diffFilesSchema>;

export const chosenDiffFileSchema = z.object({ id: z.string(), name: z.string() }).nullable();

/** Changes a window is sent per section; Export CSV writes them all. */
export const DIFF_WINDOW_LIMIT = 200;
