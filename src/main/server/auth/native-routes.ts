import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AdminRole } from '@shared/schemas/admins';
import {
  NATIVE_AUTHORIZE_PATH,
  NATIVE_CLIENTS,
  NATIVE_CONSENT_PATH,
  NATIVE_REVOKE_PATH,
  NATIVE_TOKEN_DAYS,
  NATIVE_TOKEN_PATH,
  type NativeTokenResponse,
} from '@shared/schemas/native-sign-in';
import type { AdminService } from '../../admins/service';
import { tokensMatch } from '../../browser/auth';
import { sessionActor } from '../../sessions/service';
import { sessionCookies } from './cookies';
import { csrfRefusal, ownOrigin } from './csrf';
import { checkAuthorizeRequest, createNativeGrants, redirectBack, type NativeRequest } from './native-grants';
import { html, sendPage, sendProblem } from './native-page';

const SERVER_ACTOR = { type: 'system', name: 'roster server' } as const;
const ROLE_WORDS: Record<AdminRole, string> = { owner: 'owner', admin: 'admin', auditor: 'auditor (reads only)' };
/** RFC 7636 §4.1. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** "2026-12-07 14:02", in UTC, for a token's name. */
const minute = (at: Date) => at.toISOString().slice(0, 16).replace('T', ' ');

export interface NativeRouteDeps {
  admins: AdminService;
  /** The clock requests and codes are dated by (milliseconds). */
  clock: () => number;
}

/** A token endpoint error (RFC 6749 §5.2): JSON, never cached. */
function tokenError(reply: FastifyReply, error: string, description: string, status = 400) {
  return reply.code(status).header('Cache-Control', 'no-store').header('Pragma', 'no-cache').type('application/json; charset=utf-8').send(JSON.stringify({ error, error_description: description }));
}

/**
 * Sign-in for native apps (RFC 8252; docs/SERVER.md, "Signing in from the
 * command line and the desktop app"): the app sends the browser to
 * /auth/native/authorize with a loopback redirect address and a PKCE
 * challenge; the admin signs in to the console as usual (password or the
 * identity provider), is asked on /native-sign-in/:id whether the app may act
 * as them, and on Allow the browser goes back to the app with a code good for
 * 60 seconds, which the app exchanges at /auth/native/token for an API token
 * of that admin, with their role, for 30 days, listed and revocable as any other.
 */
