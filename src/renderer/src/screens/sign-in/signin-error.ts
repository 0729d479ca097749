import { SIGN_IN_ERRORS, type SignInErrorCode } from '@shared/schemas/console-auth';

type Place = { location: Pick<Location, 'search' | 'pathname' | 'hash'>; history: Pick<History, 'replaceState' | 'state'> };

/**
 * The sentence for `?signin_error=<code>`, left in the address by the
 * identity provider's redirect back (shared/schemas/console-auth.ts), read
 * once and removed from the address, so a reload or a copied link does not
 * say it again. Only known codes have words: the address never puts its own
 * text on the page.
 */
export function takeSignInError(place: Place): string | null {
  const params = new URLSearchParams(place.location.search);
  const code = params.get('signin_error');
  if (code === null) return null;
  params.delete('signin_error');
  const rest = params.toString();
  place.history.replaceState(place.history.state, '', `${place.location.pathname}${rest ? `?${rest}` : ''}${place.location.hash}`);
  return Object.hasOwn(SIGN_IN_ERRORS, code)
    ? SIGN_IN_ERRORS[code as SignInErrorCode]
    : 'The sign-in with your identity provider did not finish. Sign in again.';
}
