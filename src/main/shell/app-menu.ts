import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import { EVENT_CHANNEL, type EventMessage } from '@shared/ipc/contract';
import type { MenuCommand } from '@shared/menu-commands';
import type { RecentDatabase } from '@shared/schemas/app';
import type { Result } from '@shared/result';
import { buildMenuTemplate } from './menu';

export interface AppMenuOptions {
  version: string;
  recent: () => RecentDatabase[];
  openRecent: (file: string) => Promise<Result<string | null>>;
  clearRecent: () => void;
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

/** Builds the application menu and builds it again whenever the recent list changes. */
export function installAppMenu(options: AppMenuOptions): () => void {
  app.setAboutPanelOptions({ applicationName: 'Roster', applicationVersion: options.version, version: options.version });
  const install = () => {
    const template = buildMenuTemplate({
      platform: process.platform,
      isDevelopment: !app.isPackaged,
      appName: 'Roster',
      recent: options.recent(),
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
