import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../core';
import { bundleWorker } from '../test-support/bundle-worker';
import { tempDir } from '../test-support/temp-db';
import { value } from '../test-support/seats-helpers';

interface Attempt {
  email: string;
  ok: boolean;
  code: string | null;
}

let worker = '';
let removeWorker = () => undefined as void;

/** Bundles the real services into one script a plain `node` process can run (a folder of its own per test run). */
beforeAll(async () => {
  const bundled = await bundleWorker('src/main/test-support/race-worker.ts', 'race-worker');
  worker = bundled.script;
  removeWorker = bundled.remove;
}, 60_000);
afterAll(() => removeWorker());

function startWorker(database: string, prefix: string, attempts: number, kind: 'member' | 'invitation' | 'signup' | 'claim') {
  const child = spawn(process.execPath, [worker, database, prefix, String(attempts), kind], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.startsWith('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker ${prefix} exited with ${code} before it was ready`)));
  });
  const done = new Promise<Attempt[]>((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`worker ${prefix} exited with ${code}`));
      resolve(output.split('\n').slice(1).filter(Boolean).map((line) => JSON.parse(line) as Attempt));
    });
  });
  return { child, ready, done };
}

function go(children: ChildProcess[]) {
  for (const child of children) child.stdin!.write('go\n');
}

function openStore(database: string, name: string) {
  return openCore({
    databasePath: database,
    actor: { type: 'cli', name },
    host: { info: { version: 'race', mode: 'cli', databasePath: database, canChooseDatabase: false } },
  });
}

describe('seats under concurrency', () => {
  it('several processes racing for the last free seats of one file never overbook a single seat', async () => {
    const database = path.join(tempDir(), 'roster.db');
    const setup = openStore(database, 'setup');
    value(await setup.invoke('enterprise:create', { name: 'Race', seats: 20 }));
    for (let i = 0; i < 10; i += 1) value(await setup.invoke('members:add', { email: `early-${i}@race.test` }));
    setup.close();

    // Ten seats free; six processes try to take 36 between them, members and invitations mixed.
    const workers = ['a', 'b', 'c', 'd', 'e', 'f'].map((prefix, index) => startWorker(database, prefix, 6, index % 2 === 0 ? 'member' : 'invitation'));
    await Promise.all(workers.map((w) => w.ready));
    go(workers.map((w) => w.child));
    const attempts = (await Promise.all(workers.map((w) => w.done))).flat();

    expect(attempts).toHaveLength(36);
    const taken = attempts.filter((attempt) => attempt.ok);
    const refused = attempts.filter((attempt) => !attempt.ok);
    expect(taken).toHaveLength(10);
    expect(new Set(refused.map((attempt) => attempt.code))).toEqual(new Set(['NO_FREE_SEATS']));
    // More than one process got seats: the race was real, not one process after another.
    expect(new Set(taken.map((attempt) => attempt.email.split('-')[0])).size).toBeGreaterThan(1);

    const check = openStore(database, 'check');
    expect(value(await check.invoke('seats:usage'))).toMatchObject({ seats: 20, inUse: 20, free: 0 });
    const holders = value(await check.invoke('seats:list', { limit: 100 })).rows.map((row) => row.email);
    expect(holders.sort()).toEqual([...taken.map((attempt) => attempt.email), ...Array.from({ length: 10 }, (_, i) => `early-${i}@race.test`)].sort());
    check.close();
  }, 60_000);

  it('domain capture and claims racing for the last free seats never overbook one: the sign-ups left over wait for a seat', async () => {
    const database = path.join(tempDir(), 'roster.db');
    const setup = openStore(database, 'setup');
    value(await setup.invoke('enterprise:create', { name: 'Race', seats: 20 }));
    for (let i = 0; i < 10; i += 1) value(await setup.invoke('members:add', { email: `early-${i}@race.test` }));
    const domain = value(await setup.invoke('domains:add', { domain: 'race.test' }));
    value(setup.services.domains.recordLookup(domain.id, { kind: 'records', records: [domain.record.value] }, { type: 'cli', name: 'setup' }));
    // The accounts to claim signed up before capture was on: unmanaged.
    const claimers = ['ca', 'cb', 'cc'];
    for (const prefix of claimers) {
      for (let i = 0; i < 6; i += 1) value(setup.services.members.recordSignup(`${prefix}-${i}@race.test`, '', { type: 'import', name: 'setup' }));
    }
    value(await setup.invoke('domains:setCapture', { id: domain.id, on: true }));
    setup.close();

    // Ten seats free; three processes sign up 18 new accounts on the captured domain while three claim 18 unmanaged ones.
    const workers = [
      ...['sa', 'sb', 'sc'].map((prefix) => startWorker(database, prefix, 6, 'signup')),
      ...claimers.map((prefix) => startWorker(database, prefix, 6, 'claim')),
    ];
    await Promise.all(workers.map((w) => w.ready));
    go(workers.map((w) => w.child));
    const attempts = (await Promise.all(workers.map((w) => w.done))).flat();

    expect(attempts).toHaveLength(36);
    const taken = attempts.filter((attempt) => attempt.ok);
    expect(taken).toHaveLength(10);
    const refusedSignups = attempts.filter((attempt) => !attempt.ok && attempt.email.startsWith('s'));
    const refusedClaims = attempts.filter((attempt) => !attempt.ok && attempt.email.startsWith('c'));
    // 18 of each kind for 10 seats: at least 8 of each are turned away, sign-ups to the waiting list.
    expect(new Set(refusedSignups.map((attempt) => attempt.code))).toEqual(new Set(['captured:waiting']));
    expect(new Set(refusedClaims.map((attempt) => attempt.code))).toEqual(new Set(['NO_FREE_SEATS']));
    expect(new Set(taken.map((attempt) => attempt.email.split('-')[0])).size).toBeGreaterThan(1);

    const check = openStore(database, 'check');
    expect(value(await check.invoke('seats:usage'))).toMatchObject({ seats: 20, members: 20, inUse: 20, free: 0 });
    const holders = value(await check.invoke('seats:list', { limit: 100 })).rows.map((row) => row.email);
    expect(holders.sort()).toEqual([...taken.map((attempt) => attempt.email), ...Array.from({ length: 10 }, (_, i) => `early-${i}@race.test`)].sort());
    // Every sign-up that found no seat waits for one; nobody who holds a seat does.
    const waiting = value(await check.invoke('domains:unmanaged', { waitingOnly: true, limit: 100 })).rows.map((row) => row.email);
    expect(waiting.sort()).toEqual(refusedSignups.map((attempt) => attempt.email).sort());
    check.close();
  }, 60_000);
});

