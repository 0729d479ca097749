import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { openerFor, systemOpener } from './open-browser';

const URL_WITH_AMPERSANDS = 'https://roster.example.com/auth/native/authorize?a=1&b=2';

/** A spawn that records what it was asked and starts (or fails) as told. */
function fakeSpawn(outcome: 'spawn' | 'error') {
  const calls: [string, string[]][] = [];
  const spawnOf = (command: string, args: string[]) => {
    calls.push([command, args]);
    const child = Object.assign(new EventEmitter(), { unref: () => undefined });
    queueMicrotask(() => (outcome === 'spawn' ? child.emit('spawn') : child.emit('error', new Error('ENOENT'))));
    return child;
  };
  return { calls, spawnOf };
}

describe('the OS opener', () => {
  it('names each platform’s opener, with the address as one argument and no shell', () => {
    expect(openerFor(URL_WITH_AMPERSANDS, 'linux')).toEqual(['xdg-open', [URL_WITH_AMPERSANDS]]);
    expect(openerFor(URL_WITH_AMPERSANDS, 'darwin')).toEqual(['open', [URL_WITH_AMPERSANDS]]);
    expect(openerFor(URL_WITH_AMPERSANDS, 'win32')).toEqual(['rundll32.exe', ['url.dll,FileProtocolHandler', URL_WITH_AMPERSANDS]]);
  });

  it('resolves once started, rejects when it cannot start or there is no display', async () => {
    const started = fakeSpawn('spawn');
    await expect(systemOpener('linux', { DISPLAY: ':0' }, started.spawnOf)(URL_WITH_AMPERSANDS)).resolves.toBeUndefined();
    expect(started.calls).toEqual([['xdg-open', [URL_WITH_AMPERSANDS]]]);
    await expect(systemOpener('darwin', {}, fakeSpawn('error').spawnOf)(URL_WITH_AMPERSANDS)).rejects.toThrow('open: ENOENT');
    const headless = fakeSpawn('spawn');
    await expect(systemOpener('linux', {}, headless.spawnOf)(URL_WITH_AMPERSANDS)).rejects.toThrow('no graphical display');
    expect(headless.calls).toEqual([]);
  });
});
