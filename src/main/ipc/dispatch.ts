import type { z } from 'zod';
import type { FieldIssue } from '@shared/errors';
import {
  contract,
  isChannel,
  type Channel,
  type ChannelOutput,
  type ChannelParsed,
  type ChangeArea,
} from '@shared/ipc/contract';
import type { AdminRole } from '@shared/schemas/admins';
import type { Actor } from '@shared/schemas/audit';
import { changesStore } from '@shared/offline-copy';
import { fail, type Result } from '@shared/result';
import { damageFound, isDamageError } from '../db/integrity';

export interface CallContext {
  actor: Actor;
  /**
   * The admin a Roster server signed in for this call, and the role it acts
   * with (the lower of their token's and their own). Absent: the process on
   * this machine itself (the desktop app, the command line), which may do
   * everything. Channels that serve each admin their own (API tokens) read it.
   */
  caller?: { email: string; role: AdminRole; /** The console session calling, when it is one (not an API token). */ sessionId?: number };
}

export type Handler<C extends Channel> = (
  input: ChannelParsed<C>,
  context: CallContext,
) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;

/** One handler per contract channel: the compiler refuses a missing or extra one. */
export type Handlers = { [C in Channel]: Handler<C> };

/**
 * Any transport's entry: an untrusted channel name and payload in, a Result
 * out. Never throws. `context` names who calls when it differs per call (a
 * Roster server's admins); otherwise the core's own actor acts.
 */
export type Dispatch = (channel: unknown, payload: unknown, context?: CallContext) => Promise<Result<unknown>>;

export interface DispatchOptions {
  context: CallContext;
  /** Told about every successful command, to announce what changed. */
  onChanged?: (areas: readonly ChangeArea[]) => void;
  /** Check every output against its schema too (tests), so contract drift fails loudly. */
  validateOutputs?: boolean;
  /** Where unexpected failures are reported; they reach the caller only as INTERNAL. */
  logError?: (error: unknown, channel: string) => void;
  /** The file logError writes to, named in the INTERNAL message so the person can find the details. */
  logFile?: string;
  /**
   * How long to keep retrying a call that found the database locked by another
   * process. Pair it with a short busy timeout on the connection: better-sqlite3
   * waits synchronously, so a long timeout would freeze the process, while
   * retrying here lets everything else run between attempts. 0: no retry.
   */
  busyRetryMs?: number;
  /**
   * The message for a call that met a damaged database (SQLITE_CORRUPT,
   * SQLITE_NOTADB...): which file, what SQLite found, which backup to restore.
   * SQLite rolled the call's transaction back, so it changed nothing.
   */
  describeDamage?: (found: string) => string;
  /**
   * Set on an offline copy: every command that would change the store is
   * refused with READ_ONLY and this message, before its input is read. Local
   * commands (a file dialog, switching to another store) and those that change
   * nothing (an export) still run.
   */
  readOnly?: string;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function toIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function describeIssues(issues: FieldIssue[]): string {
  const first = issues[0];
  if (!first) return 'The request was not valid.';
  const where = first.path ? ` (${first.path})` : '';
  const more = issues.length > 1 ? ` and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''}` : '';
  return `${first.message}${where}${more}.`;
}

/** What the caller is told of a failure Roster did not expect: nothing changed, and where the details are. */
export function unexpectedMessage(logFile: string | undefined): string {
  const base = 'Roster hit an unexpected problem and changed nothing.';
  return logFile ? `${base} Details are in its log, ${logFile}.` : base;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * The single path from any transport (Electron IPC, browser mode, the command
 * line) to the services: check the channel, validate the payload against the
 * contract, run the handler, and turn anything unexpected into a Result.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions): Dispatch {
  return async (channel, payload, context = options.context) => {
    if (!isChannel(channel)) {
      return fail('INVALID_INPUT', `Unknown request "${String(channel).slice(0, 80)}".`);
    }
    const spec = contract[channel];
    if (options.readOnly !== undefined && changesStore(channel)) return fail('READ_ONLY', options.readOnly);
    const parsed = spec.input.safeParse(payload);
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      return fail('INVALID_INPUT', describeIssues(issues), issues);
    }

    const handler = handlers[channel] as Handler<Channel>;
    const giveUpAt = Date.now() + (options.busyRetryMs ?? 0);
    let result: Result<unknown>;
    for (let attempt = 0; ; attempt += 1) {
      try {
        result = await handler(parsed.data as never, context);
        break;
      } catch (error) {
        if (isDamageError(error)) {
          const found = damageFound(error);
          return fail('DAMAGED', options.describeDamage?.(found) ?? `The database is damaged: ${found}. Nothing was changed; restore a backup.`);
        }
        if (!isBusy(error)) {
          options.logError?.(error, channel);
          return fail('INTERNAL', unexpectedMessage(options.logFile));
        }
        // Writes run in one transaction each, so a call that met a lock changed nothing and can run again.
        if (Date.now() >= giveUpAt) {
          return fail('BUSY', 'The database is busy with another Roster process. Nothing was changed; try again in a moment.');
        }
        await delay(Math.min(20 * 2 ** attempt, 250));
      }
    }

    if (result.ok) {
      if (options.validateOutputs) spec.output.parse(result.value);
      if (spec.changes.length > 0) options.onChanged?.(spec.changes);
    }
    return result;
  };
}
