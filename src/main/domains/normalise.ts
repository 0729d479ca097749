import { domainToASCII, domainToUnicode } from 'node:url';
import { parse } from 'tldts';

/** Reserved for documentation and testing (RFC 2606, RFC 6761): allowed although no registry serves them. */
const TEST_TLDS = new Set(['example', 'test']);

export type NormalisedDomain = { ok: true; domain: string; display: string } | { ok: false; problem: string };

/**
 * A domain as Roster keeps it: trimmed, lower case, no trailing dot, an
 * internationalised name as punycode. It must be a registrable domain or a
 * subdomain of one, by the public-suffix list (tldts), never a public suffix
 * itself ("com", "co.uk", "github.io"), an IP address or a bare name.
 * `use` completes the problem's sentence: "cannot be claimed", "cannot be listed".
 */
export function normaliseDomain(input: string, use = 'claimed'): NormalisedDomain {
  const text = input.trim().replace(/\.$/, '');
  const bad = (why: string): NormalisedDomain => ({ ok: false, problem: `"${input.trim()}" cannot be ${use}: ${why}.` });
  if (!text) return { ok: false, problem: 'Enter a domain, such as acme.com.' };
  // "_" passes domainToASCII (it is common in DNS record names, such as
  // _roster-challenge), but no host name, so no email domain, has one.
  if (/[\s/@:?#\\_]/.test(text) || text.includes('..')) return bad('a domain has only letters, digits, hyphens and dots');
  const ascii = domainToASCII(text.toLowerCase());
  if (!ascii) return bad('it is not a valid domain name');
  const parsed = parse(ascii, { allowPrivateDomains: true });
  if (parsed.isIp) return bad('it is an IP address, not a domain');
  const isSuffix = parsed.publicSuffix === ascii && (parsed.isIcann === true || parsed.isPrivate === true);
  if (isSuffix) return bad(`it is a public suffix, under which anyone can register names; claim your own domain under it instead (such as acme.${ascii})`);
  if (!ascii.includes('.')) return bad('a domain has at least two parts, such as acme.com');
  // Before tldts's own check, which refuses these too but cannot say why.
  if (ascii.split('.').some((label) => label.length > 63 || label.startsWith('-') || label.endsWith('-'))) {
    return bad('each part must be 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen');
  }
  if (parsed.hostname !== ascii) return bad('it is not a valid domain name');
  if (!parsed.domain) return bad('it is not a domain under a public suffix');
  if (!parsed.isIcann && !parsed.isPrivate && !TEST_TLDS.has(parsed.publicSuffix ?? '')) {
    return bad(`".${parsed.publicSuffix}" is not a top-level domain anyone can register under`);
  }
  return { ok: true, domain: ascii, display: displayDomain(ascii) };
}

/** A kept (punycode) domain as people write it, for every message and list that names it. */
export function displayDomain(ascii: string): string {
  return domainToUnicode(ascii) || ascii;
}

/** Whether `domain` is `parent` or one of its subdomains. */
export function isWithin(domain: string, parent: string): boolean {
  return domain === parent || domain.endsWith(`.${parent}`);
}
