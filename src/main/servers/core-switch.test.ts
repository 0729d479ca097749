import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { EventMessage } from '@shared/ipc/contract';
import { ok } from '@shared/result';
import { registerIpc, type IpcEventLike, type IpcMainLike } from '../ipc/register';
import { answeredHere, createCoreSwitch, type RemoteCoreLike } from './core-switch';

/** A core that answers every call with its own name, and emits what a test tells it to. */
function fakeCore(name: string) {
  const events = new EventEmitter();
  return {
    name,
    emit: (event: string, payload: unknown) => events.emit(event, payload),
    listeners: () => events.listenerCount('changed'),
    dispatch: vi.fn(async (channel: unknown) => ok({ answeredBy: name, channel })),
    on: (event: string, listener: (payload: unknown) => void) => {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
    close: vi.fn(),
  };
}

/** Electron's ipcMain, as registerIpc uses it: the handlers kept by channel, called as a window would. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: (channel) => void handlers.delete(channel) };
  const call = (channel: string, payload?: unknown) => handlers.get(channel)!({ senderFrame: { url: 'roster://app/' } }, payload);
  return { ipcMain, call, handlers };
}

describe('switching the window between the local core and a server’s', () => {
  it('answers every call through the one registered dispatch, from whichever core the window works on', async () => {
    const local = fakeCore('local');
    const remote = fakeCore('remote');
    const sent: EventMessage[] = [];
    const cores = createCoreSwitch(local as unknown as RemoteCoreLike, (message) => sent.push(message));
    const { ipcMain, call } = fakeIpcMain();
    registerIpc(ipcMain, cores.dispatch, () => true);

    expect(await call('teams:list')).toMatchObject({ value: { answeredBy: 'local' } });
    cores.useRemote(remote as unknown as RemoteCoreLike);
    expect(cores.isRemote()).toBe(true);
    expect(await call('teams:list')).toMatchObject({ value: { answeredBy: 'remote' } });
    // This computer's own channels and where the window works stay here.
    expect(await call('app:recentDatabases')).toMatchObject({ value: { answeredBy: 'local' } });
    expect(await call('servers:recent')).toMatchObject({ value: { answeredBy: 'local' } });
    expect(await call('app:info')).toMatchObject({ value: { answeredBy: 'local' } });

    cores.useLocal();
    expect(remote.close).toHaveBeenCalledOnce();
    expect(await call('teams:list')).toMatchObject({ value: { answeredBy: 'local' } });
    // Each switch tells the window that everything changed, so it asks again for what it shows.
    expect(sent.filter((message) => message.event === 'changed')).toEqual([
      { event: 'changed', payload: { areas: ['*'] } },
      { event: 'changed', payload: { areas: ['*'] } },
    ]);
  });

  it('passes on the events of the core the window works on only', () => {
    const local = fakeCore('local');
    const first = fakeCore('first');
    const second = fakeCore('second');
    const sent: EventMessage[] = [];
    const cores = createCoreSwitch(local as unknown as RemoteCoreLike, (message) => sent.push(message));
    cores.useRemote(first as unknown as RemoteCoreLike);
    cores.useRemote(second as unknown as RemoteCoreLike);
    expect(first.close).toHaveBeenCalledOnce();
    sent.length = 0;
    local.emit('changed', { areas: ['teams'] });
    first.emit('changed', { areas: ['orgs'] });
    second.emit('progress', { id: 'job-1' });
    expect(sent).toEqual([{ event: 'progress', payload: { id: 'job-1' } }]);
    expect(local.listeners()).toBe(0);
    cores.close();
    expect(second.close).toHaveBeenCalledOnce();
    expect(second.listeners()).toBe(0);
  });

  it('refuses an unknown channel here, sending nothing to the server', async () => {
    const local = fakeCore('local');
    const remote = fakeCore('remote');
    const cores = createCoreSwitch(local as unknown as RemoteCoreLike, () => undefined);
    cores.useRemote(remote as unknown as RemoteCoreLike);
    await cores.dispatch('nope:nothing', {});
    expect(remote.dispatch).not.toHaveBeenCalled();
    expect(answeredHere('app:chooseDatabase')).toBe(true);
    expect(answeredHere('admins:list')).toBe(false);
  });
});
