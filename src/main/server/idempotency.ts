import { createHash } from 'node:crypto';
import { IDEMPOTENCY_WINDOW_MS } from '@shared/ipc/version';
import { fail, type Result } from '@shared/result';
import type { Db } from '../db/open';

/** What an API call answers: its HTTP status and its Result. */
export interface Answer {
  status: number;
  result: Result<unknown>;
}

/** A key is printable ASCII without spaces, 1 to 200 characters (a UUID is 36). */
const KEY = /^[\x21-\x7e]{1,200}$/;

/** Results a retry should not be given again: nothing was changed, and trying again may well succeed. */
const TRANSIENT = new Set(['INTERNAL', 'BUSY', 'UNAVAILABLE']);

/**
 * Commands sent with an `Idempotency-Key` (docs/SERVER.md, "Retries and
 * idempotency keys"): the first call with a key runs and its Result is kept
 * 24 hours with the admin who sent it; the same key again, from the same
 * admin, with the same channel and body, is answered with that Result without
 * running anything; with another channel or body it is refused (422), since
 * the client has mixed up two requests. A call still running when its retry
 * arrives (the answer was lost, not the call) is waited for.
 */
export function createIdempotency(db: Db, now: () => Date = () => new Date()) {
  const find = db.prepare<[string, string, string], { channel: string; request_hash: Buffer; result: string }>(
    'SELECT channel, request_hash, result FROM idempotency_keys WHERE admin_email_key = ? AND key = ? AND created_at >= ?',
  );
  const insert = db.prepare('INSERT OR REPLACE INTO idempotency_keys (admin_email_key, key, channel, request_hash, result, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const prune = db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?');
  const running = new Map<string, { channel: string; hash: Buffer; work: Promise<Answer> }>();
  let prunedAt = 0;

  const hashOf = (channel: string, body: unknown) => createHash('sha256').update(`${channel}\n${JSON.stringify(body ?? null)}`).digest();

  /** Old keys go at most once a minute, as keys are written: the index on created_at makes it cheap. */
  const pruneOld = (at: Date) => {
    if (at.getTime() - prunedAt < 60_000) return;
    prunedAt = at.getTime();
    prune.run(new Date(at.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString());
  };

  const reused = (channel: string): Answer => ({
    status: 422,
    result: fail(
      'INVALID_INPUT',
      `This Idempotency-Key was already used for another request (${channel}) in the last 24 hours; nothing was run. Send a new key with each new request, and the same key only when retrying the same one.`,
    ),
  });

  return {
    /** Whether a header value can be a key; the refusal to answer when not. */
    check(key: string): Result<string> {
      return KEY.test(key) ? { ok: true, value: key } : fail('INVALID_INPUT', 'The Idempotency-Key header must be 1 to 200 printable characters without spaces (a UUID, say).');
    },

    /** Runs `execute` once per admin and key; a repeat gets the kept Result. */
    async run(admin: string, key: string, channel: string, body: unknown, execute: () => Promise<Answer>): Promise<Answer> {
      const adminKey = admin.toLowerCase();
      const id = `${adminKey}\n${key}`;
      const hash = hashOf(channel, body);
      const inFlight = running.get(id);
      if (inFlight) return inFlight.channel === channel && inFlight.hash.equals(hash) ? inFlight.work : reused(inFlight.channel);
      const kept = find.get(adminKey, key, new Date(now().getTime() - IDEMPOTENCY_WINDOW_MS).toISOString());
      if (kept) return kept.channel === channel && kept.request_hash.equals(hash) ? { status: 200, result: JSON.parse(kept.result) as Result<unknown> } : reused(kept.channel);

      const work = execute();
      running.set(id, { channel, hash, work });
      try {
        const answer = await work;
        if (answer.status === 200 && (answer.result.ok || !TRANSIENT.has(answer.result.error.code))) {
          const at = now();
          pruneOld(at);
          insert.run(adminKey, key, channel, hash, JSON.stringify(answer.result), at.toISOString());
        }
        return answer;
      } finally {
        running.delete(id);
      }
    },
  };
}

export type Idempotency = ReturnType<typeof createIdempotency>;
