import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import { EVENT_CHANNEL, type EventMessage } from '@shared/ipc/contract';
import type { MenuCommand } from '@shared/menu-commands';
import type { RecentDatabase } from '@shared/schemas/app';
import type { Connected, RecentServer } from '@shared/schemas/servers';
import type { Result } from '@shared/result';
import { buildMenuTemplate } from './menu';

export interface AppMenuOptions {
  version: string;
  recent: () => RecentDatabase[];
  openRecent: (file: string) => Promise<Result<string | null>>;
  clearRecent: () => void;
  recentServers: () => RecentServer[];
  openRecentServer: (address: string) => Promise<Result<Connected>>;
  /** A recent server's sign-in ended: sign in again in the browser. */
  signInAgain: (address: string) => Promise<Result<Connected>>;
  installCommand: () => Promise<void>;
}

const DOCS = { readme: 'README.md', scim: path.join('docs', 'SCIM.md') } as const;

/** The documentation shipped with the app (electron-builder's extraResources), or the project's own in development. */
function documentationFile(page: keyof typeof DOCS): string {
  const base = app.isPackaged ? path.join(process.resourcesPath, 'docs') : app.getAppPath();
  return app.isPackaged ? path.join(base, path.basename(DOCS[page])) : path.join(base, DOCS[page]);
}

function targetWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
}

function sendToWindow(command: MenuCommand): void {
  const window = targetWindow();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
  const message: EventMessage<'menu'> = { event: 'menu', payload: { command } };
  window.webContents.send(EVENT_CHANNEL, message);
}

function showBox(box: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue> {
  const window = targetWindow();
  return window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box);
}

/**
 * File → Open Recent → a server: reconnects with its kept sign-in; one that
 * has ended (run out, revoked, none kept) is said so, with a button to sign
 * in again in the browser.
 */
export async function reopenServer(options: Pick<AppMenuOptions, 'openRecentServer' | 'signInAgain'>, address: string): Promise<void> {
  const opened = await options.openRecentServer(address);
  // The window starts on Licenses: the page it showed belonged to the other store.
  if (opened.ok) return sendToWindow('go:licenses');
  if (opened.error.code !== 'UNAUTHENTICATED') {
    await showBox({ type: 'warning', message: 'Roster cannot connect to that server', detail: opened.error.message });
    return;
  }
  const { response } = await showBox({
    type: 'info',
    message: 'Sign in again',
    detail: opened.error.message,
    buttons: ['Sign In with Your Browser', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (response !== 0) return;
  const signedIn = await options.signInAgain(address);
  if (signedIn.ok) sendToWindow('go:licenses');
  else await showBox({ type: 'warning', message: 'Roster did not sign in', detail: signedIn.error.message });
}

/** Builds the application menu and builds it again whenever the recent list changes. */
export function installAppMenu(options: AppMenuOptions): () => void {
  app.setAboutPanelOptions({ applicationName: 'Roster', applicationVersion: options.version, version: options.version });
  const install = () => {
    const template = buildMenuTemplate({
      platform: process.platform,
      isDevelopment: !app.isPackaged,
      appName: 'Roster',
      recent: options.recent(),
      recentServers: options.recentServers(),
      actions: {
        send: sendToWindow,
        openRecent: (file) => {
          void options.openRecent(file).then((result) => {
            if (!result.ok) {
              const window = targetWindow();
              const box = { type: 'warning' as const, message: 'Roster cannot open that database', detail: result.error.message };
              void (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
              install();
            }
          });
        },
        openRecentServer: (address) => void reopenServer(options, address).then(install),
        installCommand: () => void options.installCommand(),
        clearRecent: () => {
          options.clearRecent();
          install();
        },
        openDocumentation: (page) => {
          const file = documentationFile(page);
          if (fs.existsSync(file)) void shell.openPath(file);
          else dialog.showErrorBox('Documentation not found', `Roster expected its documentation at ${file}.`);
        },
        showAbout: () => app.showAboutPanel(),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  install();
  return install;
}
