import { isAppPage } from '../ipc/trusted-sender';

/**
 * The one permission the window is ever granted: writing text to the clipboard
 * (Chromium asks for `clipboard-sanitized-write` before navigator.clipboard.writeText),
 * which the Copy buttons need (a SCIM token is shown once, then only its copy
 * remains), and only for the app's own page. Reading the clipboard, camera,
 * notifications, geolocation and everything else stay denied.
 */
export function isPermissionGranted(permission: string, pageUrl: string | undefined, appUrl: string): boolean {
  return permission === 'clipboard-sanitized-write' && typeof pageUrl === 'string' && isAppPage(pageUrl, appUrl);
}
