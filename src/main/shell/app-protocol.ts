import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The window shows the app from `roster://app/…`, a scheme of its own, rather
 * than from `file://`: a page on `file://` may read any other file the browser
 * engine can reach, while this scheme answers only for the built renderer's
 * files (Electron's security checklist, item 18). Electron's parts are in
 * app-protocol-electron.ts; what a URL may reach is decided here, without Electron.
 */
export const APP_SCHEME = 'roster';
export const APP_HOST = 'app';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The file inside `root` that `url` names, or null when it names none: another
 * scheme or host, a query, a path that climbs out of `root` (`..`, encoded or
 * not), a backslash or a NUL. The bare origin (`roster://app/`) is the page.
 */
export function appFileFor(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.search !== '') return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\\') || relative.includes('\0')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${relative}`);
  const inside = path.relative(base, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

/** Whether `file` is inside `folder` (both absolute and resolved), and not the folder itself. */
function isInside(folder: string, file: string): boolean {
  const inside = path.relative(folder, file);
  return inside !== '' && inside.split(path.sep)[0] !== '..' && !path.isAbsolute(inside);
}

/**
 * The file the handler serves for `url`: appFileFor's, with every symbolic
 * link resolved (realpath, in the renderer folder's own path too), and only
 * when that real file is a file inside the real renderer folder. A link that
 * leads out, directly or through a linked folder, is refused like `..`.
 * Electron's fs reads inside app.asar too, so this holds in a packaged app.
 */
export async function resolveAppFile(url: string, root: string): Promise<string | null> {
  const file = appFileFor(url, root);
  if (!file) return null;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!isInside(realRoot, realFile)) return null;
    return (await stat(realFile)).isFile() ? realFile : null;
  } catch {
    // Not there, a link loop, or unreadable: nothing to serve.
    return null;
  }
}
