import { describe, expect, it, vi } from 'vitest';
import { channels } from '@shared/ipc/contract';
import { ok } from '@shared/result';
import { registerIpc, type IpcEventLike, type IpcMainLike } from './register';

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

const appFrame: IpcEventLike = { senderFrame: { url: 'file:///app/out/renderer/index.html' } };
const strangerFrame: IpcEventLike = { senderFrame: { url: 'https://evil.example/' } };
const isTrusted = (event: IpcEventLike) => event.senderFrame?.url === appFrame.senderFrame!.url;

describe('registerIpc', () => {
  it('registers exactly the contract channels, and removes them all again', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const unregister = registerIpc(ipcMain, vi.fn(), isTrusted);
    expect([...handlers.keys()].sort()).toEqual([...channels].sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('passes a call from the app frame to dispatch, payload untouched', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispatch = vi.fn(async () => ok('listed'));
    registerIpc(ipcMain, dispatch, isTrusted);
    expect(await handlers.get('orgs:list')!(appFrame, { any: 'thing' })).toEqual(ok('listed'));
    expect(dispatch).toHaveBeenCalledWith('orgs:list', { any: 'thing' });
  });

  it('refuses a call from any other frame before dispatch sees it', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispatch = vi.fn();
    registerIpc(ipcMain, dispatch, isTrusted);
    for (const event of [strangerFrame, { senderFrame: null }]) {
      expect(await handlers.get('orgs:create')!(event, { name: 'X' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });
});
