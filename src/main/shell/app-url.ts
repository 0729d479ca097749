import { isLoopbackDevServer } from '../ipc/trusted-sender';
import { APP_PAGE_URL } from './app-protocol';

/** What decides the page the window loads, injected so it is tested without Electron. */
export interface AppUrlSources {
  /** Electron's app.isPackaged. */
  isPackaged: boolean;
  /** Whether this main process was built by `electron-vite dev` (import.meta.env.DEV, fixed at build time). */
  devBuild: boolean;
  /** ELECTRON_RENDERER_URL, which electron-vite dev sets to its Vite server. */
  devServerUrl: string | undefined;
}

/**
 * The page the window may show and IPC trusts: the built renderer on the app's
 * own scheme, or the Vite dev server, only in a development build that is not
 * packaged (`npm run dev`). An environment variable alone never decides it: a
 * production build, packaged or run from a checkout, ignores
 * ELECTRON_RENDERER_URL, and a dev server that is not plain http on loopback is
 * ignored everywhere.
 */
export function appUrlFor({ isPackaged, devBuild, devServerUrl }: AppUrlSources): string {
  const devServer = !isPackaged && devBuild ? devServerUrl : undefined;
  return devServer && isLoopbackDevServer(devServer) ? devServer : APP_PAGE_URL;
}
