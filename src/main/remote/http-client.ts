import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { contract, isChannel, type RosterApi } from '@shared/ipc/contract';
import { IDEMPOTENCY_HEADER } from '@shared/ipc/version';
import { fail, type Result } from '@shared/result';
import { contractHeaders, type OwnVersion } from './contract-version';

/** The trailer a streamed file ends with (server/files.ts). */
const SUMMARY_TRAILER = 'X-Roster-Summary';

/**
 * The one HTTP client of a Roster server's API: the command line's calls and
 * files (--server), and the remote core of browser mode and the desktop app
 * (remote-core.ts), over node:http(s) so that a private CA can be trusted.
 */

/** Where a remote client calls: the server's address, the API token, and a private CA to trust. */
export interface RemoteTarget {
  server: URL;
  token: string;
  /** PEM certificates of a private certificate authority (--ca FILE), beside the system's. */
  ca?: Buffer;
  /** The connections' agent (keep-alive, or a test's); Node's global one otherwise. */
  agent?: http.Agent;
  /** The versions every call says it speaks (X-Roster-Contract); this Roster's own unless a test pretends. */
  own?: OwnVersion;
}

/** How the server is reached, said for a person: the address, and what went wrong. */
export function unreachable(server: URL, error: NodeJS.ErrnoException): Result<never> {
  const why =
    error.code === 'ECONNREFUSED'
      ? 'nothing answers there (is roster server running?)'
      : error.code === 'ENOTFOUND'
        ? 'that host name is not known'
        : error.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || error.code === 'SELF_SIGNED_CERT_IN_CHAIN' || error.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
          ? `its certificate is not trusted (${error.code}); pass the certificate authority that signed it with --ca FILE`
          : error.code === 'ERR_TLS_CERT_ALTNAME_INVALID'
            ? 'its certificate is for another name'
            : error.message;
  return fail('UNAVAILABLE', `Roster cannot reach the server at ${server.origin}: ${why}.`);
}

export interface Sent {
  status: number;
  contentType: string;
  body: Readable;
}

/**
 * One request to the server: the body sent as is (JSON text or a file's
 * stream), the answer as a stream. POST with the token unless told otherwise.
 */
export function send(
  target: RemoteTarget,
  path: string,
  body: string | Readable | undefined,
  headers: Record<string, string>,
  {
    method = 'POST',
    signedIn = true,
    signal,
    idleTimeoutMs,
  }: {
    method?: string;
    signedIn?: boolean;
    signal?: AbortSignal;
    /** Gives up when the connection carries nothing for this long, answer included (a network gone without a word). */
    idleTimeoutMs?: number;
  } = {},
): Promise<Sent> {
  const url = new URL(path, target.server);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method,
        // Every call names the contract it speaks, so a server of another refuses it before running anything.
        headers: { ...contractHeaders(target.own), ...headers, ...(signedIn ? { authorization: `Bearer ${target.token}` } : {}) },
        ...(url.protocol === 'https:' && target.ca ? { ca: target.ca } : {}),
        ...(target.agent ? { agent: target.agent } : {}),
        ...(signal ? { signal } : {}),
      },
      (response) => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), body: response }),
    );
    request.on('error', reject);
    if (idleTimeoutMs) {
      request.setTimeout(idleTimeoutMs, () =>
        request.destroy(Object.assign(new Error(`nothing came from it for ${Math.round(idleTimeoutMs / 1000)} seconds`), { code: 'ETIMEDOUT' })),
      );
    }
    if (body === undefined || typeof body === 'string') request.end(body);
    else body.pipe(request);
  });
}

export async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The server's answer as a Result: its own JSON Result, or what an answer that is not one means. */
export async function resultOf(target: RemoteTarget, sent: Sent): Promise<Result<unknown>> {
  const body = await text(sent.body);
  if (sent.contentType.startsWith('application/json')) {
    try {
      const parsed = JSON.parse(body) as Result<unknown>;
      if (typeof parsed === 'object' && parsed !== null && 'ok' in parsed) return parsed;
    } catch {
      // Not a Result: said below.
    }
  }
  return fail('UNAVAILABLE', `${target.server.origin} did not answer as a Roster server does (HTTP ${sent.status}); check the address.`);
}

/** What one call of a channel came to: the server's answer, or no answer (and whether the request went out whole first). */
export type Reply = { reached: true; status: number; result: Result<unknown> } | { reached: false; error: NodeJS.ErrnoException };