export function nativeSignInRoutes({ admins, clock }: NativeRouteDeps) {
  return async (app: FastifyInstance) => {
    const grants = createNativeGrants(clock);

    // The confirmation's form and the token request (RFC 6749 §4.1.3) come as forms; the token request may be JSON too.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    const hostOf = (request: FastifyRequest) => {
      const origin = ownOrigin(request, request.server.consoleAuth.options);
      return origin ? new URL(origin).host : request.host;
    };
    const sessionOf = (request: FastifyRequest) => {
      const { sessions, options } = request.server.consoleAuth;
      const found = sessions.find(sessionCookies(request, options));
      return found.ok ? found.session : null;
    };
    const expired = (request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, 404, hostOf(request), 'This sign-in has expired', [
        'It was started more than 10 minutes ago, was answered already, or the server restarted since.',
        `Start it again from the app, for example: roster login --server ${ownOrigin(request, request.server.consoleAuth.options) ?? 'URL'}`,
      ]);
    const toSignIn = (reply: FastifyReply, id: string) =>
      reply.header('Cache-Control', 'no-store').redirect(`/?returnTo=${encodeURIComponent(`${NATIVE_CONSENT_PATH}/${id}`)}`, 303);

    app.setErrorHandler((error, request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (request.url.startsWith(NATIVE_TOKEN_PATH) || request.url.startsWith(NATIVE_REVOKE_PATH)) {
        if (status >= 400 && status < 500) return tokenError(reply, 'invalid_request', `${(error as Error).message} Send the request as a form (application/x-www-form-urlencoded) or JSON.`, status);
        request.log.error({ err: error }, 'A native sign-in failed');
        return tokenError(reply, 'server_error', 'Roster hit an unexpected problem and issued no token.', 500);
      }
      if (status >= 400 && status < 500) return sendProblem(reply, status, hostOf(request), 'This sign-in cannot go on', [(error as Error).message]);
      request.log.error({ err: error }, 'A native sign-in failed');
      return sendProblem(reply, 500, hostOf(request), 'Something went wrong', ['Roster hit an unexpected problem and changed nothing. Start the sign-in again from the app.']);
    });

    // The request log leaves out the query and the codes it carries back: no code is anyone's business.
    const pathOnly = (request: FastifyRequest) => ({ method: request.method, url: request.url.split('?')[0], host: request.host, remoteAddress: request.ip });

    app.get(NATIVE_AUTHORIZE_PATH, { logSerializers: { req: pathOnly } }, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const checked = checkAuthorizeRequest(query);
      if (!checked.ok && !checked.redirect) {
        request.log.warn({ error: checked.error, detail: checked.description }, 'A native sign-in request was refused');
        return sendProblem(reply, 400, hostOf(request), 'This sign-in cannot go on', [checked.description, 'The app that sent you here asked in a way Roster does not accept; nothing was changed.']);
      }
      if (!checked.ok) {
        const state = typeof query.state === 'string' && query.state.length <= 512 ? query.state : null;
        const back: NativeRequest = { clientId: 'roster-cli', redirectUri: query.redirect_uri as string, state, codeChallenge: '' };
        return reply.header('Cache-Control', 'no-store').redirect(redirectBack(back, { error: checked.error, error_description: checked.description }), 303);
      }
      const id = grants.open(checked.request);
      return reply.header('Cache-Control', 'no-store').redirect(`${NATIVE_CONSENT_PATH}/${id}`, 303);
    });

    app.get<{ Params: { id: string } }>(`${NATIVE_CONSENT_PATH}/:id`, async (request, reply) => {
      const pending = grants.pending(request.params.id);
      if (!pending) return expired(request, reply);
      const session = sessionOf(request);
      if (!session) return toSignIn(reply, request.params.id);
      const appName = NATIVE_CLIENTS[pending.clientId];
      const host = hostOf(request);
      const port = new URL(pending.redirectUri).port || '80';
      return sendPage(
        reply,
        200,
        `Allow ${appName}?`,
        html`<h1>Allow ${appName} to act as you?</h1>
<p class="host">${host}</p>
<div class="card">
<p>${appName} on your computer wants to act as <span class="who">${session.admin_email}</span> (${ROLE_WORDS[session.admin_role]}) on ${host}.</p>
<ul>
<li>It gets an API token with your role, for ${String(NATIVE_TOKEN_DAYS)} days.</li>
<li>See or revoke it with <code>roster admins token list</code> and <code>roster admins token revoke</code>, or sign out in the app.</li>
<li>It returns to the app at port ${port} of this computer.</li>
</ul>
<p class="warn">Allow only if you started this sign-in yourself, just now.</p>
<form method="post" action="${NATIVE_CONSENT_PATH}/${request.params.id}">
<input type="hidden" name="csrf" value="${session.csrf_token}">
<div class="actions">
<button type="submit" name="decision" value="cancel">Cancel</button>
<button type="submit" name="decision" value="allow" class="primary" autofocus>Allow</button>
</div>
</form>
</div>`,
        new URL(pending.redirectUri).origin,
      );
    });

    app.post<{ Params: { id: string } }>(`${NATIVE_CONSENT_PATH}/:id`, async (request, reply) => {
      const session = sessionOf(request);
      if (!session) return toSignIn(reply, request.params.id);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const refused = csrfRefusal(request, request.server.consoleAuth.options, null) ?? (tokensMatch(session.csrf_token, typeof body.csrf === 'string' ? body.csrf : null) ? null : 'The form does not carry this session\u2019s token: open the page again from the app.');
      if (refused) return sendProblem(reply, 403, hostOf(request), 'This sign-in cannot go on', [refused]);
      if (body.decision !== 'allow' && body.decision !== 'cancel') return sendProblem(reply, 400, hostOf(request), 'This sign-in cannot go on', ['Choose Allow or Cancel.']);
      const allow = body.decision === 'allow';
      const answered = grants.answer(request.params.id, allow ? { adminId: session.admin_id, email: session.admin_email, sessionId: session.id } : null);
      if (!answered) return expired(request, reply);
      const client = answered.request.clientId;
      if (!answered.code) {
        request.log.info({ admin: session.admin_email, client }, 'An admin cancelled a native sign-in');
        return reply.header('Cache-Control', 'no-store').redirect(redirectBack(answered.request, { error: 'access_denied', error_description: `${session.admin_email} cancelled the sign-in in the browser.` }), 303);
      }
      request.log.info({ admin: session.admin_email, client }, 'An admin allowed a native sign-in');
      return reply.header('Cache-Control', 'no-store').redirect(redirectBack(answered.request, { code: answered.code }), 303);
    });

    app.post(NATIVE_TOKEN_PATH, async (request, reply) => {
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
      const field = (name: string) => (typeof body[name] === 'string' && body[name] !== '' ? (body[name] as string) : null);
      if (field('grant_type') !== 'authorization_code') {
        return tokenError(reply, field('grant_type') ? 'unsupported_grant_type' : 'invalid_request', `grant_type must be authorization_code${field('grant_type') ? `, not "${field('grant_type')!.slice(0, 50)}"` : ''}.`);
      }
      const missing = ['code', 'code_verifier', 'redirect_uri', 'client_id'].filter((name) => field(name) === null);
      if (missing.length > 0) return tokenError(reply, 'invalid_request', `The request needs ${missing.join(', ')}.`);
      const clientId = field('client_id')!;
      if (!Object.hasOwn(NATIVE_CLIENTS, clientId)) return tokenError(reply, 'invalid_client', `client_id "${clientId.slice(0, 100)}" is not one of Roster's apps: ${Object.keys(NATIVE_CLIENTS).join(', ')}.`, 401);
      if (!VERIFIER.test(field('code_verifier')!)) return tokenError(reply, 'invalid_request', 'code_verifier must be 43 to 128 characters of letters, digits and - . _ ~ (RFC 7636).');

      const redeemed = grants.redeem({ code: field('code')!, verifier: field('code_verifier')!, redirectUri: field('redirect_uri')!, clientId });
      if (!redeemed.ok) {
        if (redeemed.reused) {
          const revoked = admins.revokeToken(redeemed.reused.allowed.email, redeemed.reused.tokenName, SERVER_ACTOR);
          request.log.warn({ admin: redeemed.reused.allowed.email, token: redeemed.reused.tokenName, revoked: revoked.ok }, 'A native sign-in code was used twice: its token is revoked');
        } else {
          request.log.warn({ error: redeemed.error, detail: redeemed.description }, 'A native sign-in code was refused');
        }
        return tokenError(reply, redeemed.error, redeemed.description, redeemed.error === 'invalid_client' ? 401 : 400);
      }
      const { allowed, request: asked } = redeemed;
      if (!request.server.consoleAuth.sessions.isLive(allowed.sessionId)) {
        return tokenError(reply, 'invalid_grant', `The console session of ${allowed.email} that allowed this sign-in has ended since (signed out, ended by an owner, or the admin removed): sign in again.`);
      }
      const at = new Date(clock());
      const base = `${asked.clientId === 'roster-cli' ? 'roster login' : NATIVE_CLIENTS[asked.clientId]} from ${request.ip} ${minute(at)}`;
      const actor = sessionActor({ id: allowed.sessionId, admin_email: allowed.email });
      const issuedBy = { client: asked.clientId, address: request.ip ?? null };
      // Two sign-ins in the same minute from one address: the second is "... (2)".
      let created = admins.createToken({ email: allowed.email, name: base, expiresInDays: NATIVE_TOKEN_DAYS }, actor, issuedBy);
      for (let n = 2; !created.ok && created.error.code === 'CONFLICT' && n < 100; n += 1) {
        created = admins.createToken({ email: allowed.email, name: `${base} (${n})`, expiresInDays: NATIVE_TOKEN_DAYS }, actor, issuedBy);
      }
      if (!created.ok) return tokenError(reply, 'invalid_grant', `No token was issued: ${created.error.message}`);
      redeemed.settle(created.value.token.name);
      request.log.info({ admin: allowed.email, token: created.value.token.name, client: asked.clientId }, 'A native app signed in with an API token');
      const answer: NativeTokenResponse = {
        access_token: created.value.secret,
        token_type: 'Bearer',
        expires_in: Math.round((Date.parse(created.value.token.expiresAt) - at.getTime()) / 1000),
        admin: { email: created.value.token.adminEmail, role: created.value.token.role },
      };
      return reply.code(200).header('Cache-Control', 'no-store').header('Pragma', 'no-cache').type('application/json; charset=utf-8').send(JSON.stringify(answer));
    });

    // Signing out of a native app (RFC 7009): the token revokes itself. The answer is 200 whatever the token, as the RFC has it; `revoked` says whether it was live.
    app.post(NATIVE_REVOKE_PATH, async (request, reply) => {
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
      if (typeof body.token !== 'string' || body.token === '') return tokenError(reply, 'invalid_request', 'The request needs token: the API token to revoke.');
      const found = admins.authenticate(body.token);
      if (!found.ok) return reply.code(200).header('Cache-Control', 'no-store').send({ revoked: false });
      const actor = { type: 'app', name: found.admin.email, admin: found.admin.email, token: found.token.name } as const;
      const revoked = admins.revokeToken(found.admin.email, found.token.name, actor);
      request.log.info({ admin: found.admin.email, token: found.token.name }, 'A native app signed out: its API token is revoked');
      return reply.code(200).header('Cache-Control', 'no-store').send({ revoked: revoked.ok && !revoked.value.alreadyRevoked });
    });
  };
}
