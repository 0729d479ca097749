import { shell } from 'electron';
import { allowedExternalUrl } from '../security/external-urls';

/**
 * What a page's window.open or target=_blank link gets: never a new Electron
 * window; an allow-listed https page (security/external-urls.ts) opens in the
 * system browser, anything else is dropped. The one place shell.openExternal is called.
 */
export function denyWindowOpen({ url }: { url: string }): { action: 'deny' } {
  const checked = allowedExternalUrl(url);
  if (checked) void shell.openExternal(checked);
  return { action: 'deny' };
}
