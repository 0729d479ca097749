import { screenOfCommand, type MenuCommand } from '@shared/menu-commands';
import { useBusyStore } from '../stores/busy-store';
import { requestImport } from './event-import';
import { usePaletteStore } from '../stores/palette-store';
import { useConnectStore } from '../stores/connect-store';
import { api } from './api';
import { backUpWithNotice, chooseDatabaseWithNotice, exportReportWithNotice, takeOfflineCopyWithNotice } from './app-actions';
import { isMacPlatform, isPaletteShortcut } from './shortcuts';

function goTo(hash: string): void {
  window.location.hash = hash;
}

/** Runs what an application menu item asks for, as the matching button on screen would. */
export function runMenuCommand(command: MenuCommand): void {
  const screen = screenOfCommand(command);
  if (screen) return goTo(`#/${screen}`);
  switch (command) {
    case 'command-palette':
      return usePaletteStore.getState().show();
    case 'new-database':
      return void chooseDatabaseWithNotice('create');
    case 'open-database':
      return void chooseDatabaseWithNotice('open');
    case 'connect-server':
      return useConnectStore.getState().show();
    case 'backup':
      return void useBusyStore.getState().run('Backing up the database…', backUpWithNotice);
    case 'offline-copy':
      return void useBusyStore.getState().run('Taking an offline copy…', takeOfflineCopyWithNotice);
    case 'export-report':
      goTo('#/reports');
      return void exportReportWithNotice();
    case 'import-events':
      // The Activity screen shows the import's progress, with Cancel; in browser mode its file picker opens.
      goTo('#/reports');
      return requestImport();
  }
}

/** Follows the application menu (desktop app) and the palette's shortcut (every mode). Returns a stop function. */
export function followMenuAndShortcuts(): () => void {
  const stopMenu = api.on('menu', ({ command }) => runMenuCommand(command));
  const mac = isMacPlatform();
  const onKeyDown = (event: KeyboardEvent) => {
    if (!isPaletteShortcut(event, mac)) return;
    event.preventDefault();
    usePaletteStore.getState().show();
  };
  window.addEventListener('keydown', onKeyDown);
  return () => {
    stopMenu();
    window.removeEventListener('keydown', onKeyDown);
  };
}
