import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../core';
import { value } from '../test-support/seats-helpers';
import { bundleWorker } from '../test-support/bundle-worker';
import { tempDir } from '../test-support/temp-db';

let worker = '';
let removeWorker = () => undefined as void;

/** Bundles the real services into one script a plain `node` process can run (a folder of its own per test run). */
beforeAll(async () => {
  const bundled = await bundleWorker('src/main/test-support/import-worker.ts', 'import-worker');
  worker = bundled.script;
  removeWorker = bundled.remove;
}, 60_000);
afterAll(() => removeWorker());

const BATCH = 50;
const EVENTS = 20_000;

function open(databasePath: string) {
  return openCore({ databasePath, actor: { type: 'cli', name: 'test' }, host: { info: { version: 'test', mode: 'cli', databasePath, canChooseDatabase: false } } });
}

describe('an import killed part way', () => {
  it('leaves whole batches only, and importing the file again finishes it', async () => {
    const dir = tempDir();
    const databasePath = path.join(dir, 'roster.db');
    const setup = open(databasePath);
    value(await setup.invoke('enterprise:create', { name: 'Acme', seats: 10 }));
    setup.close();
    const file = path.join(dir, 'signups.ndjson');
    const lines = Array.from({ length: EVENTS }, (_, index) => JSON.stringify({ type: 'signup', email: `user${index}@example.org`, at: '2026-01-01T00:00:00Z' }));
    fs.writeFileSync(file, `${lines.join('\n')}\n`);

    const child = spawn(process.execPath, [worker, databasePath, file, String(BATCH)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    for await (const line of createInterface({ input: child.stdout! })) {
      // Kill it without warning once it has committed a few batches.
      if (Number(line) >= BATCH * 3) {
        child.kill('SIGKILL');
        break;
      }
    }
    await exited;

    const after = open(databasePath);
    const accounts = after.db.prepare('SELECT count(*) FROM accounts').pluck().get() as number;
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(accounts).toBeGreaterThanOrEqual(BATCH * 3);
    expect(accounts).toBeLessThan(EVENTS);
    expect(accounts % BATCH).toBe(0);

    const again = value(await after.importEvents({ fileName: 'signups.ndjson', totalBytes: null, open: () => fs.createReadStream(file) }));
    expect(again.accountsCreated).toBe(EVENTS - accounts);
    expect(after.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(EVENTS);
    after.close();
  }, 120_000);
});
