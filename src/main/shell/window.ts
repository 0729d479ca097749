import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';
import type { IpcEventLike } from '../ipc/register';

const rendererIndex = path.join(__dirname, '../renderer/index.html');

/** The page the window may show: the built renderer, or Vite's dev server in development. */
function appUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(rendererIndex).href;
}

function isAppUrl(url: string): boolean {
  const base = appUrl();
  if (url === base) return true;
  try {
    const target = new URL(url);
    const expected = new URL(base);
    return target.origin === expected.origin && target.pathname === expected.pathname;
  } catch {
    return false;
  }
}

/** An IPC call is answered only when it comes from the app's own page. */
export function isTrustedSender(event: IpcEventLike): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}

/** No permission (camera, notifications, geolocation ...) is ever granted to the page. */
export function lockDownSession(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Roster',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });

  window.once('ready-to-show', () => window.show());

  // The window shows the app and nothing else: no navigation away, no new windows.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  void window.loadURL(appUrl());
  return window;
}
