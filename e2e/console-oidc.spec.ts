import type { Page } from '@playwright/test';
import { startTestOidcProvider, type TestOidcProvider } from '../src/main/server/test-support/oidc-provider';
import type { ServerProcess } from '../src/main/server/test-support/server-process';
import { expect, test } from './fixtures';
import { startConsoleServer, type ConsoleServer } from './support/console-server';

// One identity provider and one `roster server` for the whole file, its tests one after another in one worker:
// each test is a fresh browser signing in through the provider's own page.
test.describe.configure({ mode: 'default' });

const SECRET = 'e2e-client-secret';

/** What the sign-in page says for each refusal (src/shared/schemas/console-auth.ts, SIGN_IN_ERRORS), as a person reads it. */
const SAYS = {
  provider_refused: 'The identity provider refused Roster\u2019s sign-in request. An owner should check the server\u2019s --oidc-client-id and ROSTER_OIDC_CLIENT_SECRET.',
  unknown_admin: 'You are not an admin of this Roster server. Ask an owner to add your address as an admin, then sign in again.',
  unverified_email: "Your identity provider has not verified your email address, and it is not on one of the enterprise's verified domains",
};
let provider: TestOidcProvider;
let roster: ConsoleServer;
let server: ServerProcess;
let redirectUri: string;

test.beforeAll(async () => {
  provider = await startTestOidcProvider({
    accounts: [
      { sub: 'u-owner', email: 'owner@acme.example', emailVerified: true, name: 'Olu Owner' },
      { sub: 'u-stranger', email: 'eve@acme.example', emailVerified: true },
      { sub: 'u-unverified', email: 'auditor@acme.example', emailVerified: false },
    ],
  });
  roster = await startConsoleServer(
    'enterprise',
    [
      { email: 'owner@acme.example', role: 'owner' },
      { email: 'auditor@acme.example', role: 'auditor' },
    ],
    ['--oidc-issuer', provider.issuer, '--oidc-client-id', 'roster'],
    { ROSTER_OIDC_CLIENT_SECRET: SECRET },
  );
  server = roster.server;
  // The redirect URI is known once the server listens, as an admin registers it at Okta after choosing the address.
  redirectUri = `${server.url}/auth/oidc/callback`;
  provider.addClient({ clientId: 'roster', clientSecret: SECRET, redirectUris: [redirectUri] });
});

test.afterAll(async () => {
  await roster?.close();
  await provider?.close();
});

/** From the console's sign-in page, through the provider's page, as `account`. */
async function signInAs(page: Page, account: string) {
  await page.goto(server.url);
  await page.getByRole('link', { name: 'Sign in with your identity provider' }).click();
  await expect(page.getByRole('heading', { name: 'Test identity provider' })).toBeVisible();
  await page.getByLabel('Account').fill(account);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('Signing in to the server console with the identity provider', () => {
  test('an admin signs in through the provider and lands in the console, signed in as themselves', async ({ page }) => {
    await signInAs(page, 'u-owner');
    await expect(page.getByLabel('Signed in')).toContainText('owner@acme.example · Owner');
    expect(new URL(page.url()).pathname).not.toContain('/auth/');
    // The session holds: a reload stays signed in.
    await page.reload();
    await expect(page.getByLabel('Signed in')).toContainText('owner@acme.example · Owner');
  });

  test('a client secret the provider no longer takes says the provider refused, and signs no one in', async ({ page }) => {
    provider.addClient({ clientId: 'roster', clientSecret: 'rotated-at-the-provider', redirectUris: [redirectUri] });
    try {
      await signInAs(page, 'u-owner');
      await expect(page.getByText(SAYS.provider_refused)).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Sign in to Roster' })).toBeVisible();
      await expect(page.getByLabel('Signed in')).toHaveCount(0);
    } finally {
      provider.addClient({ clientId: 'roster', clientSecret: SECRET, redirectUris: [redirectUri] });
    }
  });

  test('a person who is not an admin is told so, and stays signed out', async ({ page }) => {
    await signInAs(page, 'u-stranger');
    await expect(page.getByText(SAYS.unknown_admin)).toBeVisible();
    await expect(page.getByLabel('Signed in')).toHaveCount(0);
    // The code is taken from the address once: a reload does not say it again.
    expect(new URL(page.url()).search).toBe('');
  });

  test('an admin whose address the provider has not verified is told why', async ({ page }) => {
    await signInAs(page, 'u-unverified');
    await expect(page.getByText(SAYS.unverified_email)).toBeVisible();
    await expect(page.getByLabel('Signed in')).toHaveCount(0);
  });
});
