import type { IpcEventLike } from './register';

/**
 * Whether `url` is the app's own page: for a built app, exactly the renderer's
 * index.html on the app's own scheme (`roster://app/index.html`, any #route, no
 * query); for the dev server, its origin and path.
 */
export function isAppPage(url: string, appUrl: string): boolean {
  let target: URL;
  let expected: URL;
  try {
    target = new URL(url);
    expected = new URL(appUrl);
  } catch {
    return false;
  }
  if (expected.protocol === 'http:' || expected.protocol === 'https:') {
    return target.origin === expected.origin && target.pathname === expected.pathname;
  }
  // A scheme WHATWG URL does not know has no origin ("null"): compare its parts.
  return (
    target.protocol === expected.protocol &&
    target.host === expected.host &&
    target.pathname === expected.pathname &&
    target.search === '' &&
    target.username === '' &&
    target.password === ''
  );
}

/** The sender check for IPC: only the app's own page may call main. */
export function createSenderCheck(appUrl: string): (event: IpcEventLike) => boolean {
  return (event) => {
    const url = event.senderFrame?.url;
    return typeof url === 'string' && isAppPage(url, appUrl);
  };
}

/**
 * Whether `url` may be the development server the window loads (electron-vite's
 * ELECTRON_RENDERER_URL, unpackaged runs only): plain http on this machine's
 * loopback. Any other address in that variable is ignored, never trusted for IPC.
 */
export function isLoopbackDevServer(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
