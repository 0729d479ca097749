import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isAppPage } from '../ipc/trusted-sender';
import { APP_PAGE_URL } from './app-protocol';
import { guardEveryWebContents, type AppLike, type GuardedContents } from './navigation-guard';

/** A web contents as Electron's events reach it: listeners by name, and the window-open handler it was given. */
class FakeContents extends EventEmitter {
  windowOpen: ((details: { url: string }) => { action: 'deny' }) | null = null;
  constructor(readonly type = 'window') {
    super();
  }
  getType() {
    return this.type;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.windowOpen = handler;
  }
  /** Emits `name` with an event for `url`; whether a listener stopped it. */
  tries(name: string, url: string, isMainFrame = true): boolean {
    let stopped = false;
    this.emit(name, { url, isMainFrame, preventDefault: () => (stopped = true) });
    return stopped;
  }
}

function guarded(type?: string) {
  const app = new EventEmitter();
  const opened: string[] = [];
  guardEveryWebContents(app as unknown as AppLike, (url) => isAppPage(url, APP_PAGE_URL), ({ url }) => {
    opened.push(url);
    return { action: 'deny' };
  });
  const contents = new FakeContents(type);
  app.emit('web-contents-created', {}, contents as unknown as GuardedContents);
  return { contents, opened };
}

describe('guardEveryWebContents', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('stops %s away from the app page, in any web contents', (name) => {
    for (const type of ['window', 'browserView', 'webview', 'remote']) {
      const { contents } = guarded(type);
      expect(contents.tries(name, 'https://evil.example/'), `${name} in a ${type}`).toBe(true);
      expect(contents.tries(name, 'file:///etc/passwd')).toBe(true);
      expect(contents.tries(name, 'roster://app/other.html')).toBe(true);
      expect(contents.tries(name, `${APP_PAGE_URL}#/teams/4`)).toBe(false);
    }
  });

  it('stops every navigation of a frame inside the page, even to the app page', () => {
    const { contents } = guarded();
    expect(contents.tries('will-frame-navigate', APP_PAGE_URL, false)).toBe(true);
  });

  it('refuses webviews and hands window.open to the one handler, which denies the window', () => {
    const { contents, opened } = guarded();
    expect(contents.tries('will-attach-webview', 'about:blank')).toBe(true);
    expect(contents.windowOpen?.({ url: 'https://docs.example/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.example/']);
  });

  it('leaves the developer tools to navigate themselves, still without new windows or webviews', () => {
    const { contents } = guarded('devtools');
    expect(contents.tries('will-navigate', 'devtools://devtools/bundled/inspector.html')).toBe(false);
    expect(contents.tries('will-attach-webview', 'about:blank')).toBe(true);
    expect(contents.windowOpen?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});
