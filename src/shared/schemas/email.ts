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

const emailFormat = z.email();

/**
 * An email address as Roster stores it: trimmed, its domain lower-cased and in
 * ASCII (an internationalised domain becomes punycode); the local part keeps
 * the case it was given. Null when it is not a valid address.
 */
export function normaliseEmail(input: string): string | null {
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return null;
  const domain = asciiDomain(trimmed.slice(at + 1));
  if (!domain) return null;
  const email = `${trimmed.slice(0, at)}@${domain}`;
  return email.length <= MAX_EMAIL_LENGTH && emailFormat.safeParse(email).success ? email : null;
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
    const email = normaliseEmail(value);
    if (email === null) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a valid email address` });
      return z.NEVER;
    }
    return email;
  });
