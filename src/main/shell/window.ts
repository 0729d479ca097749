import path from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import type { IpcEventLike } from '../ipc/register';
import { appUrlFor } from './app-url';
import { denyWindowOpen } from './external-links';
import { guardEveryWebContents } from './navigation-guard';
import { isPermissionGranted } from './permissions';
import { createSenderCheck, isAppPage } from '../ipc/trusted-sender';

/** The built renderer's folder, which `roster://app/` serves (shell/app-protocol-electron.ts). */
export const rendererRoot = path.join(__dirname, '../renderer');

/** The page the window may show (shell/app-url.ts): the built renderer, or `npm run dev`'s Vite server. */
function appUrl(): string {
  return appUrlFor({ isPackaged: app.isPackaged, devBuild: import.meta.env.DEV, devServerUrl: process.env.ELECTRON_RENDERER_URL });
}

/** Every web contents, the window's and any other, stays on the app page (shell/navigation-guard.ts). */
export function lockDownWebContents(): void {
  guardEveryWebContents(app, (url) => isAppPage(url, appUrl()), denyWindowOpen);
}

/** An IPC call is answered only when it comes from the app's own page. */
export const isTrustedSender = (event: IpcEventLike): boolean => createSenderCheck(appUrl())(event);

/** No permission (camera, notifications, geolocation ...) is granted, but clipboard writes by the app's page (shell/permissions.ts). */
export function lockDownSession(): void {
  session.defaultSession.setPermissionRequestHandler((webContents, permission, callback) =>
    callback(isPermissionGranted(permission, webContents.getURL(), appUrl())),
  );
  session.defaultSession.setPermissionCheckHandler((webContents, permission) => isPermissionGranted(permission, webContents?.getURL(), appUrl()));
}

/** Where a new window opens (shell/window-state.ts): its bounds, maximised or not, and the screen it shows. */
export interface WindowPlacement {
  bounds?: { x?: number; y?: number; width: number; height: number };
  maximized?: boolean;
  /** An app route such as "#/teams/4", already checked by window-state's sanitizeRoute. */
  route?: string | null;
}

export function createMainWindow(preloadPath: string, placement: WindowPlacement = {}): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    ...placement.bounds,
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
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // A middle click opens a link as a new window would: setWindowOpenHandler denies it like window.open.
      // Also asked off at the source (Electronegativity's AUXCLICK check); whether Electron 45's Chromium still
      // honours this flag is not verified here, so nothing relies on it.
      disableBlinkFeatures: 'Auxclick',
    },
  });

  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });

  // No navigation away, no new windows, no webviews: guarded like every web contents (lockDownWebContents).
  void window.loadURL(`${appUrl()}${placement.route ?? ''}`);
  return window;
}
