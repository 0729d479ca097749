import { redactSecrets } from '../scim/redact';

/**
 * What the log never holds: a token, a password, a cookie or an authorization
 * header. Applied to each finished line, so it holds wherever the secret sits:
 * a field of a logged object (any depth), an error's message or its stack.
 * On top of scim/redact.ts (Roster's SCIM tokens, credentials in URLs):
 */
const CENSOR = '[redacted]';

/** A JSON member whose name says it holds a secret: "authorization": "Bearer …", "password": "…", "cookie": "…". */
const SECRET_MEMBER =
  /("[\w-]*(?:authorization|cookie|password|passwd|secret|token|api[-_]?key|session[-_]?key|x-roster-session)"\s*:\s*)("(?:[^"\\]|\\.)*"|\[[^\]]*\]|\{[^}]*\})/gi;
/** The same inside a string already JSON-encoded once: {\"password\":\"…\"} in a logged body. */
const ESCAPED_SECRET_MEMBER =
  /(\\"[\w-]*(?:authorization|cookie|password|passwd|secret|token|api[-_]?key|session[-_]?key|x-roster-session)\\"\s*:\s*\\")(?:[^"\\]|\\[^"])*(\\")/gi;
/** A header written out in text: "Authorization: Bearer …", "cookie=…", up to the end of its line. */
const SECRET_HEADER = /\b((?:proxy-)?authorization|set-cookie|cookie|x-roster-session)(\s*[:=]\s*)(?:[^\\"\r\n])+/gi;
/** A bearer or basic credential wherever it appears. */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/g;
/** password=…, passwd: … in free text. */
const PASSWORD_TEXT = /\b(password|passwd|pwd)(\s*[:=]\s*)[^\s"\\,;&]+/gi;
/** Browser mode's session key travels in an address's fragment (#key=…). */
const KEY_FRAGMENT = /([#&]key=)[^&\s"\\]*/gi;

export function redactLogText(text: string): string {
  return redactSecrets(text)
    .replace(SECRET_MEMBER, `$1"${CENSOR}"`)
    .replace(ESCAPED_SECRET_MEMBER, `$1${CENSOR}$2`)
    .replace(SECRET_HEADER, `$1$2${CENSOR}`)
    .replace(SCHEME_CREDENTIAL, `$1 ${CENSOR}`)
    .replace(PASSWORD_TEXT, `$1$2${CENSOR}`)
    .replace(KEY_FRAGMENT, `$1${CENSOR}`);
}
