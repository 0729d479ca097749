import { safeStorage } from 'electron';
import type { AppInfo } from '@shared/schemas/app';
import type { Result } from '@shared/result';
import { callChannel, unreachable } from '../remote/http-client';
import { signInNative } from '../remote/native-sign-in';
import { openRemoteCore } from '../remote/remote-core';
import { createDesktopServers, type DesktopServers } from '../servers/desktop';
import { whoAmIFrom } from '../servers/who-am-i';
import { openSignInPage } from './external-links';

/** Whom a token signs in as, asked of the server itself (its app:info names the caller). */
async function whoAmI(server: string, token: string) {
  const target = { server: new URL(server), token };
  const reply = await callChannel(target, 'app:info', undefined);
  const answer = reply.reached ? (reply.result as Result<AppInfo>) : unreachable(target.server, reply.error);
  return whoAmIFrom(Promise.resolve(answer), target.server.host);
}

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
    whoAmI,
    openRemote: (server, token) => openRemoteCore({ server, token, mode: 'electron' }),
  });
}
