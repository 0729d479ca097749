import { Readable } from 'node:stream';
import { emailKey } from '@shared/schemas/email';
import { MAX_LISTED_REJECTIONS, type ImportProgress, type ImportSummary, type Rejection } from '@shared/schemas/activity';
import type { Actor } from '@shared/schemas/audit';
import { fail, ok, type Result } from '@shared/result';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import type { MemberService } from '../members/service';
import type { SettingsService } from '../settings/service';
import { checkEvent, type ActivityEvent } from './events';
import { BadFileError, byteCounter, detectFormat, readEvents } from './read-events';
import type { ActivityRepository } from './repository';
import { firstKeptDay, retentionDays } from './retention';

export interface ImportSource {
  /** Shown to the admin and recorded as the actor of every change the import makes. */
  fileName: string;
  totalBytes: number | null;
  open(): Readable;
  /** What to do with the stream once the import is done with it; by default it is destroyed. An upload is drained instead, so its answer can still be sent. */
  release?(stream: Readable): void;
}

export interface ImportOptions {
  /** Stops the import between batches: the batches committed stand, the one being read is dropped. */
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Events a transaction holds. */
  batchSize?: number;
  /** Told of every rejected line once its batch has committed, beyond the first ones the summary lists. */
  onRejection?: (rejection: Rejection) => void;
}

export interface ActivityImporterDeps {
  db: Db;
  members: MemberService;
  activity: ActivityRepository;
  settings: SettingsService;
  audit: AuditRepository;
  now: () => Date;
}

/** Large enough that committing is cheap per event, small enough that a batch is quick and progress moves. */
export const DEFAULT_BATCH_SIZE = 2000;

/** How long a batch waits for another process's lock, a little at a time, before the import gives up. */
const BUSY_WAIT_MS = 50;
const MAX_BUSY_WAIT_MS = 30_000;

/** What a batch did: added to the totals only once it has committed. */
interface Tally {
  signup: number;
  login: number;
  open: number;
  accountsCreated: number;
  invitationsAccepted: number;
  captured: number;
  waiting: number;
  rejections: Rejection[];
}

const emptyTally = (): Tally => ({ signup: 0, login: 0, open: 0, accountsCreated: 0, invitationsAccepted: 0, captured: 0, waiting: 0, rejections: [] });

const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/** The first day whose activity is kept day by day, and the day activity tracking began (YYYY-MM-DD). */
interface ImportWindow {
  keptFrom: string;
  trackingSince: string;
}

/**
 * Imports an event file (docs/RULES.md, E1 to E4), streamed a line at a time, in
 * transactions of `batchSize` events. Every event is idempotent (a signup for
 * an existing account creates nothing, last login and last active only move
 * forward, a day of activity is recorded once), so importing a file twice
 * changes nothing the second time. Bad lines are rejected with their line
 * number and reason; the good ones are imported.
 */
