/** What the guard needs of one navigation event: where to, in which frame, and how to stop it. */
export interface NavigationEventLike {
  url: string;
  isMainFrame?: boolean;
  preventDefault(): void;
}

/** The parts of an Electron WebContents the guard uses (injected, so tests pass plain objects). */
export interface GuardedContents {
  getType(): string;
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (details: NavigationEventLike) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface AppLike {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
}

/**
 * The window shows the app and nothing else, and so does any other web
 * contents that ever comes to exist (a window opened some other way, a frame,
 * a view): guarded as each is created, not only the main window.
 *
 * - a navigation away from the app page (`will-navigate`, `will-redirect`, and
 *   `will-frame-navigate`, which also covers frames inside the page) is stopped;
 *   a frame inside the page may not navigate at all (the page has none);
 * - `<webview>` is never attached;
 * - `window.open` and target=_blank go to `onWindowOpen`, which denies the
 *   window (shell/external-links.ts may hand an allow-listed page to the system browser).
 *
 * The developer tools (development runs only) navigate among their own pages:
 * they keep the webview and window rules, not the navigation one.
 */
export function guardEveryWebContents(app: AppLike, isAppPage: (url: string) => boolean, onWindowOpen: (details: { url: string }) => { action: 'deny' }): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(onWindowOpen);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    if (contents.getType() === 'devtools') return;
    const stayOnAppPage = (details: NavigationEventLike) => {
      if (details.isMainFrame === false || !isAppPage(details.url)) details.preventDefault();
    };
    contents.on('will-navigate', stayOnAppPage);
    contents.on('will-redirect', stayOnAppPage);
    contents.on('will-frame-navigate', stayOnAppPage);
  });
}
