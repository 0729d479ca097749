import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { EVENT_CHANNEL, type EventMessage } from '@shared/ipc/contract';
import { ok, type Result } from '@shared/result';
import { version } from '../../package.json';
import { adoptDatabase, adoptRecentDatabase } from './app/database-choice';
import { listRecentDatabases, rememberRecentDatabase } from './app/recent-databases';
import { backupsFolder } from './backups/names';
import { INTERACTIVE_BUSY, openCore, type Core } from './core';
import { findElectronBinding } from './db/native-binding';
import { registerIpc } from './ipc/register';
import { openLog } from './logging/logger';
import { osUserName } from './os-user';
import { defaultDatabasePath, updateLocalSettings, userDataDir } from './paths';
import { cliArgumentsOf, runCliInApp } from './cli/in-app';
import { createCoreSwitch } from './servers/core-switch';
import type { DesktopServers } from './servers/desktop';
import type { ConnectInput } from './servers/connect';
import { installAppMenu, reopenServer } from './shell/app-menu';
import { offerRosterCommand } from './shell/install-command-electron';
import { electronDesktopServers } from './shell/servers-electron';
import { registerAppScheme, serveAppFiles } from './shell/app-protocol-electron';
import { askAfterOpenFailure } from './shell/open-failure';
import { openRememberedWindow } from './shell/remember-window';
import { chooseBackupFile, chooseRestoreFile } from './shell/backup-dialogs';
import { chooseCompareFile } from './shell/compare-dialog';
import { createSaveFile } from './shell/save-dialog';
import { isTrustedSender, lockDownSession, lockDownWebContents, rendererRoot } from './shell/window';

// App lifecycle and windows only: everything else lives in the core, which runs without Electron.

/** Started as the `roster` command (Help → Install 'roster' Command in PATH…): the command line, no window. */
const cliArguments = cliArgumentsOf(process.argv);
const dataDir = userDataDir();
// roster.log in the same folder, shared with browser mode and the command line.
const log = openLog({ source: cliArguments ? 'cli' : 'app', dir: dataDir });

/** --db FILE (or --db=FILE) on the command line wins over the database chosen in Settings. */
function databaseArgument(argv: string[]): string | undefined {
  const index = argv.findIndex((arg) => arg === '--db' || arg.startsWith('--db='));
  if (index < 0) return undefined;
  const arg = argv[index]!;
  return arg === '--db' ? argv[index + 1] : arg.slice('--db='.length);
}

let core: Core | undefined;
/** Opens the main window where it last was; set once the store is open. */
let openWindow: (() => void) | undefined;
/** The Roster servers the window may work on instead of its database (File → Connect to a Server…). */
let servers: DesktopServers | undefined;
/** Builds the application menu again (its recent databases and servers); set once it is installed. */
let rebuildMenu: (() => void) | undefined;

/** Restarts on the database just adopted, once the running jobs have stopped or finished and the store is closed. */
async function relaunchWithoutDbArgument(): Promise<void> {
  await core?.settleJobs();
  core?.close();
  const args = process.argv.slice(1).filter((arg, index, all) => arg !== '--db' && all[index - 1] !== '--db' && !arg.startsWith('--db='));
  app.relaunch({ args });
  app.exit(0);
}

/** Asks for a file with the platform's own dialog, over the app's window. */
async function askForDatabaseFile(intent: 'open' | 'create'): Promise<string | undefined> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const filters = [{ name: 'Roster database', extensions: ['db', 'sqlite'] }];
  if (intent === 'open') {
    const options: Electron.OpenDialogOptions = { title: 'Open a Roster database', properties: ['openFile'], filters };
    const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return picked.canceled ? undefined : picked.filePaths[0];
  }
  const options: Electron.SaveDialogOptions = { title: 'Create a Roster database', defaultPath: 'roster.db', filters };
  const picked = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return picked.canceled ? undefined : picked.filePath;
}

