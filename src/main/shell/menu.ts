import type { MenuItemConstructorOptions } from 'electron';
import type { RecentDatabase } from '@shared/schemas/app';
import type { RecentServer } from '@shared/schemas/servers';
import type { MenuCommand } from '@shared/menu-commands';

/** What the menu's items do; index.ts wires these to the window and the core. */
export interface MenuActions {
  /** Asks the window to run a command, as its own button or shortcut would. */
  send(command: MenuCommand): void;
  openRecent(file: string): void;
  /** Reconnects to a recent Roster server with its kept sign-in (servers/desktop.ts). */
  openRecentServer(address: string): void;
  clearRecent(): void;
  /** Help → Install 'roster' Command in PATH… (app/install-command.ts). */
  installCommand(): void;
  openDocumentation(page: 'readme' | 'scim'): void;
  showAbout(): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  /** Reload and developer tools appear only in development, never in a packaged app. */
  isDevelopment: boolean;
  appName: string;
  recent: readonly RecentDatabase[];
  /** Roster servers connected to before, newest first, each with the admin signed in as. */
  recentServers?: readonly RecentServer[];
  actions: MenuActions;
}

/** The screens in the sidebar's order, each with CmdOrCtrl+1 … 8. */
const GO_TO: { command: MenuCommand; label: string }[] = [
  { command: 'go:licenses', label: 'Licenses' },
  { command: 'go:teams', label: 'Teams' },
  { command: 'go:organizations', label: 'Organizations' },
  { command: 'go:domains', label: 'Domains' },
  { command: 'go:reports', label: 'Activity' },
  { command: 'go:scim', label: 'SCIM' },
  { command: 'go:audit', label: 'Audit Log' },
  { command: 'go:settings', label: 'Settings' },
];

const separator: MenuItemConstructorOptions = { type: 'separator' };

function fileName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function recentSubmenu({ recent, recentServers = [], actions, platform }: MenuContext): MenuItemConstructorOptions[] {
  // On Windows and Linux "&" marks a mnemonic: a path such as R&D.db keeps its "&" written twice.
  const literal = (text: string) => (platform === 'darwin' ? text : text.replace(/&/g, '&&'));
  const others = recent.filter((entry) => !entry.current);
  const servers = recentServers.filter((entry) => !entry.current);
  if (others.length === 0 && servers.length === 0) return [{ label: 'No Recent Databases', enabled: false }];
  const databaseItems = others.map(
    (entry): MenuItemConstructorOptions => ({
      // The whole path says which acme.db it is; a missing one says so, and opening it removes it.
      label: literal(`${fileName(entry.path)} — ${entry.path}${entry.exists ? '' : ' (missing)'}`),
      click: () => actions.openRecent(entry.path),
    }),
  );
  // Servers beside the files, each with the admin it was signed in as: the same server may be used as two admins.
  const serverItems = servers.map(
    (entry): MenuItemConstructorOptions => ({
      label: literal(`${entry.host} — ${entry.email}, ${entry.role}${entry.signedIn ? '' : ' (sign in again)'}`),
      click: () => actions.openRecentServer(entry.address),
    }),
  );
  return [
    ...databaseItems,
    ...(databaseItems.length > 0 && serverItems.length > 0 ? [separator] : []),
    ...serverItems,
    separator,
    { label: 'Clear Recent', click: () => actions.clearRecent() },
  ];
}

/**
 * The application menu, as plain data: macOS gets the app menu (About,
 * Settings, Hide, Quit) and a Window menu; Windows and Linux keep Settings and
 * Quit (Exit, on Windows) in File and About in Help.
 */
export function buildMenuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const { platform, isDevelopment, appName, actions } = context;
  const mac = platform === 'darwin';
  const send = (command: MenuCommand) => () => actions.send(command);
  // "&File": Alt+F opens it on Windows and Linux; macOS has no mnemonics.
  const mnemonic = (label: string) => (mac ? label.replace('&', '') : label);
  const settings: MenuItemConstructorOptions = { label: mac ? 'Settings…' : 'Settings', accelerator: 'CmdOrCtrl+,', click: send('go:settings') };
  const about: MenuItemConstructorOptions = { label: `About ${appName}`, click: () => actions.showAbout() };

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [about, separator, settings, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };

  const file: MenuItemConstructorOptions = {
    label: mnemonic('&File'),
    submenu: [
      { label: 'New Enterprise…', accelerator: 'CmdOrCtrl+N', click: send('new-database') },
      { label: 'Open Database…', accelerator: 'CmdOrCtrl+O', click: send('open-database') },
      { label: 'Open Recent', submenu: recentSubmenu(context) },
      { label: 'Connect to a Server…', click: send('connect-server') },
      separator,
      { label: 'Import Activity Events…', accelerator: 'CmdOrCtrl+I', click: send('import-events') },
      { label: 'Export Activity Report…', accelerator: 'CmdOrCtrl+E', click: send('export-report') },
      { label: 'Back Up Database…', accelerator: 'CmdOrCtrl+Shift+S', click: send('backup') },
      { label: 'Take an Offline Copy…', click: send('offline-copy') },
      ...(mac ? [separator, { role: 'close' } as MenuItemConstructorOptions] : [separator, settings, separator, { role: 'quit', label: platform === 'win32' ? 'E&xit' : '&Quit' } as MenuItemConstructorOptions]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: mnemonic('&Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as MenuItemConstructorOptions, { role: 'delete' } as MenuItemConstructorOptions] : [{ role: 'delete' } as MenuItemConstructorOptions]),
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: mnemonic('&View'),
    submenu: [
      ...(isDevelopment ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      // Most keyboards type "+" with Shift: = zooms in too, as in browsers.
      { role: 'zoomIn', accelerator: 'CmdOrCtrl+=', visible: false },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ] as MenuItemConstructorOptions[],
  };

  const go: MenuItemConstructorOptions = {
    label: mnemonic('&Go'),
    submenu: [
      { label: 'Command Palette…', accelerator: 'CmdOrCtrl+K', click: send('command-palette') },
      separator,
      ...GO_TO.map((item, index): MenuItemConstructorOptions => ({ label: item.label, accelerator: `CmdOrCtrl+${index + 1}`, click: send(item.command) })),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: mnemonic('&Help'),
    submenu: [
      { label: `${appName} Documentation`, click: () => actions.openDocumentation('readme') },
      { label: 'Connecting Okta and Entra ID (SCIM)', click: () => actions.openDocumentation('scim') },
      separator,
      // As code editors offer theirs: a terminal then starts Roster's command line without npm.
      { label: 'Install ‘roster’ Command in PATH…', click: () => actions.installCommand() },
      ...(mac ? [] : [separator, about]),
    ],
  };

  return [...(mac ? [appMenu] : []), file, edit, view, go, ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []), help];
}
