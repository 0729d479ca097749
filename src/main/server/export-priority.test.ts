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

describe.runIf(process.platform === 'linux')('an export in the export worker', () => {
  it('reads its rows at the lowest priority once its moment is fixed, the server thread untouched', async () => {
    const core = await coreWithEnterprise();
    for (const name of ['ada', 'grace', 'edsger']) value(await core.invoke('members:add', { email: `${name}@acme.com` }));
    const at = { asOf: new Date().toISOString(), rule: core.services.settings.current().reportRule };
    const ownNice = os.getPriority(0);
    const lowered = () => threadNiceValues().filter((nice) => nice === BACKGROUND_NICE).length;
    const before = lowered();

    const reader = openExportReader(core.db.name, { kind: 'report', at, bom: false }, exportWorker.script);
    expect(reader.thread).toBe('worker');
    await reader.begun;
    // Its moment is fixed and the worker now waits for the server to ask for rows: it waits at the lowest priority.
    expect(lowered()).toBe(before + 1);
    let csv = '';
    for (let piece = await reader.next(); piece !== null; piece = await reader.next()) csv += piece.text;
    reader.close();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(csv).toContain('grace@acme.com');
    expect(os.getPriority(0)).toBe(ownNice);
  }, 30_000);
});
