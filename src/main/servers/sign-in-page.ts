/**
 * The address of a Roster server's sign-in page to hand to the system
 * browser (shell/external-links.ts, openSignInPage), or null: only a page on
 * the origin of the server being signed in to, as Node parsed it, never text
 * with whitespace, a backslash or a control character, nor a user name.
 */
export function signInPageUrl(url: string, server: string): string | null {
  if (url.length > 4096 || /[\\\s\u0000-\u001f\u007f]/.test(url)) return null;
  try {
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.password !== '') return null;
    return parsed.origin === new URL(server).origin ? parsed.href : null;
  } catch {
    return null;
  }
}
