import { z } from 'zod';
import { adminRoles } from './admins';

/**
 * Signing in from a native app (the command line, the desktop app, browser
 * mode) against a Roster server: OAuth 2.0 for native apps (RFC 8252), an
 * authorization code with PKCE (S256) sent to a loopback redirect, exchanged
 * for an API token of the admin who allowed it (docs/SERVER.md, "Signing in
 * from the command line and the desktop app").
 *
 *   GET  /auth/native/authorize   the browser starts here (response_type=code, client_id, redirect_uri, state, code_challenge)
 *   GET  /native-sign-in/:id      the confirmation page (sign-in first, when the browser has no console session)
 *   POST /native-sign-in/:id      Allow or Cancel: the browser goes back to the loopback address with a code, or an error
 *   POST /auth/native/token       the code and its verifier: {access_token, token_type, expires_in, admin}
 *   POST /auth/native/revoke      {token}: the app signs out, its token is revoked (RFC 7009)
 */

export const NATIVE_AUTHORIZE_PATH = '/auth/native/authorize';
export const NATIVE_TOKEN_PATH = '/auth/native/token';
export const NATIVE_CONSENT_PATH = '/native-sign-in';
export const NATIVE_REVOKE_PATH = '/auth/native/revoke';

/** The apps that may ask, and how the confirmation page names them. */
export const NATIVE_CLIENTS = {
  'roster-cli': 'Roster command line',
  'roster-desktop': 'Roster desktop app',
  'roster-browser': 'Roster browser mode',
} as const;
export type NativeClientId = keyof typeof NATIVE_CLIENTS;
export const nativeClientIds = Object.keys(NATIVE_CLIENTS) as NativeClientId[];

/** How long a token issued this way lasts: 30 days, then `roster login` again (a laptop holding an owner's token for months is a risk). */
export const NATIVE_TOKEN_DAYS = 30;

/** The token endpoint's answer (RFC 6749 §5.1, with who the token acts as). */
export const nativeTokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number(),
  admin: z.object({ email: z.string(), role: z.enum(adminRoles) }),
});
export type NativeTokenResponse = z.infer<typeof nativeTokenResponseSchema>;

/** An error of the token endpoint or of the redirect back (RFC 6749 §4.1.2.1, §5.2). */
export const nativeErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });
