import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type http from 'node:http';
import { contract, isChannel, type Channel, type ChannelOutput, type EventMessage, type EventName, type EventPayload, type InvokeArgs, type RosterApi } from '@shared/ipc/contract';
import type { AppInfo, AppMode } from '@shared/schemas/app';
import type { ConnectionStatus } from '@shared/schemas/connection';
import type { ImportSummary } from '@shared/schemas/activity';
import type { JobProgress } from '@shared/schemas/jobs';
import { fail, ok, type Result } from '@shared/result';
import type { ImportSource } from '../activity/import';
import { appHandlers } from '../app/handlers';
import type { Host } from '../app/host';
import { createSavedFiles, type SavedFiles } from '../exports/deliver';
import type { Dispatch, Handler, Handlers } from '../ipc/dispatch';
import type { OfferedCopies } from '../snapshots/offered';
import { remoteSnapshotHandler } from '../snapshots/remote-take';
import { openServerEvents, type ServerEventsOptions } from './event-source';
import { callChannel, unreachable, uploadStream, type RemoteTarget } from './http-client';
import { OWN_VERSION, type OwnVersion } from './contract-version';
import { checkServerVersion } from './version-check';

export interface RemoteCoreOptions {
  /** The Roster server's address (https://roster.example.com). */
  server: URL;
  /** An API token, or a native app's session token (Authorization: Bearer). */
  token: string;
  /** PEM certificates of a private certificate authority to trust, beside the system's. */
  ca?: Buffer;
  agent?: http.Agent;
  /** Told of every change of status: connected, lost since a time, connected again. */
  onStatus?: (status: ConnectionStatus) => void;
  /** Where this window runs (browser mode, the desktop app): named in app:info. */
  mode?: AppMode;
  /** What only this computer can do (its log, its folders, its dialogs): the local channels are served from it. */
  host?: Omit<Host, 'info'>;
  /** Browser mode: the folder on this computer where an offline copy of the server waits for the page to download it. */
  offered?: OfferedCopies;
  /** Tests pretend to be another Roster. */
  own?: OwnVersion;
  /** Tests wait their own way between the event stream's retries, and between a query's. */
  wait?: ServerEventsOptions['wait'];
  now?: () => Date;
}

/** What the transports (browser mode's server, Electron's IPC) need of a core, served by a Roster server. */
export interface RemoteCore extends RosterApi {
  /** Untrusted channel and payload in, Result out, as the local core's dispatch. */
  dispatch: Dispatch;
  /** What app:info answers: this Roster, and the server, the admin and the role it works with. */
  info: AppInfo;
  status(): ConnectionStatus;
  /** The server's long jobs running now, as its event stream told them: what a page that connects is told first. */
  runningJobs(): JobProgress[];
  /** An event file a page uploads, streamed on to the server's POST /api/import as it arrives. */
  importEvents(source: ImportSource): Promise<Result<ImportSummary | null>>;
  close(): void;
}

