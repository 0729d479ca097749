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

export function isAllowedExternalUrl(url: unknown, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.port === '' && parsed.username === '' && parsed.password === '' && hosts.includes(parsed.hostname);
}
