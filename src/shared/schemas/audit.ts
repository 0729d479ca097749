import { z } from 'zod';

/** Who made a change: the app's user, the command line, a SCIM token, an import file, or Roster itself. */
export const actorTypes = ['app', 'cli', 'scim', 'import', 'system'] as const;
export type ActorType = (typeof actorTypes)[number];

export const actorSchema = z.object({
  type: z.enum(actorTypes),
  /** The OS user for app and cli, the token's name for scim, the file for import. */
  name: z.string(),
});

export type Actor = z.infer<typeof actorSchema>;
