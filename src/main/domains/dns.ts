import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';

/** What a TXT query came back with, each failure named as DNS names it. */
export type TxtLookup =
  | { kind: 'records'; records: string[] }
  | { kind: 'nodata' }
  | { kind: 'nxdomain' }
  | { kind: 'servfail' }
  | { kind: 'timeout' }
  | { kind: 'error'; code: string };

/**
 * A DNS server as Settings and --dns take it: an IP address, with a port
 * after a colon (IPv6 in brackets). Node's resolver takes addresses only.
 */
export function parseDnsServer(text: string): string | null {
  const value = text.trim();
  const v6 = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(value);
  const v4 = /^([0-9.]+)(?::(\d{1,5}))?$/.exec(value);
  const [, host, port] = v6 ?? v4 ?? [];
  if (!host || isIP(host) === 0) return null;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  return value;
}

/**
 * Asks for the TXT records at `name`: from `servers` when given, else from the
 * system's resolver. One try, `timeoutMs` long: a check says what it found
 * rather than retrying until the person gives up.
 */
export async function lookupTxt(name: string, servers: string[], timeoutMs = 3000): Promise<TxtLookup> {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  if (servers.length > 0) resolver.setServers(servers);
  try {
    const records = await resolver.resolveTxt(name);
    // A long TXT record arrives in 255-byte chunks; joined, it is one value.
    return { kind: 'records', records: records.map((chunks) => chunks.join('')) };
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'UNKNOWN';
    if (code === 'ENODATA') return { kind: 'nodata' };
    if (code === 'ENOTFOUND') return { kind: 'nxdomain' };
    if (code === 'ESERVFAIL') return { kind: 'servfail' };
    if (code === 'ETIMEOUT') return { kind: 'timeout' };
    return { kind: 'error', code };
  }
}
