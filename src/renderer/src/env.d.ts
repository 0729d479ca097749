import type { RosterApi } from '@shared/ipc/contract';

declare global {
  interface Window {
    /** Set by the preload script in Electron; absent in browser mode. */
    api?: RosterApi;
  }
}

export {};
