import { channels } from '@shared/ipc/contract';
import { fail } from '@shared/result';
import type { Dispatch } from './dispatch';

/** The part of an IPC event the checks read; Electron's IpcMainInvokeEvent has it. */
export interface IpcEventLike {
  senderFrame: { url: string } | null;
}

/** The part of Electron's ipcMain that registering needs, so it is tested without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/**
 * Registers one handler per contract channel, and no other. Each refuses a call
 * from a frame that is not the app's own before the payload is even read.
 * Returns a function that removes them all.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isTrustedSender: (event: IpcEventLike) => boolean,
): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload) => {
      if (!isTrustedSender(event)) {
        return fail('FORBIDDEN', 'This request did not come from a Roster window and was refused.');
      }
      return dispatch(channel, payload);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
