import fs from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { DEFAULT_RATE_LIMIT, rateLimitOf, type RateLimit } from '../scim/rate-limit';

/** How `roster server` runs: every option from the command line or, failing that, from ROSTER_<NAME> in the environment. */
export interface ServerOptions {
  databasePath: string;
  host: string;
  port: number;
  /** PEM certificate and key: HTTPS directly (and HSTS). */
  tls: { cert: Buffer; key: Buffer } | null;
  /** The proxies whose X-Forwarded-* headers are believed (addresses or CIDR ranges); empty: none. */
  trustProxy: string[];
  /** The address admins and identity providers use (behind a proxy, its https name); null: the listen address. */
  publicUrl: URL | null;
  /** Sign-in with the enterprise's identity provider (the console's, a later change): issuer, client id, secret from the environment. */
  oidc: { issuer: URL; clientId: string; clientSecret: string | null } | null;
  /** SCIM requests a second per token (bursts of four times that); raised for an identity provider's initial sync, Infinity for none. */
  scimRateLimit: RateLimit;
}

/** The option names `roster server` takes beside --db, and the environment variable each falls back on. */
export const SERVER_OPTION_NAMES = ['host', 'port', 'tls-cert', 'tls-key', 'trust-proxy', 'public-url', 'oidc-issuer', 'oidc-client-id', 'scim-rate-limit'] as const;
export type ServerOptionName = (typeof SERVER_OPTION_NAMES)[number] | 'db';

/** `--tls-cert` is read from ROSTER_TLS_CERT, and so on. */
export const envNameOf = (option: ServerOptionName): string => `ROSTER_${option.toUpperCase().replace(/-/g, '_')}`;

export const DEFAULT_SERVER_HOST = '127.0.0.1';

type Parsed = { ok: true; value: ServerOptions } | { ok: false; message: string };

function readPem(option: string, file: string, what: 'CERTIFICATE' | 'PRIVATE KEY'): Buffer | string {
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (error) {
    return `${option} ${file} cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}`;
  }
  if (!content.toString('latin1').includes(`-----BEGIN `) || !content.toString('latin1').includes(what === 'CERTIFICATE' ? 'CERTIFICATE-----' : 'PRIVATE KEY-----')) {
    return `${option} ${file} is not a PEM ${what === 'CERTIFICATE' ? 'certificate' : 'private key'} (it has no "-----BEGIN ${what}-----" block)`;
  }
  return content;
}

function httpUrl(option: string, text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${option} must be an address such as https://roster.example.com, not "${text}"`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${option} must start with https:// (or http://), not "${url.protocol}"`;
  if (url.search || url.hash || url.username || url.password) return `${option} must be a plain address (no query, fragment or credentials), not "${text}"`;
  return url;
}

/** A proxy's address or range as fastify's trustProxy takes them: an IP, or an IP with /bits. */
function isAddressOrRange(text: string): boolean {
  const [address, bits, extra] = text.split('/');
  if (extra !== undefined || !address || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/**
 * The server's options from the command line's values, then the environment,
 * then the defaults; a bad one is named with what it should be. Nothing is
 * opened or listened on here.
 */
export function serverOptionsFrom(values: Record<string, unknown>, env: NodeJS.ProcessEnv, defaultDatabasePath: string): Parsed {
  const given = (option: ServerOptionName): string | undefined => {
    const value = values[option];
    if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
    const fromEnv = env[envNameOf(option)];
    return fromEnv === undefined || fromEnv.trim() === '' ? undefined : fromEnv.trim();
  };
  const problem = (message: string): Parsed => ({ ok: false, message });

  const host = given('host') ?? DEFAULT_SERVER_HOST;
  const portText = given('port') ?? '8080';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) return problem(`--port must be a whole number from 0 (any free port) to 65535, not "${portText}"`);

  const certFile = given('tls-cert');
  const keyFile = given('tls-key');
  let tls: ServerOptions['tls'] = null;
  if ((certFile === undefined) !== (keyFile === undefined)) return problem('--tls-cert and --tls-key go together: give both (HTTPS) or neither (HTTP, behind a proxy that terminates TLS)');
  if (certFile !== undefined && keyFile !== undefined) {
    const cert = readPem('--tls-cert', certFile, 'CERTIFICATE');
    if (typeof cert === 'string') return problem(cert);
    const key = readPem('--tls-key', keyFile, 'PRIVATE KEY');
    if (typeof key === 'string') return problem(key);
    tls = { cert, key };
  }

  const proxies = (given('trust-proxy') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const badProxy = proxies.find((proxy) => !isAddressOrRange(proxy));
  if (badProxy !== undefined) return problem(`--trust-proxy takes the proxies' addresses or ranges, comma-separated (such as 127.0.0.1,10.0.0.0/8), not "${badProxy}"`);

  const publicText = given('public-url');
  const publicUrl = publicText === undefined ? null : httpUrl('--public-url', publicText);
  if (typeof publicUrl === 'string') return problem(publicUrl);

  const issuerText = given('oidc-issuer');
  const clientId = given('oidc-client-id');
  let oidc: ServerOptions['oidc'] = null;
  if ((issuerText === undefined) !== (clientId === undefined)) return problem('--oidc-issuer and --oidc-client-id go together: give both, or neither for API tokens and passwords only');
  if (issuerText !== undefined && clientId !== undefined) {
    const issuer = httpUrl('--oidc-issuer', issuerText);
    if (typeof issuer === 'string') return problem(issuer);
    // Tokens and keys come from the issuer: only over TLS, but for a provider on this very machine (tests).
    if (issuer.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname)) {
      return problem(`--oidc-issuer must start with https:// (http:// only for a provider on this machine), not "${issuerText}"`);
    }
    // The address the provider sends admins back to: from --public-url, never from a request's Host header, which anyone
    // can forge, once the server listens where others reach it.
    if (!publicUrl && !['127.0.0.1', 'localhost', '::1'].includes(host)) {
      return problem(`--oidc-issuer on ${host} needs --public-url (the address admins reach the server at): the provider's redirect back is built from it`);
    }
    oidc = { issuer, clientId, clientSecret: env.ROSTER_OIDC_CLIENT_SECRET?.trim() || null };
  }

  const rateText = given('scim-rate-limit');
  if (rateText !== undefined && !/^\d{1,7}$/.test(rateText)) return problem(`--scim-rate-limit must be a whole number of requests a second per token (0 for no limit), not "${rateText}"`);
  const scimRateLimit = rateText === undefined ? DEFAULT_RATE_LIMIT : rateLimitOf(Number(rateText));

  return {
    ok: true,
    value: {
      databasePath: path.resolve(given('db') ?? defaultDatabasePath),
      host,
      port: Number(portText),
      tls,
      trustProxy: proxies,
      publicUrl,
      oidc,
      scimRateLimit,
    },
  };
}
