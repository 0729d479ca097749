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
 * back, and every call a worker had when it stopped (it is started again on
 * the next call) run on the server's thread through `local`, as before.
 */
export function createReadPool(file: string, script: string, local: Dispatch, log: (message: string) => void, size = READ_WORKERS) {
  const readers: (Reader | null)[] = Array.from({ length: size }, () => null);
  let nextId = 1;
  let closed = false;

  function start(slot: number): Reader {
    const reader: Reader = { worker: new Worker(script, { workerData: { file } }), calls: new Map() };
    reader.worker.on('message', (answer: ReadAnswer) => {
      if ('log' in answer) log(answer.log);
      else reader.calls.get(answer.id)?.(answer);
    });
    const down = (error?: Error) => {
      if (readers[slot] === reader) readers[slot] = null;
      if (error && !closed) log(`A read worker stopped: ${error.message}`);
      for (const settle of [...reader.calls.values()]) settle(null);
    };
    reader.worker.once('error', down).once('exit', () => down());
    readers[slot] = reader;
    return reader;
  }

  function pick(): Reader {
    let best: Reader | null = null;
    for (let slot = 0; slot < readers.length; slot += 1) {
      const reader = readers[slot] ?? start(slot);
      if (!best || reader.calls.size < best.calls.size) best = reader;
    }
    return best!;
  }

  // Started now: a worker prepares every service's statements as it starts, which the first admin should not wait for.
  for (let slot = 0; slot < size; slot += 1) start(slot);

  const dispatch: Dispatch = async (channel, payload, context) => {
    if (closed || typeof channel !== 'string' || !isWorkerRead(channel)) return local(channel, payload, context);
    const reader = pick();
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
