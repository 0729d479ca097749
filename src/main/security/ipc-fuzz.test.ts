import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channels, contract } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { registerIpc, type IpcEventLike, type IpcMainLike } from '../ipc/register';
import { createSenderCheck } from '../ipc/trusted-sender';
import { coreWithEnterprise } from '../test-support/temp-db';
import { reportFigures } from './test-support/figures';
import { malformedPayloads, objectOf } from './test-support/malformed';

const APP_URL = 'file:///opt/Roster/resources/app/out/renderer/index.html';
const appFrame: IpcEventLike = { senderFrame: { url: `${APP_URL}#/licenses` } };
const PER_CHANNEL = 60;
const SEED = 20260301;

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

/** Main's IPC side as Electron wires it (register + the real sender check), over a fake ipcMain. */
async function wiredCore() {
  const core = await coreWithEnterprise();
  // Something for every area to change, so a write that slipped through would show.
  for (const name of ['Engineering', 'Sales']) await core.invoke('orgs:create', { name });
  await core.invoke('teams:create', { name: 'Admins', role: 'admin' });
  await core.invoke('members:add', { email: 'ana@acme.example', name: 'Ana Lima' });
  await core.invoke('domains:add', { domain: 'acme.example' });
  const listeners = new Map<string, Listener>();
  const ipcMain: IpcMainLike = { handle: (channel, listener) => listeners.set(channel, listener), removeHandler: (channel) => listeners.delete(channel) };
  registerIpc(ipcMain, core.dispatch, createSenderCheck(APP_URL));
  const call = async (channel: string, event: IpcEventLike, payload: unknown) => (await listeners.get(channel)!(event, payload)) as Result<unknown>;
  return { core, call };
}

/** The database file's bytes after every committed page is back in it: equal hashes, equal databases. */
function fileHash(core: Awaited<ReturnType<typeof wiredCore>>['core']): string {
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  return createHash('sha256').update(fs.readFileSync(core.db.name)).digest('hex');
}

describe('IPC under fuzz', () => {
  it('every channel takes an object (or nothing) and refuses unknown keys', () => {
    const loose = channels.filter((channel) => {
      const object = objectOf(contract[channel].input);
      return !object || !object.strict;
    });
    expect(loose).toEqual([]);
  });

  it(`answers ${PER_CHANNEL} malformed payloads on every channel with INVALID_INPUT, and the database stays byte-for-byte the same`, async () => {
    const { core, call } = await wiredCore();
    const before = fileHash(core);
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    let tried = 0;
    const accepted: string[] = [];
    for (const [index, channel] of channels.entries()) {
      const payloads = fc.sample(malformedPayloads(contract[channel].input), { numRuns: PER_CHANNEL, seed: SEED + index });
      for (const payload of payloads) {
        tried += 1;
        const result = await call(channel, appFrame, payload);
        if (result.ok || result.error.code !== 'INVALID_INPUT') {
          accepted.push(`${channel} ${JSON.stringify(payload)?.slice(0, 200)} -> ${JSON.stringify(result).slice(0, 200)}`);
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(fileHash(core)).toBe(before);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(tried).toBeGreaterThanOrEqual(50 * channels.length);
    reportFigures('ipc-fuzz', { surface: 'IPC', tried, accepted: accepted.length, notes: { channels: channels.length, perChannel: PER_CHANNEL, seed: SEED } });
  }, 60_000);

  it('refuses every channel from a foreign frame, even with a valid payload, changing nothing', async () => {
    const { core, call } = await wiredCore();
    const before = fileHash(core);
    const strangers: IpcEventLike[] = [
      { senderFrame: { url: 'https://evil.example/' } },
      { senderFrame: { url: 'file:///tmp/evil/index.html' } },
      { senderFrame: { url: `${APP_URL}?inject=1` } },
      { senderFrame: { url: 'about:blank' } },
      { senderFrame: { url: 'devtools://devtools/bundled/inspector.html' } },
      { senderFrame: null },
    ];
    const valid: Partial<Record<(typeof channels)[number], unknown>> = { 'orgs:create': { name: 'Injected' }, 'seats:set': { seats: 1 }, 'scim:createToken': { name: 'Stolen' } };
    let refused = 0;
    for (const channel of channels) {
      for (const stranger of strangers) {
        const result = await call(channel, stranger, valid[channel]);
        expect(result, channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        refused += 1;
      }
    }
    expect(fileHash(core)).toBe(before);
    reportFigures('ipc-foreign-frame', { surface: 'IPC (foreign sender frame)', tried: refused, accepted: 0, notes: { channels: channels.length, frames: strangers.length } });
  });
});
