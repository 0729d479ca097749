import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';

const FILTERS: Electron.FileFilter[] = [
  { name: 'Roster backup', extensions: ['db', 'sqlite'] },
  { name: 'All files', extensions: ['*'] },
];

const windowOrNone = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];

/** Host.chooseBackupFile: the platform's save dialog, in the folder the last backup went to (Documents the first time). */
export async function chooseBackupFile(suggestedName: string, lastFolder: string | null): Promise<string | undefined> {
  const window = windowOrNone();
  const options: Electron.SaveDialogOptions = {
    title: 'Back up the database',
    defaultPath: path.join(lastFolder ?? app.getPath('documents'), path.basename(suggestedName)),
    filters: FILTERS,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const picked = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return picked.canceled || !picked.filePath ? undefined : picked.filePath;
}

/** Host.chooseRestoreFile: the platform's open dialog for a backup to restore from. */
export async function chooseRestoreFile(): Promise<string | undefined> {
  const window = windowOrNone();
  const options: Electron.OpenDialogOptions = { title: 'Restore from a backup', properties: ['openFile'], filters: FILTERS };
  const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return picked.canceled ? undefined : picked.filePaths[0];
}
