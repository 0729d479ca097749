import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1,
 * for tests of signing in to a Roster server: unit tests drive it with fetch
 * (test-support/oidc-flow.ts), end-to-end tests with Chromium. Imports nothing
 * of Roster's, so e2e/ can import it as it is.
 *
 * Its sign-in page is one form: an "Account" field (an account's sub or email)
 * and "Sign in", which signs in and grants the client what it asked (no
 * consent screen), or "Cancel", which sends the person back with
 * error=access_denied. It prints nothing.
 */

export interface TestOidcClient {
  clientId: string;
  /** Null: a public client (PKCE only, no secret at the token endpoint). */
  clientSecret: string | null;
  redirectUris: string[];
}

export interface TestOidcAccount {
  sub: string;
  email?: string;
  /** Left out, the provider sends no email_verified claim (as Entra ID does). */
  emailVerified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  /** The issuer, http://127.0.0.1:<port>, without a trailing slash. */
  issuer: string;
  /** Adds a client, or replaces the one with this id (a redirect URI known only once a server listens). */
  addClient(client: TestOidcClient): void;
  /** Adds an account, or changes the one with this sub (a changed email claim). */
  setAccount(account: TestOidcAccount): void;
  close(): Promise<void>;
}

type Payload = Record<string, unknown>;

/** What oidc-provider keeps (sessions, codes, grants, clients) in memory, in one map per model, so it warns about no adapter. */
function memoryAdapter(clients: Map<string, Payload>) {
  const stores = new Map<string, Map<string, { payload: Payload; expiresAt: number | null }>>();
  return class MemoryAdapter {
    private readonly store: Map<string, { payload: Payload; expiresAt: number | null }>;
    constructor(private readonly model: string) {
      if (!stores.has(model)) stores.set(model, new Map());
      this.store = stores.get(model)!;
    }
    async upsert(id: string, payload: Payload, expiresIn?: number) {
      this.store.set(id, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : null });
    }
    async find(id: string): Promise<Payload | undefined> {
      if (this.model === 'Client') return clients.get(id);
      const entry = this.store.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt !== null && entry.expiresAt < Date.now()) return void this.store.delete(id);
      return entry.payload;
    }
    async findByUid(uid: string) {
      for (const [id, entry] of this.store) if (entry.payload.uid === uid) return this.find(id);
      return undefined;
    }
    async findByUserCode(userCode: string) {
      for (const [id, entry] of this.store) if (entry.payload.userCode === userCode) return this.find(id);
      return undefined;
    }
    async consume(id: string) {
      const entry = this.store.get(id);
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      this.store.delete(id);
    }
    async revokeByGrantId(grantId: string) {
      for (const [id, entry] of this.store) if (entry.payload.grantId === grantId) this.store.delete(id);
    }
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function clientMetadata(client: TestOidcClient): Payload {
  return {
    client_id: client.clientId,
    ...(client.clientSecret === null ? { token_endpoint_auth_method: 'none' } : { client_secret: client.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }),
    redirect_uris: client.redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
  };
}

/** Starts the provider on a free port of 127.0.0.1. */
export async function startTestOidcProvider({ clients = [], accounts = [] }: { clients?: TestOidcClient[]; accounts?: TestOidcAccount[] } = {}): Promise<TestOidcProvider> {
  const { default: Provider } = await import('oidc-provider');
  const clientStore = new Map(clients.map((client) => [client.clientId, clientMetadata(client)]));
  const accountStore = new Map(accounts.map((account) => [account.sub, account]));
  const findLogin = (login: string) =>
    accountStore.get(login) ?? [...accountStore.values()].find((account) => account.email?.toLowerCase() === login.trim().toLowerCase());

  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    adapter: memoryAdapter(clientStore),
    clientBasedCORS: () => false,
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accountStore.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          ...(account.email === undefined ? {} : { email: account.email }),
          ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
          ...(account.name === undefined ? {} : { name: account.name }),
        }),
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The scopes' claims in the ID token itself, as Okta and Entra ID put them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', alg: 'RS256', use: 'sig' }] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    renderError: async (ctx: { type: string; body: string }, out: { error?: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<p>${escapeHtml(out.error ?? 'error')}: ${escapeHtml(out.error_description ?? '')}</p>`);
    },
  });
  // Koa would print every error it answers with; tests read the answers instead.
  provider.app.silent = true;
  const providerCallback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET' && action === undefined) {
      const form = `<form method="post" action="/interaction/${escapeHtml(uid)}/login"><label>Account <input name="login" autocomplete="off" autofocus></label> <button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit">Cancel</button></form>`;
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Test identity provider', form));
    }
    const form = await formOf(req);
    if (action === 'abort') {
      const error = form.get('error') || 'access_denied';
      return provider.interactionFinished(req, res, { error, error_description: 'The person did not sign in.' }, { mergeWithLastSubmission: false });
    }
    const account = findLogin(form.get('login') ?? '');
    if (!account) {
      return void res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(page('Test identity provider', `<p role="alert">No account ${escapeHtml(form.get('login') ?? '')}.</p>`));
    }
    const grant = new provider.Grant({ accountId: account.sub, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope ?? 'openid');
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: account.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  handler = (req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!match) return providerCallback(req, res);
    interaction(req, res, match[1]!, match[2]).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(page('Sign-in error', `<p>${escapeHtml(error.message)}</p>`));
    });
  };

  return {
    issuer,
    addClient: (client) => void clientStore.set(client.clientId, clientMetadata(client)),
    setAccount: (account) => void accountStore.set(account.sub, account),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
