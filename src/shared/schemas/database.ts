import { z } from 'zod';

/** SQLite's quick_check, or the full integrity_check with foreign_key_check (docs/RELIABILITY.md, "A damaged database"). */
export const checkDepths = ['quick', 'full'] as const;
export type CheckDepth = (typeof checkDepths)[number];

export const checkDatabaseInput = z.strictObject({ full: z.boolean().optional() }).prefault({});

/** What a check of the database found. */
export const databaseCheckSchema = z.object({
  sound: z.boolean(),
  depth: z.enum(checkDepths),
  /** SQLite's and Roster's findings, the first few; empty when sound. */
  problems: z.array(z.string()),
  durationMs: z.number().nonnegative(),
  checkedAt: z.iso.datetime(),
  /** For a person: that it is sound, or the damaged-database message (what was found, which backup to restore). */
  message: z.string(),
});
export type DatabaseCheck = z.output<typeof databaseCheckSchema>;
