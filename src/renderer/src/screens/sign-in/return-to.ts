import { NATIVE_CONSENT_PATH } from '@shared/schemas/native-sign-in';

/**
 * Where to go once signed in, from `?returnTo=` (a native app's sign-in sends
 * the browser here with the path of its confirmation page): a path of this
 * server only, never another site (`//host`, a backslash, a scheme), nor the
 * sign-in routes themselves. Null when there is none to go to.
 */
export function returnPathFrom(search: string): string | null {
  const value = new URLSearchParams(search).get('returnTo');
  if (value === null || !value.startsWith('/') || value.startsWith('//') || value.length > 2048) return null;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  const base = 'http://roster.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base || url.pathname.startsWith('//') || url.pathname.toLowerCase().startsWith('/auth/')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Whether the sign-in was asked for by a native app (the command line, the desktop app), to say so on the page. */
export const forNativeApp = (path: string | null): boolean => path !== null && path.startsWith(`${NATIVE_CONSENT_PATH}/`);
