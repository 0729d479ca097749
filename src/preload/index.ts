import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, isChannel, isEventName } from '@shared/ipc/channels';
import type { EventMessage, RosterApi } from '@shared/ipc/contract';
import { fail } from '@shared/result';

// The whole surface the page gets: invoke on a contract channel, and on(event).
// No ipcRenderer, no Node, no channel the contract does not name. Payloads are
// validated in main, so this file needs the channel names only, not the schemas.
const api: RosterApi = {
  invoke(channel, ...args) {
    if (!isChannel(channel)) return Promise.resolve(fail('INVALID_INPUT', `Unknown request "${String(channel)}".`));
    return ipcRenderer.invoke(channel, args[0]);
  },
  on(event, listener) {
    if (!isEventName(event)) return () => {};
    const wrapped = (_event: IpcRendererEvent, message: EventMessage) => {
      if (message.event === event) listener(message.payload as Parameters<typeof listener>[0]);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
