/**
 * Bearer tokens never reach the request log or the console in plain text, even
 * where a client puts one in the URL (?access_token=...) or a filter: Roster's
 * own tokens are recognised by their prefix, and the values of query
 * parameters named like a credential are dropped whatever they hold. A URL may
 * carry either percent-encoded (`roster%5Fscim%5F…`, `access%5Ftoken=`): when
 * decoding it reveals a secret, the decoded text is what gets logged, redacted.
 */
const OWN_TOKEN = /roster_scim_[A-Za-z0-9_-]*/gi;
const CREDENTIAL_PARAM = /([?&](?:access_token|token|bearer|auth|authorization|api_key|apikey|secret)=)[^&#\s]*/gi;

/** Percent-decodings tried: a token encoded twice (%255F) is still found. */
const MAX_DECODINGS = 3;

function redactPlain(text: string): string {
  return text.replace(OWN_TOKEN, 'roster_scim_[redacted]').replace(CREDENTIAL_PARAM, '$1[redacted]');
}

function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A stray % elsewhere: decode what can be decoded, leave the rest as it is.
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

export function redactSecrets(text: string): string;
export function redactSecrets(text: string | null): string | null;
export function redactSecrets(text: string | null): string | null {
  if (text === null) return null;
  let current = text;
  for (let step = 0; step < MAX_DECODINGS; step += 1) {
    const decoded = decodeOnce(current);
    if (decoded === current) break;
    if (redactPlain(decoded) !== decoded) return redactPlain(decoded);
    current = decoded;
  }
  return redactPlain(text);
}
