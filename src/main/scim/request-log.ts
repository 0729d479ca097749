import type { ScimRequest, ScimRequestsInput } from '@shared/schemas/scim';
import { DAY_MS } from '@shared/time';
import type { Db } from '../db/open';
import { containsPattern } from '../db/like';
import { redactSecrets } from './redact';

/** How long requests are kept (docs/RULES.md, S5). */
export const REQUEST_LOG_DAYS = 30;
const PRUNE_EVERY = 1000;
/**
 * Requests are written together, a moment after they end: one commit (and its
 * fsync, with synchronous = FULL) for many requests rather than one each, which
 * halved the cost of a SCIM write and was most of the cost of a read
 * (docs/PERFORMANCE.md). Reading the log writes what is waiting first.
 */
const FLUSH_AFTER_MS = 50;
const FLUSH_AT = 200;

export interface LoggedRequest {
  at: string;
  tokenName: string | null;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  detail: string | null;
}

/** Every SCIM request, kept 30 days: written as each one ends, listed and filtered on the SCIM screen. */
export function createRequestLog(db: Db, now: () => Date) {
  const insert = db.prepare(
    'INSERT INTO scim_requests (at, token_name, method, path, status, duration_ms, detail) VALUES (@at, @tokenName, @method, @path, @status, @durationMs, @detail)',
  );
  const prune = db.prepare('DELETE FROM scim_requests WHERE at < ?');
  let written = 0;
  let waiting: LoggedRequest[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const writeAll = db.transaction((requests: LoggedRequest[]) => {
    for (const request of requests) {
      insert.run(request);
      written += 1;
      if (written % PRUNE_EVERY === 1) prune.run(new Date(now().getTime() - REQUEST_LOG_DAYS * DAY_MS).toISOString());
    }
  });

  /** Writes the requests waiting, in one transaction. A database busy past its timeout loses them, never an answer. */
  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return;
    const requests = waiting;
    waiting = [];
    try {
      writeAll(requests);
    } catch {
      // Busy with another process's write: these lines are lost, as one line was before.
    }
  }

  return {
    record(request: LoggedRequest): void {
      // A token a client put in the URL or a filter is never stored (redact.ts).
      waiting.push({ ...request, path: redactSecrets(request.path), detail: redactSecrets(request.detail) });
      if (waiting.length >= FLUSH_AT) flush();
      else if (!timer) {
        timer = setTimeout(flush, FLUSH_AFTER_MS);
        timer.unref?.();
      }
    },

    /** Writes what is waiting now: before the log is read, and as the server stops. */
    flush,

    prune(): number {
      flush();
      return prune.run(new Date(now().getTime() - REQUEST_LOG_DAYS * DAY_MS).toISOString()).changes;
    },

    list(input: ScimRequestsInput): { rows: ScimRequest[]; total: number } {
      flush();
      const conditions: string[] = [];
      const params: Record<string, unknown> = {};
      if (input.search.trim()) {
        conditions.push("(path LIKE @pattern ESCAPE '\\' OR lower(coalesce(token_name, '')) LIKE @pattern ESCAPE '\\' OR lower(coalesce(detail, '')) LIKE @pattern ESCAPE '\\')");
        params.pattern = containsPattern(input.search);
      }
      if (input.outcome === 'ok') conditions.push('status < 400');
      if (input.outcome === 'failed') conditions.push('status >= 400');
      if (input.method) {
        conditions.push('method = @method');
        params.method = input.method;
      }
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const rows = db
        .prepare(
          `SELECT id, at, token_name AS tokenName, method, path, status, duration_ms AS durationMs, detail FROM scim_requests ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit: input.limit, offset: input.offset }) as ScimRequest[];
      const total = db.prepare(`SELECT count(*) FROM scim_requests ${where}`).pluck().get(params) as number;
      return { rows, total };
    },
  };
}

export type RequestLog = ReturnType<typeof createRequestLog>;
