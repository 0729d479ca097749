import { shell } from 'electron';
import { allowedExternalUrl } from '../security/external-urls';
import { signInPageUrl } from '../servers/sign-in-page';

/**
 * What a page's window.open or target=_blank link gets: never a new Electron
 * window; an allow-listed https page (security/external-urls.ts) opens in the
 * system browser, anything else is dropped. The one place shell.openExternal is called.
 */
export function denyWindowOpen({ url }: { url: string }): { action: 'deny' } {
  const checked = allowedExternalUrl(url);
  if (checked) void shell.openExternal(checked);
  return { action: 'deny' };
}

/**
 * The sign-in page of the Roster server the admin connects to (File → Connect
 * to a Server…), in the system browser, where their password manager and
 * identity provider are: only a page on that server's own origin.
 */
export async function openSignInPage(url: string, server: string): Promise<void> {
  const checked = signInPageUrl(url, server);
  if (!checked) throw new Error(`Roster opens only ${new URL(server).origin}'s own sign-in page in your browser.`);
  await shell.openExternal(checked);
}
