import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { createFileSaver } from '../exports/save-file';

const FILTERS: Record<string, Electron.FileFilter> = {
  '.csv': { name: 'CSV spreadsheet', extensions: ['csv'] },
};

/** The platform's own save dialog, over the app's window; undefined when the person cancels. */
async function askWhereToSave(defaultPath: string): Promise<string | undefined> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const filter = FILTERS[path.extname(defaultPath).toLowerCase()];
  const options: Electron.SaveDialogOptions = {
    title: 'Save a copy',
    defaultPath,
    filters: filter ? [filter] : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const picked = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return picked.canceled || !picked.filePath ? undefined : picked.filePath;
}

/** Host.saveFile for the desktop app: the dialog here, the atomic write and the remembered folder in exports/save-file. */
export function createSaveFile() {
  return createFileSaver({ ask: askWhereToSave, startFolder: () => app.getPath('downloads') });
}
