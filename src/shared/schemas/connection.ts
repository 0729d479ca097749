import { z } from 'zod';

/**
 * Whether a window working on a Roster server reaches it (the `connection`
 * event; main/remote/remote-core.ts). `lost` since `since` (an ISO time):
 * every call is answered at once as UNAVAILABLE and what the window shows is
 * as of then; `connected` again once the event stream is back, when every
 * screen reloads. Never sent on a local file.
 */
export const connectionStatusSchema = z.object({
  state: z.enum(['connected', 'lost']),
  /** The server's host name, as the window names it. */
  host: z.string(),
  since: z.string().nullable(),
  /** Why, when the server answers but cannot be worked with (upgraded meanwhile to another contract): which side to upgrade. */
  message: z.string().optional(),
});
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;
