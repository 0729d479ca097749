/**
 * The only pages Roster ever hands to the system browser (shell.openExternal):
 * https, on one of these hosts exactly, on the default port, with no user name
 * or password in the address. Everything else a page tries to open is dropped.
 * Kept short on purpose: the identity providers' and the SCIM RFCs' documentation.
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'help.okta.com',
  'developer.okta.com',
  'learn.microsoft.com',
  'datatracker.ietf.org',
  'www.rfc-editor.org',
];

/**
 * The address to hand to the system browser for `url`, or null when it may not
 * be opened. The browser gets the address as Node parsed and checked it, never
 * the raw text, which the operating system's URL handler might read otherwise;
 * text with a backslash, whitespace or a control character is refused outright.
 */
export function allowedExternalUrl(url: unknown, hosts: readonly string[] = EXTERNAL_HOSTS): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  if (/[\\\s\u0000-\u001f\u007f]/.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const allowed = parsed.protocol === 'https:' && parsed.port === '' && parsed.username === '' && parsed.password === '' && hosts.includes(parsed.hostname);
  return allowed ? parsed.href : null;
}

export function isAllowedExternalUrl(url: unknown, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  return allowedExternalUrl(url, hosts) !== null;
}
