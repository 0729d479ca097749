import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from '../test-support/bundle-worker';
import { damagePageOf } from '../test-support/damage';
import { coreWithEnterprise, tempDir } from '../test-support/temp-db';
import { copyDatabase, type CopyOptions } from './copy';

const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');
const writers: ChildProcess[] = [];

afterEach(() => {
  for (const writer of writers.splice(0)) writer.kill('SIGKILL');
});

/**
 * Another process writing as fast as it can: each transaction sets two
 * settings to the same new number, so a copy that caught half a transaction
 * (or mixed two moments) would hold two different numbers.
 */
function startWriter(file: string): Promise<ChildProcess> {
  const script = `
    const Database = require(${JSON.stringify(betterSqlite)});
    const db = new Database(${JSON.stringify(file)}, { timeout: 5000 });
    const set = db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    const write = db.transaction((n) => { set.run('pair-a', String(n)); set.run('pair-b', String(n)); });
    let n = 0;
    write.immediate(++n);
    process.stdout.write('ready\\n');
    for (;;) write.immediate(++n);
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  writers.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the writer exited with ${code}`)));
  });
}

/** About 6 MB of rows, so a copy takes many steps. */
function fill(db: Database.Database): void {
  const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (let index = 0; index < 3000; index += 1) insert.run(`filler-${index}`, JSON.stringify('x'.repeat(2000)));
  })();
}

function readCopy(file: string) {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const value = (key: string) => (copy.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
    return {
      integrity: copy.pragma('integrity_check', { simple: true }),
      journalMode: copy.pragma('journal_mode', { simple: true }),
      pair: [value('pair-a'), value('pair-b')],
      fillers: copy.prepare("SELECT count(*) FROM settings WHERE key LIKE 'filler-%'").pluck().get(),
      enterprise: copy.prepare('SELECT name FROM enterprise').pluck().get(),
    };
  } finally {
    copy.close();
  }
}

// The server makes its copies in the copy worker (a thread with a connection of its own); the app and the command line here.
let copyWorker: { script: string; remove: () => void };
beforeAll(async () => {
  copyWorker = await bundleWorker('src/main/backups/copy-worker.ts', 'copy-worker');
}, 60_000);
afterAll(() => copyWorker?.remove());

describe.each([
  ['on this thread', () => ({})],
  ['in the copy worker', () => ({ copyWorker: copyWorker.script })],
] as [string, () => CopyOptions][])('copyDatabase: the online backup, %s', (_where, where) => {
  it('makes a consistent copy while another process writes in a loop, and while this connection writes too', async () => {
    const core = await coreWithEnterprise();
    const databasePath = core.db.name;
    fill(core.db);
    await startWriter(databasePath);
    const folder = tempDir();

    for (let round = 1; round <= 3; round += 1) {
      const target = path.join(folder, `copy-${round}.db`);
      // Our own writes between steps are carried into the copy; the other process's restart it.
      const ownWrites = setInterval(() => core.db.prepare("INSERT INTO settings (key, value) VALUES ('own', '1') ON CONFLICT (key) DO UPDATE SET value = value + 1").run(), 1);
      const copied = await copyDatabase(core.db, target, { ...where(), pagesPerStep: 20 }).finally(() => clearInterval(ownWrites));
      expect(copied).toMatchObject({ ok: true, value: { path: target } });

      const copy = readCopy(target);
      expect(copy.integrity).toBe('ok');
      expect(copy.journalMode).toBe('delete');
      expect(copy.pair[0]).not.toBeNull();
      expect(copy.pair[0]).toBe(copy.pair[1]);
      expect(copy.fillers).toBe(3000);
      expect(copy.enterprise).toBe('Northwind');
    }
    // Only the copies: no temporary file, no -wal or -shm beside them.
    expect(fs.readdirSync(folder).sort()).toEqual(['copy-1.db', 'copy-2.db', 'copy-3.db']);
  }, 30_000);

  it('replaces an existing file whole, or with replace: false leaves it and says so', async () => {
    const core = await coreWithEnterprise();
    const folder = tempDir();
    const target = path.join(folder, 'roster-backup.db');
    fs.writeFileSync(target, 'an older file');
    expect((await copyDatabase(core.db, target, { ...where(), replace: false })).ok).toBe(false);
    expect(fs.readFileSync(target, 'utf8')).toBe('an older file');
    expect(await copyDatabase(core.db, target, where())).toMatchObject({ ok: true });
    expect(readCopy(target).enterprise).toBe('Northwind');
    expect(fs.readdirSync(folder)).toEqual(['roster-backup.db']);
  });

  it('names the path and the reason when it cannot write, and leaves nothing behind', async () => {
    const core = await coreWithEnterprise();
    const target = path.join(tempDir(), 'no-such-folder', 'backup.db');
    expect(await copyDatabase(core.db, target, where())).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: `Could not back up to ${target}: its folder does not exist. Choose a folder that exists.` },
    });
  });

  it('tells its progress step by step, and a cancel part way removes the partial copy and keeps nothing', async () => {
    const core = await coreWithEnterprise();
    fill(core.db);
    const folder = tempDir();
    const steps: [number, number][] = [];
    const cancel = new AbortController();
    const copied = await copyDatabase(core.db, path.join(folder, 'whole.db'), { ...where(), pagesPerStep: 200, onProgress: (done, total) => steps.push([done, total]) });
    expect(copied.ok).toBe(true);
    expect(steps.length).toBeGreaterThan(5);
    expect(steps.at(-1)![0]).toBe(steps.at(-1)![1]);

    const cancelled = await copyDatabase(core.db, path.join(folder, 'cancelled.db'), {
      ...where(),
      pagesPerStep: 50,
      signal: cancel.signal,
      onProgress: (done) => done >= 200 && cancel.abort(),
    });
    expect(cancelled).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'Backup cancelled, nothing was saved.' } });
    expect(fs.readdirSync(folder)).toEqual(['whole.db']);
  }, 30_000);

  it('keeps no copy of a damaged database, and says what its check found', async () => {
    const folder = tempDir();
    const core = await coreWithEnterprise();
    fill(core.db);
    const file = core.db.name;
    core.close();
    damagePageOf(file, 'settings');
    const reopened = new Database(file);
    try {
      const copied = await copyDatabase(reopened, path.join(folder, 'backup.db'), where());
      expect(copied).toMatchObject({ ok: false, error: { code: 'DAMAGED' } });
      expect(copied.ok || copied.error.message).toContain('the backup was not kept');
      expect(fs.readdirSync(folder)).toEqual([]);
    } finally {
      reopened.close();
    }
  }, 30_000);
});

