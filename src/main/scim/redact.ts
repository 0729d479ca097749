/**
 * Bearer tokens never reach the request log or the console in plain text, even
 * where a client puts one in the URL (?access_token=...) or a filter: Roster's
 * own tokens are recognised by their prefix, and the values of query
 * parameters named like a credential are dropped whatever they hold.
 */
const OWN_TOKEN = /roster_scim_[A-Za-z0-9_-]*/g;
const CREDENTIAL_PARAM = /([?&](?:access_token|token|bearer|auth|authorization|api_key|apikey|secret)=)[^&#\s]*/gi;

export function redactSecrets(text: string): string;
export function redactSecrets(text: string | null): string | null;
export function redactSecrets(text: string | null): string | null {
  if (text === null) return null;
  return text.replace(OWN_TOKEN, 'roster_scim_[redacted]').replace(CREDENTIAL_PARAM, '$1[redacted]');
}
