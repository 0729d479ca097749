import type { IpcEventLike } from './register';

/**
 * Whether `url` is the app's own page: for a built app, exactly the renderer's
 * index.html file (any #route, no query); for the dev server, its origin and path.
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
  if (expected.protocol === 'file:') {
    return target.protocol === 'file:' && target.host === expected.host && target.pathname === expected.pathname && target.search === '';
  }
  return target.origin === expected.origin && target.pathname === expected.pathname;
}

/** The sender check for IPC: only the app's own page may call main. */
export function createSenderCheck(appUrl: string): (event: IpcEventLike) => boolean {
  return (event) => {
    const url = event.senderFrame?.url;
    return typeof url === 'string' && isAppPage(url, appUrl);
  };
}
