import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { ScimError } from './errors';
import { BUSY_GIVE_UP_MS, createWriteQueue, MAX_BATCH } from './group-commit';

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A scratch database, and a queue whose batches run when the test says (flush), not on setImmediate. */
function setup() {
  const db = new Database(':memory:');
  open.push(db);
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE seats (id INTEGER PRIMARY KEY, holder TEXT NOT NULL UNIQUE);
    CREATE TABLE parents (id INTEGER PRIMARY KEY);
    CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);`);
  let pending: (() => void) | null = null;
  const writes = createWriteQueue(db, (flush) => (pending = flush));
  const flush = () => {
    const run = pending;
    pending = null;
    run?.();
  };
  const holders = () => db.prepare('SELECT holder FROM seats ORDER BY id').pluck().all();
  const take = (holder: string) => () => db.prepare('INSERT INTO seats (holder) VALUES (?)').run(holder).lastInsertRowid;
  const settled = <T>(promise: Promise<T>) => promise.then((value) => ({ ok: true as const, value }), (error: Error) => ({ ok: false as const, error: error.message }));
  return { db, writes, flush, holders, take, settled };
}

/** A file database whose write lock another connection ("another process") holds; the queue's batches run when the test says. */
function lockedByAnother() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roster-group-commit-')), 'busy.db');
  const db = new Database(file);
  const other = new Database(file);
  open.push(db, other);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 0');
  db.exec('CREATE TABLE seats (id INTEGER PRIMARY KEY, holder TEXT NOT NULL UNIQUE)');
  const flushes: (() => void)[] = [];
  const writes = createWriteQueue(db, (flush) => flushes.push(flush));
  other.exec('BEGIN IMMEDIATE');
  return { db, other, writes, flushes };
}

describe('group commit of SCIM writes', () => {
  it('runs the writes of one batch in order, in one transaction, each seeing the ones before it', async () => {
    const { db, writes, flush, take } = setup();
    const seen: unknown[] = [];
    const answers = [
      writes.run(take('ana')),
      writes.run(() => {
        seen.push(db.inTransaction, db.prepare('SELECT count(*) FROM seats').pluck().get());
        return 'second';
      }),
      writes.run(take('bo')),
    ];
    expect(db.prepare('SELECT count(*) FROM seats').pluck().get()).toBe(0);
    flush();
    expect(await Promise.all(answers)).toEqual([1, 'second', 2]);
    expect(seen).toEqual([true, 1]);
    expect(db.inTransaction).toBe(false);
  });

  it('answers nobody before the commit', async () => {
    const { writes, flush, take } = setup();
    let answered = false;
    const answer = writes.run(take('ana')).then(() => (answered = true));
    await Promise.resolve();
    expect(answered).toBe(false);
    flush();
    await answer;
    expect(answered).toBe(true);
  });

  it('undoes only the write that failed, which alone gets its error; the rest commit', async () => {
    const { writes, flush, holders, take, settled } = setup();
    const answers = [
      settled(writes.run(take('ana'))),
      settled(
        writes.run(() => {
          take('cy')();
          take('ana')(); // taken: UNIQUE fails after cy was written
        }),
      ),
      settled(
        writes.run(() => {
          throw new Error('refused');
        }),
      ),
      settled(writes.run(take('bo'))),
    ];
    flush();
    expect(await Promise.all(answers)).toEqual([
      { ok: true, value: 1 },
      { ok: false, error: expect.stringContaining('UNIQUE') },
      { ok: false, error: 'refused' },
      { ok: true, value: 2 },
    ]);
    expect(holders()).toEqual(['ana', 'bo']);
  });

  it('answers every write of the batch with the error when the commit fails, and keeps nothing', async () => {
    const { db, writes, flush, holders, take, settled } = setup();
    const answers = [
      settled(writes.run(take('ana'))),
      settled(writes.run(() => db.prepare('INSERT INTO children (parent_id) VALUES (42)').run().changes)), // checked only at COMMIT
      settled(
        writes.run(() => {
          throw new Error('refused on its own');
        }),
      ),
    ];
    flush();
    const settledAnswers = await Promise.all(answers);
    expect(settledAnswers.every((answer) => !answer.ok && /FOREIGN KEY/.test(answer.error))).toBe(true);
    expect(holders()).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM children').pluck().get()).toBe(0);
    expect(db.inTransaction).toBe(false);
    // The queue goes on: the next batch commits.
    const next = writes.run(take('bo'));
    flush();
    expect(await next).toBe(1);
  });

  it('fails the whole batch, and runs nothing after, when SQLite gives up the transaction midway', async () => {
    const { db, writes, flush, holders, take, settled } = setup();
    let ranAfter = false;
    const answers = [
      settled(writes.run(take('ana'))),
      settled(writes.run(() => db.exec('ROLLBACK'))), // as an I/O error or a full disk would
      settled(writes.run(() => ((ranAfter = true), take('bo')()))),
    ];
    flush();
    expect((await Promise.all(answers)).map((answer) => answer.ok)).toEqual([false, false, false]);
    expect(ranAfter).toBe(false);
    expect(holders()).toEqual([]);
  });

  it('splits a crowd into transactions of at most MAX_BATCH, answered in order', async () => {
    const { writes, flush, holders, take } = setup();
    const count = MAX_BATCH * 2 + 3;
    const answers = Array.from({ length: count }, (_, index) => writes.run(take(`user${index}`)));
    // One batch per turn: reads are answered in between.
    flush();
    expect(holders()).toHaveLength(MAX_BATCH);
    flush();
    flush();
    expect(await Promise.all(answers)).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    expect(holders()).toHaveLength(count);
  });

  it('waits for another process\'s write lock and tries again; nothing of the batch ran meanwhile', async () => {
    // The pause before trying again is the test's to end, not the wall clock's.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    onTestFinished(() => void vi.useRealTimers());
    const { db, other, writes, flushes } = lockedByAnother();
    const answer = writes.run(() => db.prepare("INSERT INTO seats (holder) VALUES ('ana')").run().changes);
    flushes.shift()!();
    expect(db.inTransaction).toBe(false);
    expect(flushes).toHaveLength(0);
    // Tried again after a pause, once the other process has let go.
    other.exec('COMMIT');
    vi.runOnlyPendingTimers();
    expect(flushes).toHaveLength(1);
    flushes.shift()!();
    expect(await answer).toBe(1);
  });

  it('answers 503 when another process keeps the write lock past BUSY_GIVE_UP_MS, and goes on with the next writes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    onTestFinished(() => void vi.useRealTimers());
    const { db, other, writes, flushes } = lockedByAnother();
    const clock = vi.spyOn(Date, 'now');
    clock.mockReturnValue(1_000);
    const answer = writes.run(() => 'never').catch((error: ScimError) => error.status);
    flushes.shift()!();
    clock.mockReturnValue(1_000 + BUSY_GIVE_UP_MS);
    vi.runOnlyPendingTimers();
    expect(flushes).toHaveLength(1);
    flushes.shift()!();
    expect(await answer).toBe(503);
    clock.mockRestore();
    other.exec('COMMIT');
    const next = writes.run(() => db.prepare("INSERT INTO seats (holder) VALUES ('bo')").run().changes);
    flushes.shift()!();
    expect(await next).toBe(1);
  });

  it('by default gathers the writes of one turn of the event loop', async () => {
    const db = new Database(':memory:');
    open.push(db);
    db.exec('CREATE TABLE seats (id INTEGER PRIMARY KEY, holder TEXT NOT NULL)');
    const writes = createWriteQueue(db);
    const ran: string[] = [];
    const write = (name: string) => () => {
      ran.push(name);
      return db.prepare('INSERT INTO seats (holder) VALUES (?)').run(name).changes;
    };
    const first = writes.run(write('a')).then(() => [...ran]);
    void writes.run(write('b'));
    void writes.run(write('c'));
    expect(await first).toEqual(['a', 'b', 'c']);
  });
});
