import { z } from 'zod';

export const MAX_EMAIL_LENGTH = 254;

/**
 * The domain of an address in its ASCII (punycode) form, lower-cased. In the
 * renderer and in Node alike, the URL parser does the IDNA conversion.
 */
function asciiDomain(domain: string): string | null {
  // The URL parser would read "acme.com/x" or "acme.com:80" as the host acme.com: allow host characters only.
  if (!/^[^\s/\\?#:@[\]%]+$/u.test(domain)) return null;
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
}

/**
 * The part before the @ (RFC 5322 dot-atom): letters, digits and
 * !#$%&'*+/=?^_`{|}~- in dot-separated runs. Identity providers use all of it
 * (Entra's guest names read ana_contoso.com#EXT#@fabrikam.onmicrosoft.com).
 */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** A host name of at least two labels whose last is a top-level domain (letters, or an IDN's punycode). */
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,}|xn--[A-Za-z0-9-]+)$/;

/**
 * An email address as Roster stores it: trimmed, its domain lower-cased and in
 * ASCII (an internationalised domain becomes punycode); the local part keeps
 * the case it was given. Null when it is not a valid address.
 */
export function normaliseEmail(input: string): string | null {
  return checkEmail(input).email;
}

/** The normalised address, or why the text is not one (said for a person). */
export function checkEmail(input: string): { email: string; problem: null } | { email: null; problem: string } {
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf('@');
  const bad = (why: string) => ({ email: null, problem: `"${trimmed}" is not a valid email address: ${why}` });
  if (at <= 0 || at === trimmed.length - 1) return bad('it needs a name, an @ and a domain');
  const local = trimmed.slice(0, at);
  if (/[^\x00-\x7f]/.test(local)) return bad('the part before the @ must use only plain (ASCII) letters, digits and punctuation');
  if (local.length > 64) return bad('the part before the @ is longer than 64 characters');
  const domain = asciiDomain(trimmed.slice(at + 1));
  if (!domain) return bad('the domain cannot be read');
  if (domain.split('.').some((label) => label.length > 63)) return bad('a part of the domain is longer than 63 characters');
  const email = `${local}@${domain}`;
  if (email.length > MAX_EMAIL_LENGTH) return bad(`it is longer than ${MAX_EMAIL_LENGTH} characters`);
  if (!LOCAL_PART.test(local) || !DOMAIN.test(domain)) return bad('it is not in the form name@domain.tld');
  return { email, problem: null };
}

/** Emails are unique ignoring case: the key two addresses are compared by. */
export function emailKey(email: string): string {
  return email.toLowerCase();
}

export const emailSchema = z
  .string({ error: 'Email must be text' })
  .trim()
  .min(1, { error: 'Email is required' })
  .max(MAX_EMAIL_LENGTH, { error: `Email must be at most ${MAX_EMAIL_LENGTH} characters` })
  .transform((value, ctx) => {
    const checked = checkEmail(value);
    if (checked.email === null) {
      ctx.addIssue({ code: 'custom', message: checked.problem });
      return z.NEVER;
    }
    return checked.email;
  });