/** An event file to import (docs/RULES.md, E1), chosen in the platform's own dialog. */
async function askForImportFile(): Promise<string | undefined> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options: Electron.OpenDialogOptions = {
    title: 'Import activity events',
    properties: ['openFile'],
    filters: [
      { name: 'Event files', extensions: ['ndjson', 'jsonl', 'json', 'csv'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return picked.canceled ? undefined : picked.filePaths[0];
}

async function chooseDatabase(intent: 'open' | 'create'): Promise<Result<string | null>> {
  const file = await askForDatabaseFile(intent);
  if (!file) return ok(null);
  const adopted = adoptDatabase(file, dataDir, { nativeBinding: nativeBinding() });
  // Let the answer reach the page before the app restarts on the new file, and on it from then on, not on a server.
  if (adopted.ok) {
    servers?.useDatabase();
    setTimeout(() => void relaunchWithoutDbArgument(), 200);
  }
  return adopted;
}

async function openRecent(file: string): Promise<Result<string | null>> {
  const adopted = adoptRecentDatabase(file, dataDir, { nativeBinding: nativeBinding() });
  if (adopted.ok) {
    servers?.useDatabase();
    setTimeout(() => void relaunchWithoutDbArgument(), 200);
  }
  return adopted;
}

/** Connecting changes the recent servers: the menu's Open Recent is built again. */
async function connectServer(input: ConnectInput) {
  const connected = await servers!.host.connectServer(input);
  rebuildMenu?.();
  return connected;
}

async function openRecentServer(address: string) {
  const connected = await servers!.host.openRecentServer(address);
  rebuildMenu?.();
  return connected;
}

function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const found = findElectronBinding(app.getAppPath());
  if ('error' in found) throw new Error(found.error);
  return found.path;
}

function broadcast(message: EventMessage): void {
  for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, message);
}

async function start(): Promise<void> {
  await app.whenReady();
  lockDownSession();
  serveAppFiles(rendererRoot);
  const databasePath = path.resolve(databaseArgument(process.argv) ?? defaultDatabasePath(dataDir));
  const desktopServers = electronDesktopServers(dataDir);
  servers = desktopServers;
  try {
    core = openCore({
      databasePath,
      nativeBinding: nativeBinding(),
      actor: { type: 'app', name: osUserName() },
      host: {
        // Read at every app:info: on a server, it names the server and the admin signed in there with their role.
        get info() {
          const server = desktopServers.server();
          return { version, mode: 'electron' as const, databasePath, canChooseDatabase: true, ...(server ? { server } : {}) };
        },
        connectServer,
        recentServers: desktopServers.recent,
        openRecentServer,
        cancelServerSignIn: desktopServers.host.cancelServerSignIn,
        chooseDatabase,
        saveFile: createSaveFile(),
        showItemInFolder: (file) => shell.showItemInFolder(file),
        logFile: log.file,
        chooseImportFile: askForImportFile,
        chooseBackupFile,
        chooseRestoreFile,
        chooseCompareFile,
        recentDatabases: () => listRecentDatabases(dataDir, databasePath),
        openRecentDatabase: openRecent,
      },
      backupsDir: backupsFolder(dataDir, databasePath),
      watchIntervalMs: 1000,
      ...INTERACTIVE_BUSY,
      logError: log.error,
    });
  } catch (error) {
    log.error(error, 'opening the database');
    const choice = await askAfterOpenFailure((error as Error).message);
    if (choice !== 'quit') {
      const adopted = await chooseDatabase(choice);
      // On success chooseDatabase restarts the app on the new file.
      if (adopted.ok && adopted.value) return;
      if (!adopted.ok) dialog.showErrorBox('Roster cannot open that database', adopted.error.message);
    }
    app.exit(1);
    return;
  }
  log.logger.info({ version, databasePath }, 'The app opened its database');
  rememberRecentDatabase(dataDir, databasePath);
  const menuServers = { openRecentServer, signInAgain: (address: string) => connectServer({ address, method: 'browser' }) };
  rebuildMenu = installAppMenu({
    version,
    recent: () => listRecentDatabases(dataDir, databasePath),
    openRecent,
    clearRecent: () => {
      updateLocalSettings(dataDir, { recentDatabases: [databasePath] });
      desktopServers.clearRecent();
    },
    recentServers: desktopServers.recent,
    ...menuServers,
    installCommand: offerRosterCommand,
  });
  // One dispatch for the window, registered once: it answers from the database, or from a server once connected.
  const cores = createCoreSwitch(core, broadcast);
  desktopServers.attach(cores);
  registerIpc(ipcMain, cores.dispatch, isTrustedSender);

  // Back on the server the app worked on when it closed, before the window shows the database instead; a server
  // that does not answer within a few seconds is waited for no longer (the window then switches when it does).
  const resumeAddress = desktopServers.resumeAddress();
  if (resumeAddress) {
    const resuming = reopenServer(menuServers, resumeAddress);
    await Promise.race([resuming, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }

  const preload = path.join(__dirname, '../preload/index.js');
  openWindow = () => openRememberedWindow(preload, dataDir, log.error);
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow?.();
  });
}

/** Set once quitting has begun: a second start then opens no window. */
let quitting = false;

/** The desktop app: its scheme, guards, lifecycle and one instance. */
function runDesktop(): void {
  app.setPath('userData', dataDir);
  // Before the app is ready, as Electron requires: the window's page comes from roster://app/.
  registerAppScheme();
  // Before any window exists, so that every web contents is guarded as it is created.
  lockDownWebContents();
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quitting waits for long jobs: a report or backup in progress is cancelled (its
  // temporary file removed), a restore is let finish (jobs.ts, settle).
  let jobsSettled = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (!core || jobsSettled) return;
    event.preventDefault();
    void core.settleJobs().finally(() => {
      jobsSettled = true;
      app.quit();
    });
  });
  app.on('will-quit', () => core?.close());

  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    app.on('second-instance', () => {
      const [window] = BrowserWindow.getAllWindows();
      if (window) {
        if (window.isMinimized()) window.restore();
        window.focus();
      } else if (!quitting) {
        // Every window closed (macOS keeps running): Roster started again opens one.
        openWindow?.();
      }
    });
    void start();
  }
}

if (cliArguments) {
  // The roster command runs in this process and opens no window (nor a Dock icon).
  app.dock?.hide();
  void runCliInApp(cliArguments).then((status) => app.exit(status));
} else {
  runDesktop();
}
