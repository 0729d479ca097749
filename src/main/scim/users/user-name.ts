import { normaliseEmail } from '@shared/schemas/email';
import { badRequest } from '../errors';

/**
 * userName is any string the provider chooses (RFC 7643 section 4.1.1), unique
 * ignoring case: the key two userNames are compared by.
 */
export function userNameKey(userName: string): string {
  return userName.toLowerCase();
}

interface EmailValue {
  value?: unknown;
  type?: unknown;
  primary?: unknown;
}

/**
 * The address of the person a User names, which their seat and account go by:
 * the userName when it is an email address (Entra's guest names, with #EXT#,
 * are), else the primary value of emails, else the work one, else the only one.
 * With none, 400 invalidValue saying what to send.
 */
export function addressOf(userName: string, emails: readonly EmailValue[]): string {
  const fromUserName = normaliseEmail(userName);
  if (fromUserName) return fromUserName;
  const pick =
    emails.find((email) => email.primary === true) ?? emails.find((email) => email.type === 'work') ?? (emails.length === 1 ? emails[0] : undefined);
  if (pick === undefined) {
    throw badRequest(
      'invalidValue',
      emails.length === 0
        ? `userName "${userName}" is not an email address and the user has no emails; send the person's address as userName or in emails (primary or type "work").`
        : `userName "${userName}" is not an email address and none of the ${emails.length} emails is marked primary or of type "work"; mark the person's address as primary.`,
    );
  }
  const address = typeof pick.value === 'string' ? normaliseEmail(pick.value) : null;
  if (!address) throw badRequest('invalidValue', `userName "${userName}" is not an email address, and the address in emails, ${JSON.stringify(pick.value)}, is not one either.`);
  return address;
}
