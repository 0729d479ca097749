import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { fail } from '@shared/result';
import { sendResult } from './respond';

/**
 * What keeps idle, slow or half-sent connections from crowding out the admin's
 * page (docs/SECURITY.md, "Browser mode"). None of them touches the event
 * stream: its request is whole once its headers are in, and its answer never
 * ends, so no keep-alive wait begins.
 */
export interface BrowserLimits {
  /** A client that has not sent a request's headers by then is cut off (408). */
  headersTimeoutMs: number;
  /** A request's body must be in by then (408), but an import's upload, which arrives as fast as the import reads it. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** How often Node checks the headers timeout (its own default, 30 s, would let a header linger that long past it). */
  timeoutCheckMs: number;
  /** Connections open at once; past it, the oldest one that has not yet sent a request is dropped. */
  maxConnections: number;
}

export const DEFAULT_BROWSER_LIMITS: BrowserLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckMs: 1_000,
  maxConnections: 256,
};

/** Node's own settings for the limits it enforces itself. */
export function nodeServerOptions(limits: BrowserLimits) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    // Node's whole-request timeout cannot spare one route, and an import's
    // upload of gigabytes takes as long as the import: off here, and
    // `limitRequestBody` applies it to everything else.
    requestTimeout: 0,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.timeoutCheckMs,
  };
}

/**
 * Caps the connections open at once. A connection past the cap drops the oldest
 * one still waiting to send its first request (a half-sent header, or nothing
 * yet): a flood of those cannot keep the admin's page out, and connections that
 * are serving the page (its calls, its event stream) are never dropped. When
 * none is waiting, the newcomer is dropped.
 */
export function capConnections(server: Server, max: number): void {
  const open = new Set<Socket>();
  const waiting = new Set<Socket>();
  const drop = (socket: Socket) => {
    open.delete(socket);
    waiting.delete(socket);
    socket.destroy();
  };
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    waiting.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      waiting.delete(socket);
    });
    // A Set keeps the order sockets came in: the first one waiting is the oldest.
    if (open.size > max) drop(waiting.values().next().value ?? socket);
  });
  server.on('request', (request: IncomingMessage) => waiting.delete(request.socket));
}

/**
 * The request timeout, for every request but those `isLongUpload` names: a body
 * still arriving after `ms` gets 408 and its connection is closed. A request
 * refused before its body was read is drained by Node, and cut by this too when
 * the rest comes slowly.
 */
export function limitRequestBody(request: IncomingMessage, response: ServerResponse, ms: number, isLongUpload: () => boolean): void {
  if (request.complete) return;
  const timer = setTimeout(() => {
    if (request.complete || isLongUpload()) return;
    if (response.headersSent) return void request.socket.destroy();
    response.on('finish', () => request.socket.destroy());
    sendResult(response, fail('INVALID_INPUT', 'The request took too long to arrive.'), 408, { Connection: 'close' });
  }, ms);
  timer.unref();
  const done = () => clearTimeout(timer);
  request.once('end', done).once('close', done);
}
