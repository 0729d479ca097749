import { z } from 'zod';

/**
 * What File → Take an Offline Copy… came to (docs/OFFLINE-COPIES.md): saved
 * where the person chose (the desktop app), or ready for the browser to
 * download by its name (browser mode, through the backups' one-use download
 * address), with the copy's sha256 as the audit log records it; or cancelled.
 */
export const snapshotResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), path: z.string(), saveId: z.string(), size: z.int().nonnegative(), sha256: z.string() }),
  z.object({ kind: z.literal('download'), id: z.string(), size: z.int().nonnegative(), sha256: z.string() }),
  z.object({ kind: z.literal('cancelled') }),
]);
export type SnapshotResult = z.infer<typeof snapshotResultSchema>;
