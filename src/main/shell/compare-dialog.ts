import { BrowserWindow, dialog } from 'electron';

/** Host.chooseCompareFile: the platform's open dialog for an offline copy or backup to compare (docs/OFFLINE-COPIES.md, "What changed between two copies"). */
export async function chooseCompareFile(): Promise<string | undefined> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options: Electron.OpenDialogOptions = {
    title: 'Choose a Roster file to compare',
    properties: ['openFile'],
    filters: [
      { name: 'Roster file (offline copy or backup)', extensions: ['roster', 'db', 'sqlite'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return picked.canceled ? undefined : picked.filePaths[0];
}
