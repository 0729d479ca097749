import { z } from 'zod';
import { adminRoles } from './admins';

/**
 * Signing in to a Roster server's web console (docs/SERVER.md, "Signing in"):
 * the shapes the server's /auth routes answer and the console reads. Every
 * answer is a Result, as the contract's are.
 *
 *   GET  /auth/methods        what the sign-in page offers (no sign-in needed)
 *   GET  /auth/oidc/start     redirects to the identity provider (PKCE, state, nonce)
 *   GET  /auth/oidc/callback  the provider's redirect back: a session, then the console
 *   POST /auth/password       {"email","password"}: a session (break-glass)
 *   GET  /auth/session        who is signed in (401 UNAUTHENTICATED when no one)
 *   POST /auth/signout        ends this session
 */

/** Sent back by the console on every call of a signed-in session, beside the cookie (with the Origin check, the CSRF defence). */
export const CSRF_HEADER = 'x-roster-csrf';

/** The session cookie: `__Host-` over HTTPS (Secure, Path=/, no Domain), a plain name over HTTP on loopback. */
export const SESSION_COOKIE_HTTPS = '__Host-roster_session';
export const SESSION_COOKIE_HTTP = 'roster_session';

/** A session ends after 12 hours without a call, and 7 days after sign-in whatever happens. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * What a console session's calls are audited under, beside its admin (the
 * audit log's token column): "console session #7", the id sessions:list shows.
 */
export const CONSOLE_SESSION_ACTOR = 'console session #';

export const signInMethods = ['oidc', 'password'] as const;
export type SignInMethod = (typeof signInMethods)[number];

export const signInOptionsSchema = z.object({
  /** The identity provider, when the server has one (--oidc-issuer): its issuer URL, shown on the button. */
  oidc: z.object({ issuer: z.string() }).nullable(),
  /** Break-glass sign-in with a password, for admins given one. */
  password: z.boolean(),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

export const consoleSessionSchema = z.object({
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(adminRoles),
  method: z.enum(signInMethods),
  /** Sent back as the x-roster-csrf header on every call. */
  csrfToken: z.string(),
  signedInAt: z.string(),
  /** When the session ends at the latest (7 days after sign-in); idleness may end it sooner. */
  expiresAt: z.string(),
});
export type ConsoleSession = z.infer<typeof consoleSessionSchema>;

export const passwordSignInInput = z.strictObject({
  email: z.string({ error: 'The address must be text' }).trim().min(1, { error: 'Give your address' }).max(320, { error: 'An address is at most 320 characters' }),
  password: z.string({ error: 'The password must be text' }).min(1, { error: 'Give your password' }).max(256, { error: 'A password is at most 256 characters' }),
});
export type PasswordSignInInput = z.infer<typeof passwordSignInInput>;

/** A session as an owner sees it in the list of sessions (never its cookie or CSRF token). */
export const adminSessionSchema = z.object({
  id: z.int(),
  adminEmail: z.string(),
  role: z.enum(adminRoles),
  method: z.enum(signInMethods),
  address: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  /** This very session (the caller's own). */
  current: z.boolean(),
});
export type AdminSession = z.infer<typeof adminSessionSchema>;

/** An owner ends a session (sessions:end), by the id the list shows. */
export const endSessionInput = z.strictObject({
  id: z.int({ error: 'The session is named by its number (from "roster sessions list")' }).positive({ error: 'A session number is 1 or more' }),
});

/**
 * Why a sign-in with the identity provider did not open a session. The
 * provider's redirect back ends at the console's address with
 * `?signin_error=<code>`, and the sign-in page says the sentence: a code, never
 * a message from the address, so that no link can put words on this page.
 */
export const SIGN_IN_ERRORS = {
  unknown_admin: 'You are not an admin of this Roster server. Ask an owner to add your address as an admin, then sign in again.',
  unverified_email:
    "Your identity provider has not verified your email address, and it is not on one of the enterprise's verified domains, so Roster cannot tell it is yours. Ask an owner to verify the domain, or sign in once with your password.",
  provider_refused: 'The identity provider refused Roster\u2019s sign-in request. An owner should check the server\u2019s --oidc-client-id and ROSTER_OIDC_CLIENT_SECRET.',
  provider_unreachable: 'Roster could not reach the identity provider. Try again in a minute; if it goes on, an owner should check --oidc-issuer.',
  attempt_expired: 'That sign-in took too long or was started in another window. Sign in again.',
  cancelled: 'The sign-in was cancelled at the identity provider.',
} as const;
export type SignInErrorCode = keyof typeof SIGN_IN_ERRORS;