export function createActivityImporter({ db, members, activity, settings, audit, now }: ActivityImporterDeps) {
  /** Applies one good event inside the batch's transaction; a refusal becomes the line's rejection. */
  function apply(event: ActivityEvent, tally: Tally, actor: Actor, { keptFrom, trackingSince }: ImportWindow): void {
    const reject = (reason: string): void => {
      tally.rejections.push({ line: event.line, reason });
    };
    if (event.type === 'signup') {
      const isNew = activity.accountIdByKey(emailKey(event.email)) === null;
      // The import lists a refused sign-up among its rejected lines, so a second import writes nothing new for it.
      const result = members.recordSignup(event.email, event.name, actor, { at: event.at, quietRefusal: true });
      if (!result.ok) return reject(result.error.message);
      tally.signup += 1;
      if (isNew) tally.accountsCreated += 1;
      tally.invitationsAccepted += result.value.accepted;
      if (result.value.captured === 'joined') tally.captured += 1;
      if (result.value.captured === 'waiting') tally.waiting += 1;
      return;
    }
    if (event.type === 'login') {
      const result = members.recordLogin(event.email, event.at, actor);
      if (!result.ok) return reject(result.error.code === 'NOT_FOUND' ? `there is no account for ${event.email} (its signup must come first)` : result.error.message);
      tally.login += 1;
      tally.invitationsAccepted += result.value.accepted;
      // Nobody logs in without opening the client: since tracking began, a login is a day of activity too (docs/RULES.md, A1).
      const day = utcDay(event.at);
      if (day >= trackingSince) activity.recordOpen(result.value.account.id, event.at.toISOString(), day >= keptFrom ? day : null);
      return;
    }
    const accountId = activity.accountIdByKey(emailKey(event.email));
    if (accountId === null) return reject(`there is no account for ${event.email} (its signup must come first)`);
    const day = utcDay(event.at);
    activity.recordOpen(accountId, event.at.toISOString(), day >= keptFrom ? day : null);
    tally.open += 1;
  }

  return {
    async run(source: ImportSource, actor: Actor, options: ImportOptions = {}): Promise<Result<ImportSummary>> {
      const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
      const startedAt = now();
      const { reportRule } = settings.current();
      const kept: ImportWindow = { keptFrom: firstKeptDay(startedAt, retentionDays(reportRule.shownDays)), trackingSince: reportRule.trackingSince };
      const input = source.open();
      let bytesRead = 0;
      const counted = input.pipe(byteCounter((total) => (bytesRead = total)));
      // Whatever goes wrong with the source (a file that cannot be read, an upload the browser aborted) is a read error.
      let readError: Error | null = null;
      input.on('error', (error) => {
        readError = error;
        counted.destroy(error);
      });

      const summary: ImportSummary = {
        fileName: source.fileName,
        format: 'ndjson',
        lines: 0,
        events: { signup: 0, login: 0, open: 0 },
        accountsCreated: 0,
        invitationsAccepted: 0,
        captured: 0,
        waiting: 0,
        rejected: 0,
        rejections: [],
        cancelled: false,
        committedLines: 0,
      };
      const addRejections = (rejections: Rejection[]) => {
        summary.rejected += rejections.length;
        summary.rejections.push(...rejections.slice(0, MAX_LISTED_REJECTIONS - summary.rejections.length));
      };

      let batch: ActivityEvent[] = [];
      let unreadable: Rejection[] = [];
      let lastLine = 0;
      /** Commits the batch read so far in one transaction, waiting out another process's lock; its counts join the totals once it has. */
      const commit = async () => {
        let tally = emptyTally();
        const giveUpAt = Date.now() + MAX_BUSY_WAIT_MS;
        for (;;) {
          try {
            tally = emptyTally();
            inWriteTransaction(db, () => {
              for (const event of batch) apply(event, tally, actor, kept);
            });
            break;
          } catch (error) {
            // Cancelling while another process holds the lock stops here, with this batch not written.
            if (!isBusy(error) || Date.now() >= giveUpAt || options.signal?.aborted) throw error;
            await new Promise((resolve) => setTimeout(resolve, BUSY_WAIT_MS));
          }
        }
        summary.events.signup += tally.signup;
        summary.events.login += tally.login;
        summary.events.open += tally.open;
        summary.accountsCreated += tally.accountsCreated;
        summary.invitationsAccepted += tally.invitationsAccepted;
        summary.captured += tally.captured;
        summary.waiting += tally.waiting;
        const rejections = [...unreadable, ...tally.rejections].sort((a, b) => a.line - b.line);
        addRejections(rejections);
        if (options.onRejection) rejections.forEach(options.onRejection);
        summary.committedLines = lastLine;
        batch = [];
        unreadable = [];
        options.onProgress?.({ fileName: source.fileName, bytesRead, totalBytes: source.totalBytes, lines: lastLine, rejected: summary.rejected });
      };

      let body: Readable | null = null;
      try {
        const first = await peek(counted);
        body = first.stream;
        summary.format = detectFormat(source.fileName, first.text);
        for await (const raw of readEvents(body, summary.format)) {
          if (options.signal?.aborted) break;
          lastLine = raw.line;
          if ('problem' in raw) unreadable.push({ line: raw.line, reason: raw.problem });
          else {
            const parsed = checkEvent(raw.line, raw.record, startedAt);
            if (parsed.ok) batch.push(parsed.event);
            else unreadable.push({ line: parsed.line, reason: parsed.reason });
          }
          if (batch.length + unreadable.length >= batchSize) await commit();
        }
        if (options.signal?.aborted) summary.cancelled = true;
        else await commit();
      } catch (error) {
        if (error instanceof BadFileError) return fail('INVALID_INPUT', error.message);
        const stopped = (message: string): Result<never> => {
          recordEnd('import.fail', { ...summary, lines: summary.committedLines, error: message });
          return fail(isBusy(error) ? 'BUSY' : 'UNAVAILABLE', message);
        };
        const upTo = summary.committedLines > 0 ? ` Lines 1 to ${summary.committedLines.toLocaleString('en-US')} were imported; import it again to finish (nothing is imported twice).` : ' Nothing was imported.';
        if (isBusy(error)) return stopped(`The database stayed busy with another Roster process, so ${source.fileName} was not imported whole.${upTo}`);
        if (readError || isReadError(error)) return stopped(`${source.fileName} could not be read to the end (${(readError ?? (error as Error)).message}).${upTo}`);
        throw error;
      } finally {
        body?.destroy();
        counted.destroy();
        if (source.release) {
          input.unpipe(counted);
          source.release(input);
        } else input.destroy();
      }
      summary.lines = summary.cancelled ? summary.committedLines : lastLine;
      recordEnd(summary.cancelled ? 'import.cancel' : 'import.run', summary);
      return ok(summary);

      /** One audit event for the import itself, with its totals and first rejections; a busy file loses it, never the import. */
      function recordEnd(action: string, after: ImportSummary & { error?: string }) {
        try {
          inWriteTransaction(db, () =>
            audit.record(now(), actor, { action, targetType: 'import', targetLabel: source.fileName, after: { ...after, rejections: after.rejections.slice(0, 20) } }),
          );
        } catch (error) {
          if (!isBusy(error)) throw error;
        }
      }
    },
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

function isReadError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** The first bytes of a stream (to tell its format), and the stream again from its start. */
async function peek(stream: Readable): Promise<{ text: string; stream: Readable }> {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return { text: '', stream: Readable.from([]) };
  const chunk = first.value as Buffer;
  async function* rest() {
    yield chunk;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
  }
  const again = Readable.from(rest(), { objectMode: false });
  // Its errors reach whoever reads it; one left over after the reading stopped early is of no interest.
  again.on('error', () => undefined);
  return { text: chunk.subarray(0, 64).toString('utf8'), stream: again };
}

export type ActivityImporter = ReturnType<typeof createActivityImporter>;
