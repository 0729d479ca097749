import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { mayCall } from '@shared/ipc/contract';
import { fail } from '@shared/result';
import { removeDatabaseFiles, temporaryBeside } from '../backups/copy';
import type { Core } from '../core';
import { recordSnapshot, takeSnapshot } from '../snapshots/take';
import { SHA256_HEADER, SNAPSHOT_CONTENT_TYPE, SNAPSHOT_INFO_HEADER, snapshotFileName } from '../snapshots/wire';
import { actingAs, actorOf, sendResult } from './api';
import { findWorker } from './worker-files';

/** The built copy worker, found once (none when run from the sources, as in unit tests: the copy is then made here a step at a time). */
const copyWorker = findWorker('copy-worker');

/**
 * POST /api/snapshot: an offline copy of the store (docs/OFFLINE-COPIES.md),
 * for any admin, auditors included. The copy, its scrub and its VACUUM run in
 * the copy worker on a connection of its own, so SCIM and other admins are
 * answered meanwhile; it is written beside the store under a temporary name,
 * its sha256 taken, recorded in the audit log, sent with that sha256 in a
 * header (the client keeps it only if what arrived matches), and removed.
 */
export function snapshotRoutes(core: Core, { publicHost }: { publicHost: string | null }) {
  // One copy at a time: each reads the whole store and writes a file as large beside it, so a burst of requests queues.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return async (app: FastifyInstance) => {
    app.post('/snapshot', async (request, reply) => {
      const caller = request.apiCaller!;
      if (!mayCall(caller.role, 'read')) return sendResult(reply, fail('FORBIDDEN', `${actingAs(caller)}, who may not take a copy.`), 403);
      const info = { of: publicHost ?? request.hostname.replace(/:\d+$/, ''), takenAt: new Date().toISOString(), takenBy: caller.email };
      const temporary = temporaryBeside(core.db.name, 'snapshot');
      try {
        const taken = await oneAtATime(() => {
          // The moment it is taken is when its turn comes.
          info.takenAt = new Date().toISOString();
          return takeSnapshot(core.db, temporary, info, { copyWorker });
        });
        if (!taken.ok) return sendResult(reply, taken, taken.error.code === 'READ_ONLY' ? 409 : 503);
        recordSnapshot(core.services.audit, actorOf(caller), taken.value);
        // Opened, then its name removed: the copy is read from the open file, and nothing of it outlives the request.
        const file = fs.openSync(temporary, 'r');
        removeDatabaseFiles(temporary);
        reply.hijack();
        reply.raw.writeHead(200, {
          'Content-Type': SNAPSHOT_CONTENT_TYPE,
          'Content-Length': String(taken.value.size),
          'Content-Disposition': `attachment; filename="${snapshotFileName(info.of, info.takenAt)}"`,
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
          [SHA256_HEADER]: taken.value.sha256,
          [SNAPSHOT_INFO_HEADER]: encodeURIComponent(JSON.stringify(info)),
        });
        try {
          await pipeline(fs.createReadStream('', { fd: file }), reply.raw);
          request.log.info({ sha256: taken.value.sha256, size: taken.value.size }, 'Offline copy sent');
        } catch (error) {
          // The client keeps no half file: it checks the sha256 of what arrived.
          request.log.warn({ err: error }, 'An offline copy stopped part way');
          reply.raw.destroy();
        }
      } finally {
        removeDatabaseFiles(temporary);
      }
    });
  };
}