/**
 * Calls one channel at POST /api/invoke/<channel>; a command carries its
 * idempotency key (the same on a retry), so the server runs it once.
 */
export async function callChannel(target: RemoteTarget, channel: string, input: unknown, idempotencyKey?: string, idleTimeoutMs?: number): Promise<Reply> {
  try {
    const body = input === undefined ? undefined : JSON.stringify(input);
    const sent = await send(
      target,
      `/api/invoke/${encodeURIComponent(channel)}`,
      body,
      {
        ...(input === undefined ? {} : { 'content-type': 'application/json' }),
        ...(idempotencyKey ? { [IDEMPOTENCY_HEADER.toLowerCase()]: idempotencyKey } : {}),
      },
      { idleTimeoutMs },
    );
    return { reached: true, status: sent.status, result: await resultOf(target, sent) };
  } catch (error) {
    return { reached: false, error: error as NodeJS.ErrnoException };
  }
}

/** The contract over a Roster server's /api/invoke, with an API token: the same Results as a local store gives (the command line). */
export function createRemoteApi(target: RemoteTarget): RosterApi {
  return {
    async invoke(channel, ...args) {
      const key = isChannel(channel) && contract[channel].kind === 'command' ? randomUUID() : undefined;
      const reply = await callChannel(target, channel, args[0], key);
      return (reply.reached ? reply.result : unreachable(target.server, reply.error)) as never;
    },
    on() {
      // A command runs once and ends; it listens to no events.
      return () => undefined;
    },
  };
}

/**
 * Streams a file the server writes (a report, the audit log) to `file` on
 * this computer, under a temporary name renamed over `file` once whole: a
 * refusal or a cut connection leaves `file` as it was. The file is whole when
 * the server's summary trailer arrives (rows written), which is the answer.
 */
export async function downloadTo<T>(target: RemoteTarget, path: string, input: unknown, file: string): Promise<Result<T>> {
  const temporary = `${file}.${process.pid}.part`;
  let sent: Sent;
  try {
    sent = await send(target, path, JSON.stringify(input), { 'content-type': 'application/json' });
  } catch (error) {
    return unreachable(target.server, error as NodeJS.ErrnoException);
  }
  if (sent.status !== 200 || !sent.contentType.startsWith('text/csv')) return (await resultOf(target, sent)) as Result<T>;
  try {
    await pipeline(sent.body, fs.createWriteStream(temporary));
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code && ['EACCES', 'ENOENT', 'EISDIR', 'ENOSPC', 'EROFS', 'EPERM'].includes(code)) return fail('UNAVAILABLE', `Could not write ${file}: ${(error as Error).message}.`);
    return fail('UNAVAILABLE', `The server stopped sending ${file} part way; nothing was written.`);
  }
  const summary = (sent.body as http.IncomingMessage).trailers[SUMMARY_TRAILER.toLowerCase()];
  if (summary === undefined) {
    fs.rmSync(temporary, { force: true });
    return fail('UNAVAILABLE', `The server stopped sending ${file} part way; nothing was written.`);
  }
  try {
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    return fail('UNAVAILABLE', `Could not write ${file}: ${(error as Error).message}.`);
  }
  return { ok: true, value: JSON.parse(decodeURIComponent(summary)) as T };
}

/** Sends a file on this computer to the server as the request's body (an event import), streamed; answers the server's Result. */
export async function uploadFrom<T>(target: RemoteTarget, path: string, file: string): Promise<Result<T>> {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    return fail('NOT_FOUND', `Cannot read ${file}: ${(error as Error).message}.`);
  }
  return uploadStream<T>(target, path, fs.createReadStream(file), file.split(/[\\/]/).at(-1)!, size);
}

/** Sends a stream (a file on this computer, or one a page uploads to browser mode) as the request's body; answers the server's Result. */
export async function uploadStream<T>(target: RemoteTarget, path: string, body: Readable, fileName: string, size: number | null): Promise<Result<T>> {
  try {
    const sent = await send(target, path, body, {
      'content-type': 'application/octet-stream',
      ...(size === null ? {} : { 'content-length': String(size) }),
      'x-file-name': encodeURIComponent(fileName),
    });
    return (await resultOf(target, sent)) as Result<T>;
  } catch (error) {
    return unreachable(target.server, error as NodeJS.ErrnoException);
  }
}
