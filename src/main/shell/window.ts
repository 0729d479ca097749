import path from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import type { IpcEventLike } from '../ipc/register';
import { APP_PAGE_URL } from './app-protocol';
import { denyWindowOpen } from './external-links';
import { isPermissionGranted } from './permissions';
import { createSenderCheck, isAppPage, isLoopbackDevServer } from '../ipc/trusted-sender';

/** The built renderer's folder, which `roster://app/` serves (shell/app-protocol-electron.ts). */
export const rendererRoot = path.join(__dirname, '../renderer');

/**
 * The page the window may show: the built renderer on the app's own scheme, or
 * in development (never in a packaged app) the Vite dev server electron-vite
 * names in ELECTRON_RENDERER_URL.
 */
function appUrl(): string {
  const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  return devServer && isLoopbackDevServer(devServer) ? devServer : APP_PAGE_URL;
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

  // The window shows the app and nothing else: no navigation away, no new windows.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppPage(url, appUrl())) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isAppPage(url, appUrl())) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(denyWindowOpen);
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  void window.loadURL(`${appUrl()}${placement.route ?? ''}`);
  return window;
}
