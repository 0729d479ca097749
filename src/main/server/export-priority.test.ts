import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_NICE } from '../jobs/thread-priority';
import { bundleWorker } from '../test-support/bundle-worker';
import { value } from '../test-support/seats-helpers';
import { coreWithEnterprise } from '../test-support/temp-db';
import { threadNiceValues } from '../test-support/thread-nice';
import { openExportReader } from './export-reader';

let exportWorker: { script: string; remove: () => void };
beforeAll(async () => {
  exportWorker = await bundleWorker('src/main/server/export-worker.ts', 'export-worker');
}, 60_000);
afterAll(() => exportWorker?.remove());

const spools = () => new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('roster-export-')));

async function withMembers() {
  const core = await coreWithEnterprise();
  for (const name of ['ada', 'grace', 'edsger']) value(await core.invoke('members:add', { email: `${name}@acme.com` }));
  const at = { asOf: new Date().toISOString(), rule: core.services.settings.current().reportRule };
  return { core, at };
}

describe('an export in the export worker', () => {
  it('reads its moment whole at once, so the WAL is not held while the client reads, and keeps that moment', async () => {
    const { core, at } = await withMembers();
    const before = spools();
    const reader = openExportReader(core.db.name, { kind: 'report', at, bom: false }, exportWorker.script);
    expect(reader.thread).toBe('worker');
    await reader.begun;
    let csv = (await reader.next())!.text;
    // The first piece comes once every piece is spooled: the read transaction is over, and a
    // checkpoint can empty the WAL (a reader still in its moment would keep it: busy 1).
    value(await core.invoke('members:add', { email: 'after@acme.com' }));
    expect(core.db.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
    for (let piece = await reader.next(); piece !== null; piece = await reader.next()) csv += piece.text;
    reader.close();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(csv).toContain('grace@acme.com');
    expect(csv).not.toContain('after@acme.com');
    await expect.poll(spools).toEqual(before);
  }, 30_000);

  it('removes its spool file when the client goes away part way', async () => {
    const { core, at } = await withMembers();
    const before = spools();
    const reader = openExportReader(core.db.name, { kind: 'report', at, bom: false }, exportWorker.script);
    await reader.begun;
    await reader.next();
    expect(spools().size).toBe(before.size + 1);
    reader.close();
    await expect.poll(spools).toEqual(before);
  }, 30_000);

  it.runIf(process.platform === 'linux')('hands its pieces over at the lowest priority, the server thread untouched', async () => {
    const { core, at } = await withMembers();
    const ownNice = os.getPriority(0);
    const lowered = () => threadNiceValues().filter((nice) => nice === BACKGROUND_NICE).length;
    const before = lowered();
    const reader = openExportReader(core.db.name, { kind: 'report', at, bom: false }, exportWorker.script);
    await reader.begun;
    await reader.next();
    // Spooled, it waits for the server to ask for the next piece at the lowest priority.
    expect(lowered()).toBe(before + 1);
    reader.close();
    expect(os.getPriority(0)).toBe(ownNice);
  }, 30_000);
});
