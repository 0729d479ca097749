import { z } from 'zod';
import { adminRoles } from './admins';

export const appModes = ['electron', 'browser', 'cli'] as const;
export type AppMode = (typeof appModes)[number];

export const appInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(appModes),
  databasePath: z.string(),
  /** False in browser mode: there, the file is chosen with --db when it starts. */
  canChooseDatabase: z.boolean(),
  /** A Roster server's own answer to an admin calling it: who they are there, and the role they act with. */
  caller: z.object({ email: z.string(), role: z.enum(adminRoles) }).optional(),
  /**
   * Where this window works when it works on a Roster server rather than a file
   * (main/remote/remote-core.ts): the server's address and host name, its
   * version, and the admin signed in there with their role. Absent on a file.
   */
  server: z
    .object({ url: z.string(), host: z.string(), version: z.string(), email: z.string(), role: z.enum(adminRoles) })
    .optional(),
  /**
   * Set when the store is an offline copy (docs/OFFLINE-COPIES.md): the server
   * or file it is a copy of, when it was taken (ISO) and by whom. Every change
   * is refused on it, so the window offers none.
   */
  copy: z.object({ of: z.string(), takenAt: z.string(), takenBy: z.string() }).optional(),
});

export type AppInfo = z.infer<typeof appInfoSchema>;

export const chooseDatabaseInput = z.strictObject({
  /** "open" an existing Roster database, or "create" a new one. */
  intent: z.enum(['open', 'create'], { error: 'Choose "open" or "create"' }),
});

/** Null when the person cancelled the dialog. Otherwise the app restarts on the new file. */
export const chooseDatabaseOutput = z.object({ databasePath: z.string() }).nullable();

/** A database the app opened before (settings.json in the user-data folder), newest first. */
export const recentDatabaseSchema = z.object({
  path: z.string(),
  /** False when the file is no longer there: the app says so, and forgets it when asked to open it. */
  exists: z.boolean(),
  /** The database open now. */
  current: z.boolean(),
});
export type RecentDatabase = z.infer<typeof recentDatabaseSchema>;

export const openRecentInput = z.strictObject({ path: z.string().min(1).max(4096) });
