import { z } from 'zod';
import { adminRoles } from './admins';

/** Hosts where plain http is allowed: this computer only, where nobody can read the token on the way. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The Roster server the desktop app connects to, as the person types it:
 * "roster.acme.com" means https://roster.acme.com. Answers the server's
 * origin (no path, no query), or a message saying what is wrong.
 */
export function parseServerAddress(text: string): { ok: true; origin: string; host: string } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter the server’s address, such as https://roster.acme.com' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: `“${trimmed}” is not a web address. Enter one such as https://roster.acme.com` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `A Roster server is reached over https, not ${url.protocol.replace(':', '')}.` };
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return {
      ok: false,
      message: `Use https for ${url.hostname}: over plain http anyone on the network could read your sign-in. Plain http is allowed only for localhost and 127.0.0.1.`,
    };
  }
  if (url.username || url.password) return { ok: false, message: 'Leave the user name and password out of the address: you sign in next.' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return { ok: false, message: `Enter only the server’s address (${url.origin}), without a path.` };
  }
  return { ok: true, origin: url.origin, host: url.host };
}

/** A server address checked by parseServerAddress, carried as its origin. */
export const serverAddressSchema = z
  .string()
  .max(2048)
  .transform((text, context) => {
    const parsed = parseServerAddress(text);
    if (parsed.ok) return parsed.origin;
    context.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  });

/** File → Connect to a Server…: sign in with the system browser, or with an API token pasted in. */
export const connectServerInput = z.discriminatedUnion('method', [
  z.strictObject({ address: serverAddressSchema, method: z.literal('browser') }),
  z.strictObject({
    address: serverAddressSchema,
    method: z.literal('token'),
    token: z.string().trim().min(1, 'Paste the API token').max(512, 'That is too long for an API token'),
  }),
]);

/** Where the window works when it works on a server, and as whom. */
export const serverConnectionSchema = z.object({
  /** The server's origin, https://acme-roster.example.com */
  address: z.string(),
  /** acme-roster.example.com, for titles. */
  host: z.string(),
  email: z.string(),
  role: z.enum(adminRoles),
});
export type ServerConnection = z.infer<typeof serverConnectionSchema>;

/** What connecting answers: where, as whom, and whether the sign-in was kept for next time (docs/SERVER.md). */
export const connectedSchema = serverConnectionSchema.extend({
  /** False where the system offers no encryption: nothing is kept, and the admin signs in each time. */
  kept: z.boolean(),
});
export type Connected = z.infer<typeof connectedSchema>;

/** A server the app connected to before, with the admin it was signed in as. */
export const recentServerSchema = serverConnectionSchema.extend({
  /** A sign-in is kept for it: choosing it reconnects without asking (unless the server has ended it). */
  signedIn: z.boolean(),
  /** The server the window works on now. */
  current: z.boolean(),
});
export type RecentServer = z.infer<typeof recentServerSchema>;

export const openRecentServerInput = z.strictObject({ address: serverAddressSchema });