/** "14:02": when the server was lost, in this computer's time. */
const clockTime = (at: Date) => `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;

/** The message of every call while the server is lost: since when, what the window shows, and that it retries. */
export const lostMessage = (host: string, since: Date) =>
  `The server at ${host} cannot be reached since ${clockTime(since)}; what you see is as of then. Retrying…`;

/** A query is asked this many times before the server counts as lost; a command twice (the same key both times). */
const QUERY_ATTEMPTS = 3;
const COMMAND_ATTEMPTS = 2;
/**
 * A call whose connection carries nothing for a minute is given up (and, a
 * command, sent again with its key: the server waits for the first). Long
 * work on the server (a restore) answers within that; a network gone without
 * a word would otherwise hold the window for minutes.
 */
export const CALL_IDLE_MS = 60_000;

/**
 * The contract served by a Roster server instead of a local file: every call
 * goes to `POST /api/invoke/<channel>` with the token, and the server's event
 * stream is the core's. Opening checks the server's contract version first
 * and that the token signs in; either refusal is the Result.
 *
 * Losing the server: a call that cannot reach it is tried again (a query up
 * to three times, a command once more with the same idempotency key, so that
 * it is never applied twice); after that, and while the event stream cannot
 * reconnect, every call is answered at once as UNAVAILABLE, never queued.
 * When the stream is back, `changed ['*']` makes every screen reload.
 */
export async function openRemoteCore(options: RemoteCoreOptions): Promise<Result<RemoteCore>> {
  const own = options.own ?? OWN_VERSION;
  // Every call says which contract it speaks (X-Roster-Contract): a server upgraded meanwhile refuses it before running it.
  const target: RemoteTarget = { server: options.server, token: options.token, own, ...(options.ca ? { ca: options.ca } : {}), ...(options.agent ? { agent: options.agent } : {}) };
  const host = options.server.host;
  const now = options.now ?? (() => new Date());

  const server = await checkServerVersion(target, own);
  if (!server.ok) return server;
  const whoami = await callChannel(target, 'app:info', undefined);
  if (!whoami.reached) return unreachable(target.server, whoami.error);
  if (!whoami.result.ok) return whoami.result as Result<never>;
  const caller = (whoami.result.value as AppInfo).caller;
  if (!caller) return fail('UNAVAILABLE', `The server at ${host} did not say who this token signs in as; is it a Roster server?`);

  const info: AppInfo = {
    version: own.version,
    mode: options.mode ?? 'browser',
    databasePath: options.server.origin,
    canChooseDatabase: false,
    server: { url: options.server.origin, host, version: server.value.version, email: caller.email, role: caller.role },
  };
  const events = new EventEmitter();
  const jobs = new Map<string, JobProgress>();
  let lostSince: Date | null = null;
  /** Why the server is not worked with although it answers: it was upgraded (or downgraded) to another contract. */
  let mismatch: string | null = null;
  let downs = 0;
  let closed = false;

  const status = (): ConnectionStatus => ({
    state: lostSince ? 'lost' : 'connected',
    host,
    since: lostSince?.toISOString() ?? null,
    ...(lostSince && mismatch ? { message: mismatch } : {}),
  });
  const announce = () => {
    const current = status();
    options.onStatus?.(current);
    events.emit('connection', current);
  };
  const markLost = () => {
    if (lostSince || closed) return;
    lostSince = now();
    announce();
  };
  const refuseLost = () => (mismatch ? fail('VERSION_MISMATCH', mismatch) : fail('UNAVAILABLE', lostMessage(host, lostSince!)));
  const savedFiles = createSavedFiles();
  // An offline copy is a local channel (it ends in a file on this computer), but the copy is the server's.
  const snapshots = remoteSnapshotHandler({
    target,
    savedFiles,
    refusal: () => (lostSince ? refuseLost() : null),
    now,
    ...(options.host?.saveFile ? { saveFile: options.host.saveFile } : {}),
    ...(options.offered ? { offered: options.offered } : {}),
  });
  const local = localChannels({ ...options.host, info }, savedFiles, snapshots);

  const stopEvents = openServerEvents({
    target,
    wait: options.wait,
    // A server that comes back may have been upgraded meanwhile: its contract is checked again before its events are taken.
    beforeReconnect: async () => {
      const checked = await checkServerVersion(target, own);
      const wrong = !checked.ok && checked.error.code === 'VERSION_MISMATCH' ? checked.error.message : null;
      if (wrong !== mismatch) {
        mismatch = wrong;
        if (wrong) {
          lostSince ??= now();
          announce();
        }
      }
      return checked.ok;
    },
    onMessage: (data) => {
      const message = JSON.parse(data) as EventMessage;
      if (message.event === 'progress') {
        const progress = message.payload as JobProgress;
        if (progress.state === 'finished') jobs.delete(progress.jobId);
        else jobs.set(progress.jobId, progress);
      }
      events.emit(message.event, message.payload);
    },
    onOpen: () => {
      const reconnected = downs > 0;
      downs = 0;
      if (lostSince) {
        lostSince = null;
        announce();
      }
      // Whatever changed while the stream was down was not announced: every screen reloads.
      if (reconnected) events.emit('changed', { areas: ['*'] });
    },
    onDown: (refused) => {
      downs += 1;
      // Jobs the server ran are not known any more; the stream that reconnects says which still run.
      jobs.clear();
      // The server answers but refuses the token (revoked, expired, its admin removed): it is not lost, and each
      // call says why. The first retry comes at once: a stream a proxy cut is no lost server.
      if (refused === 401 || refused === 403) return;
      if (downs >= 2) markLost();
    },
  });

  const dispatch: Dispatch = async (channel, payload) => {
    if (!isChannel(channel)) return fail('INVALID_INPUT', `Unknown request "${String(channel).slice(0, 80)}".`);
    const spec = contract[channel];
    if (channel === 'app:info' || spec.access === 'local') return local(channel, payload);
    if (lostSince) return refuseLost();
    const key = spec.kind === 'command' ? randomUUID() : undefined;
    const attempts = spec.kind === 'command' ? COMMAND_ATTEMPTS : QUERY_ATTEMPTS;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const reply = await callChannel(target, channel, payload, key, CALL_IDLE_MS);
      if (reply.reached) return reply.result;
      if (closed) break;
    }
    markLost();
    return lostSince ? refuseLost() : fail('UNAVAILABLE', `The server at ${host} cannot be reached.`);
  };

  return ok({
    dispatch,
    info,
    status,
    invoke<C extends Channel>(channel: C, ...args: InvokeArgs<C>) {
      return dispatch(channel, args[0]) as Promise<Result<ChannelOutput<C>>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      events.on(event, listener);
      return () => {
        events.off(event, listener);
      };
    },
    runningJobs: () => [...jobs.values()],
    async importEvents(source) {
      if (lostSince) return refuseLost();
      const stream = source.open();
      try {
        return await uploadStream<ImportSummary | null>(target, '/api/import', stream, source.fileName, source.totalBytes);
      } finally {
        (source.release ?? ((rest: typeof stream) => rest.destroy()))(stream);
      }
    },
    close() {
      closed = true;
      stopEvents();
      events.removeAllListeners();
    },
  });
}

/**
 * The channels this computer answers itself: app:info (this Roster and where
 * it works) and the local ones (its log, its folders, its recent files, an
 * offline copy of the server saved here), through the same handlers as the
 * local core where there is one, with the same validation.
 */
function localChannels(host: Host, savedFiles: SavedFiles, own: Partial<Handlers>): (channel: Channel, payload: unknown) => Promise<Result<unknown>> {
  const handlers = { ...appHandlers(host, savedFiles), ...own } as Partial<Record<Channel, Handler<Channel>>>;
  return async (channel, payload) => {
    const handler = handlers[channel];
    if (!handler) return fail('UNSUPPORTED', `"${channel}" works on a file on this computer; this window works on the server at ${host.info.server?.host}.`);
    const parsed = contract[channel].input.safeParse(payload);
    if (!parsed.success) return fail('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'The request was not valid.');
    return handler(parsed.data as never, { actor: { type: 'app', name: host.info.server?.email ?? 'remote' } });
  };
}
