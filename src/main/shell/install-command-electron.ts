import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { installRosterCommand, type CliLauncher } from '../app/install-command';

/**
 * What the installed `roster` runs: the packaged app's own executable (the
 * AppImage file itself, not its temporary mount), or, run from a checkout,
 * Node on the project's bin/roster.cjs.
 */
function launcher(): CliLauncher {
  if (!app.isPackaged) return { kind: 'checkout', script: path.join(app.getAppPath(), 'bin', 'roster.cjs') };
  return { kind: 'app', executable: process.env.APPIMAGE || process.execPath };
}

/** Help → Install 'roster' Command in PATH…: installs it, and says where, or why not, in a message box. */
export async function offerRosterCommand(): Promise<void> {
  const result = installRosterCommand({
    platform: process.platform,
    home: os.homedir(),
    pathVariable: process.env.PATH,
    launcher: launcher(),
    fs,
    writable: fs.constants.W_OK,
  });
  const box: Electron.MessageBoxOptions = result.ok
    ? { type: 'info', message: 'The ‘roster’ command is installed', detail: result.value.message }
    : { type: result.error.code === 'UNSUPPORTED' ? 'info' : 'warning', message: 'Roster did not install the ‘roster’ command', detail: result.error.message };
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
}
