import { Worker } from 'node:worker_threads';
import type { Result } from '@shared/result';
import type { CallContext, Dispatch } from '../ipc/dispatch';
import { isWorkerRead } from './read-channels';

/** A query sent to a read worker. */
export interface ReadCall {
  id: number;
  channel: string;
  payload: unknown;
  context?: CallContext;
}

/** A read worker's answer: the Result, or the call handed back to run on the server's thread; or a failure to log. */
export type ReadAnswer = { id: number; result: Result<unknown> } | { id: number; handBack: true } | { log: string };

/** Two workers: the console's reads go on while one reads a large page, and the server's thread keeps a core. */
export const READ_WORKERS = 2;

/** After a worker stops on an error, its slot waits this long before it is started again, doubling up to RESTART_MAX_MS while starts keep failing. */
export const RESTART_FIRST_MS = 1_000;
export const RESTART_MAX_MS = 60_000;

export interface ReadPoolOptions {
  size?: number;
  /** The clock the restart waits are measured by (tests). */
  now?: () => number;
}

interface Reader {
  worker: Worker;
  /** The calls sent and not yet answered: each is settled with its answer, or null to run it on the server's thread. */
  calls: Map<number, (answer: ReadAnswer | null) => void>;
}

/**
 * Runs the console's queries (read-channels.ts) in read workers
 * (read-worker.ts), off the thread that takes SCIM's writes: there, a page of
 * Licenses read on a large store held every SCIM request behind it, and a
 * batch of SCIM writes held every admin's page. Each call goes to the worker
 * with the fewest calls waiting. Every other channel, a call a worker hands
 * back, and every call a worker had when it stopped run on the server's
 * thread through `local`, as before. A worker that stops is started again on
 * a later call; one that stopped on an error (a store it cannot open) only
 * after a wait, 1 s then doubling to a minute while it keeps failing, so a
 * broken start is not paid (and logged) on every call. Until then its calls
 * run on the server's thread.
 */
export function createReadPool(file: string, script: string, local: Dispatch, log: (message: string) => void, { size = READ_WORKERS, now = Date.now }: ReadPoolOptions = {}) {
  const readers: (Reader | null)[] = Array.from({ length: size }, () => null);
  /** Per slot: when it may be started again, and the wait after its next failure. */
  const restart = Array.from({ length: size }, () => ({ notBefore: 0, waitMs: RESTART_FIRST_MS }));
  let nextId = 1;
  let closed = false;

  function start(slot: number): Reader {
    const reader: Reader = { worker: new Worker(script, { workerData: { file } }), calls: new Map() };
    reader.worker.on('message', (answer: ReadAnswer) => {
      if ('log' in answer) return log(answer.log);
      // It answers: it started well, so a later failure waits the shortest time again.
      restart[slot]!.waitMs = RESTART_FIRST_MS;
      reader.calls.get(answer.id)?.(answer);
    });
    const down = (error?: Error) => {
      if (readers[slot] === reader) readers[slot] = null;
      if (error && !closed) {
        const wait = restart[slot]!;
        wait.notBefore = now() + wait.waitMs;
        log(`A read worker stopped: ${error.message} (started again in ${wait.waitMs / 1000} s at the earliest)`);
        wait.waitMs = Math.min(wait.waitMs * 2, RESTART_MAX_MS);
      }
      for (const settle of [...reader.calls.values()]) settle(null);
    };
    reader.worker.once('error', down).once('exit', () => down());
    readers[slot] = reader;
    return reader;
  }

  /** The running worker with the fewest calls waiting (a stopped one started again if its wait is over), or null: none runs. */
  function pick(): Reader | null {
    let best: Reader | null = null;
    for (let slot = 0; slot < readers.length; slot += 1) {
      const reader = readers[slot] ?? (now() >= restart[slot]!.notBefore ? start(slot) : null);
      if (reader && (!best || reader.calls.size < best.calls.size)) best = reader;
    }
    return best;
  }

  // Started now: a worker prepares every service's statements as it starts, which the first admin should not wait for.
  for (let slot = 0; slot < size; slot += 1) start(slot);

  const dispatch: Dispatch = async (channel, payload, context) => {
    if (closed || typeof channel !== 'string' || !isWorkerRead(channel)) return local(channel, payload, context);
    const reader = pick();
    if (!reader) return local(channel, payload, context);
    const id = nextId++;
    const answer = await new Promise<ReadAnswer | null>((resolve) => {
      reader.calls.set(id, (settled) => {
        reader.calls.delete(id);
        resolve(settled);
      });
      reader.worker.postMessage({ id, channel, payload, context } satisfies ReadCall);
    });
    return answer && 'result' in answer ? answer.result : local(channel, payload, context);
  };

  return {
    dispatch,
    /** How many workers run now (tests). */
    running: () => readers.filter(Boolean).length,
    async close(): Promise<void> {
      closed = true;
      await Promise.all(readers.map((reader) => reader?.worker.terminate()));
    },
  };
}

export type ReadPool = ReturnType<typeof createReadPool>;
