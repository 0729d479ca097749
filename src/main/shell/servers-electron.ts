import { safeStorage, shell } from 'electron';
import { signInNative } from '../remote/native-sign-in';
import { openRemoteCore } from '../remote/remote-core';
import { createDesktopServers, type DesktopServers } from '../servers/desktop';
import { askServerWhoAmI } from '../servers/who-am-i';
import { openSignInPage } from './external-links';
import { createSaveFile } from './save-dialog';

/**
 * The desktop app's servers (servers/desktop.ts) with Electron's real parts:
 * safeStorage for the kept sign-ins, the system browser for signing in
 * (only the server's own page), and the remote core of remote/.
 */
export function electronDesktopServers(dataDir: string): DesktopServers {
  return createDesktopServers({
    dataDir,
    safeStorage: {
      isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
      encryptString: (text) => safeStorage.encryptString(text),
      decryptString: (encrypted) => safeStorage.decryptString(encrypted),
      // Linux only (it names the keyring in use, or basic_text without one); asked after the app is ready.
      ...(process.platform === 'linux' ? { getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend() } : {}),
    },
    openBrowser: openSignInPage,
    signInNative: (options) => signInNative(options),
    whoAmI: askServerWhoAmI,
    // On a server, this computer still saves files: an offline copy of the server goes where the save dialog says.
    openRemote: (server, token) =>
      openRemoteCore({ server, token, mode: 'electron', host: { saveFile: createSaveFile(), showItemInFolder: (file) => shell.showItemInFolder(file) } }),
  });
}
