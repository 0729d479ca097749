import type { Configuration } from 'openid-client';
import type { SignInErrorCode } from '@shared/schemas/console-auth';
import type { OidcIdentity } from '../../admins/oidc-binding';

/** The enterprise's identity provider, as `roster server` was given it (--oidc-issuer, --oidc-client-id, ROSTER_OIDC_CLIENT_SECRET). */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  /** Null: a public client, which proves itself with PKCE alone. */
  clientSecret: string | null;
}

/** What a sign-in started with, kept on the server until the provider sends the person back. */
export interface OidcAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

/** Why the exchange with the provider did not name a person: a code for the sign-in page, and what happened for the log. */
export type OidcFailure = { ok: false; code: SignInErrorCode; detail: string };

/** Scopes asked for: who (sub), their address and whether it is verified, and a name. */
export const OIDC_SCOPES = 'openid email profile';

/** Each request to the provider (discovery, token, userinfo) waits this long at most. */
const PROVIDER_TIMEOUT_S = 10;

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A failure reaching the provider at all: refused, unknown host, timed out. */
function unreachable(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError' || (error instanceof TypeError && error.message === 'fetch failed');
}

/** What went wrong, for the log and the audit event: the message and the provider's error code, never a token. */
function describe(error: unknown): string {
  const e = error as { message?: string; error?: string; error_description?: string; cause?: unknown };
  // A 401 with WWW-Authenticate (a wrong client secret) carries its error in the challenge.
  const challenge = Array.isArray(e.cause) ? (e.cause[0] as { parameters?: { error?: string; error_description?: string } } | undefined)?.parameters : undefined;
  const code = e.error ?? challenge?.error;
  const text = e.error_description ?? challenge?.error_description;
  const cause = e.cause as { code?: string; message?: string } | undefined;
  const why = code ? ` (${code}${text ? `: ${text}` : ''})` : cause && !Array.isArray(cause) ? ` (${cause.code ?? cause.message ?? ''})` : '';
  return `${e.message ?? String(error)}${why}`;
}

/**
 * OpenID Connect with the enterprise's identity provider, by openid-client:
 * discovery of the issuer (once it answers; retried at the next sign-in while
 * it does not), the authorization code flow with PKCE (S256), state and nonce,
 * and the ID token's checks (signature, iss, aud, nonce, exp). An http issuer
 * is taken only on loopback, for tests.
 */
export function createOidcClient(settings: OidcSettings) {
  let discovered: Promise<Configuration> | null = null;

  async function configuration(): Promise<Configuration> {
    discovered ??= (async () => {
      const client = await import('openid-client');
      const insecure = settings.issuer.protocol === 'http:' && loopbackHosts.has(settings.issuer.hostname);
      const auth = settings.clientSecret === null ? client.None() : client.ClientSecretBasic(settings.clientSecret);
      return client.discovery(settings.issuer, settings.clientId, undefined, auth, {
        timeout: PROVIDER_TIMEOUT_S,
        ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      });
    })().catch((error: unknown) => {
      discovered = null;
      throw error;
    });
    return discovered;
  }

  return {
    issuer: settings.issuer.href,

    /** Where to send the browser, and what to keep until it comes back. */
    async start(redirectUri: string): Promise<{ ok: true; url: URL; attempt: OidcAttempt } | OidcFailure> {
      let config: Configuration;
      try {
        config = await configuration();
      } catch (error) {
        return { ok: false, code: 'provider_unreachable', detail: `discovery of ${settings.issuer.href} failed: ${describe(error)}` };
      }
      const client = await import('openid-client');
      const attempt: OidcAttempt = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), redirectUri };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: OIDC_SCOPES,
        response_type: 'code',
        state: attempt.state,
        nonce: attempt.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(attempt.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { ok: true, url, attempt };
    },

    /**
     * The provider's redirect back (its query as received): the code exchanged,
     * the ID token checked, and who it names. The email claim is read from the
     * ID token, or from userinfo when the token has none (some providers keep
     * it there).
     */
    async finish(attempt: OidcAttempt, query: URLSearchParams): Promise<{ ok: true; identity: OidcIdentity } | OidcFailure> {
      const client = await import('openid-client');
      let config: Configuration;
      try {
        config = await configuration();
      } catch (error) {
        return { ok: false, code: 'provider_unreachable', detail: `discovery of ${settings.issuer.href} failed: ${describe(error)}` };
      }
      const currentUrl = new URL(attempt.redirectUri);
      for (const [name, value] of query) currentUrl.searchParams.append(name, value);
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: attempt.codeVerifier,
          expectedState: attempt.state,
          expectedNonce: attempt.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        if (unreachable(error)) return { ok: false, code: 'provider_unreachable', detail: `the token request failed: ${describe(error)}` };
        // A code used twice or too late: the person signs in again.
        if (error instanceof client.ResponseBodyError && error.error === 'invalid_grant') {
          return { ok: false, code: 'attempt_expired', detail: `the provider refused the code: ${describe(error)}` };
        }
        return { ok: false, code: 'provider_refused', detail: `the provider refused the token request: ${describe(error)}` };
      }
      const claims = tokens.claims()!;
      let email = typeof claims.email === 'string' ? claims.email : null;
      let verified = claims.email_verified;
      if (email === null && config.serverMetadata().userinfo_endpoint) {
        try {
          const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
          email = typeof info.email === 'string' ? info.email : null;
          verified = info.email_verified;
        } catch {
          // No address from userinfo either: the binding rule refuses an unbound person without one.
        }
      }
      return { ok: true, identity: { issuer: claims.iss, subject: claims.sub, email, emailVerified: typeof verified === 'boolean' ? verified : null } };
    },
  };
}

export type OidcClient = ReturnType<typeof createOidcClient>;
