import { z } from 'zod';

/**
 * Kinds of backup kept in the backups folder: the daily ones, those made by
 * "Back up now" in browser mode (kept there so the browser can download them),
 * and the copy of the current database a restore keeps first.
 */
export const backupKinds = ['automatic', 'manual', 'pre-restore', 'pre-upgrade'] as const;
export type BackupKind = (typeof backupKinds)[number];

export const DEFAULT_BACKUP_KEEP = 7;
export const MAX_BACKUP_KEEP = 365;

/** How many backups of each kind the backups folder keeps (the newest ones). */
export const backupKeepSchema = z
  .int({ error: 'Backups kept must be a whole number' })
  .min(1, { error: 'Keep at least 1 backup' })
  .max(MAX_BACKUP_KEEP, { error: `Keep at most ${MAX_BACKUP_KEEP} backups` });

/** A file name in the backups folder: the only way the page names a backup. */
export const backupIdSchema = z
  .string()
  .regex(/^(roster|roster-backup|pre-restore|pre-upgrade)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(-\d{1,3})?\.db$/, { error: 'That is not the name of a Roster backup' });

export const backupSchema = z.object({
  id: backupIdSchema,
  kind: z.enum(backupKinds),
  createdAt: z.iso.datetime(),
  size: z.int().nonnegative(),
});
export type Backup = z.infer<typeof backupSchema>;

export const backupListSchema = z.object({
  /** Where the backups are kept; null where this host keeps none (the command line). */
  folder: z.string().nullable(),
  keep: z.int(),
  backups: z.array(backupSchema),
  /** The desktop app can save a backup anywhere and restore from any file; browser mode only from this folder. */
  canChooseFiles: z.boolean(),
});
export type BackupList = z.infer<typeof backupListSchema>;

/** Saved where the person chose (desktop app), stored in the backups folder for the browser to download, or cancelled. */
export const backupResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), path: z.string(), saveId: z.string(), size: z.int().nonnegative() }),
  z.object({ kind: z.literal('stored'), backup: backupSchema }),
  z.object({ kind: z.literal('cancelled') }),
]);
export type BackupResult = z.infer<typeof backupResultSchema>;

export const restoreBackupInput = z.strictObject({ id: backupIdSchema });

export const restoreResultSchema = z.object({
  /** The file restored from, as the person knows it (a listed backup's name, or the path they chose). */
  restoredFrom: z.string(),
  /** Where the database as it was before the restore was kept. */
  preRestoreCopy: z.string(),
});
export type RestoreResult = z.infer<typeof restoreResultSchema>;
