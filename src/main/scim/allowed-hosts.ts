/**
 * The names a SCIM request may address the server by (its Host header, port
 * aside): the address it listens on, 127.0.0.1, localhost, and the public
 * names a reverse proxy or tunnel forwards (`roster scim serve --public-host`).
 * Any other name is refused (403): a web page that rebinds its own DNS name to
 * 127.0.0.1 cannot reach the server through the browser.
 */
export function allowedScimHosts(listenHost: string, publicHosts: readonly string[] = []): Set<string> {
  return new Set([listenHost, '127.0.0.1', 'localhost', ...publicHosts].map(normaliseHostName).filter((name): name is string => name !== null));
}

/** The host name of a Host header or option, lower case, without port or IPv6 brackets; null when it is not one. */
export function normaliseHostName(value: string | undefined): string | null {
  if (!value) return null;
  const text = value.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) return bracketed[1]!;
  // A bare IPv6 address (an option, not a header) has colons and no port.
  if ((text.match(/:/g) ?? []).length > 1) return /^[0-9a-f:.]+$/.test(text) ? text : null;
  const match = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(text);
  return match ? match[1]! : null;
}

/** A name `--public-host` accepts: a DNS name or an IP address, without scheme, port or path. */
export function isValidPublicHost(value: string): boolean {
  const name = normaliseHostName(value);
  return name !== null && name === value.trim().toLowerCase() && name.length <= 253 && !name.startsWith('.') && !name.includes('..');
}
