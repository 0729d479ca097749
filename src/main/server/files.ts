import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { exportAuditInput } from '@shared/schemas/audit';
import { exportReportInput } from '@shared/schemas/report';
import { describeRule } from '@shared/report-rule';
import { fail } from '@shared/result';
import { mayCall, type ChannelAccess } from '@shared/ipc/contract';
import { auditFileName } from '../audit/export';
import type { Core } from '../core';
import { reportFileName } from '../report/service';
import { drainedOrClosed } from './drained';
import { openExportReader, warmExportWorker } from './export-reader';
import { findWorker } from './worker-files';
import type { ExportRequest } from './export-source';
import { actingAs, sendResult } from './api';

/** What a streamed file's trailer says once it is whole: rows written, and anything the command line prints with it. */
export const SUMMARY_TRAILER = 'X-Roster-Summary';

/** Checks the caller may do `access`, answering the refusal; true when they may. */
function allowed(request: FastifyRequest, reply: FastifyReply, access: ChannelAccess, what: string): boolean {
  const caller = request.apiCaller!;
  if (mayCall(caller.role, access)) return true;
  void sendResult(reply, fail('FORBIDDEN', `${actingAs(caller)}, who may not ${what}.`), 403);
  return false;
}

/**
 * Streams an export (export-reader.ts: in a worker thread with its own read
 * connection, one moment of the store) a piece at a time: it waits for a slow
 * client to take each piece, so no more than one is ever held in memory. The
 * headers go as soon as the read transaction has begun, before any row is read
 * (the download starts at once; a store that cannot be read is still answered
 * as a Result). The summary comes as a trailer once every row is written; a
 * failure after the headers cuts the connection without it, and a client gone
 * before the end stops the reading.
 */
async function streamCsv(
  request: FastifyRequest,
  reply: FastifyReply,
  core: Core,
  exportWorker: string | null,
  fileName: string,
  source: ExportRequest,
  summary: (rows: number) => Record<string, unknown>,
): Promise<void> {
  const reader = openExportReader(core.db.name, source, exportWorker);
  try {
    await reader.begun;
  } catch (error) {
    reader.close();
    request.log.warn({ err: error, export: source.kind, thread: reader.thread }, 'An export could not begin');
    return void (await sendResult(reply, fail('UNAVAILABLE', 'The export could not begin: the store could not be read. Nothing was sent; try again.'), 503));
  }
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Trailer: SUMMARY_TRAILER,
  });
  // Sent now, not with the first piece: the client sees the download begin while the rows are read.
  response.flushHeaders();
  // The rows come once the worker has read them whole (seconds at a million members, more beside a sync):
  // this download is not an idle connection to cut off (the server's connection timeout). Restored at its end.
  const socket = request.raw.socket;
  const idleLimit = socket.timeout ?? 0;
  socket.setTimeout(0);
  let rows = 0;
  try {
    for (let piece = await reader.next(); piece !== null; piece = await reader.next()) {
      if (response.destroyed) return;
      rows += piece.rows;
      if (!response.write(piece.text)) await drainedOrClosed(response);
    }
    response.addTrailers({ [SUMMARY_TRAILER]: encodeURIComponent(JSON.stringify(summary(rows))) });
    response.end();
    request.log.info({ export: source.kind, rows, thread: reader.thread }, 'Export streamed');
  } catch (error) {
    // The client keeps no half file: it writes under a temporary name and sees no trailer.
    request.log.warn({ err: error, export: source.kind, thread: reader.thread }, 'An export stopped part way');
    response.destroy();
  } finally {
    reader.close();
    if (!socket.destroyed) socket.setTimeout(idleLimit);
  }
}

/** The built worker, found once when the server starts (none when run from the sources, as in unit tests). */
const builtExportWorker = findWorker('export-worker');

/**
 * Files the command line streams to its own disk against a server: the user
 * activity report and the audit log, as CSV, written as they are read (never
 * whole in memory), with the same input as report:export and audit:export.
 * Each is read in a worker thread through a connection of its own, so SCIM
 * and other admins are answered while it runs. Both are reads: an auditor may
 * export.
 */
export function fileRoutes(core: Core, exportWorker: string | null = builtExportWorker) {
  return async (app: FastifyInstance) => {
    warmExportWorker(exportWorker);
    app.post('/export/report', async (request, reply) => {
      if (!allowed(request, reply, 'read', 'export the report')) return;
      const parsed = exportReportInput.safeParse(request.body ?? {});
      if (!parsed.success) return sendResult(reply, fail('INVALID_INPUT', parsed.error.issues[0]!.message), 400);
      const rule = core.services.settings.current().reportRule;
      const at = { asOf: (parsed.data.asOf ? new Date(parsed.data.asOf) : new Date()).toISOString(), rule };
      const { bom, selection } = parsed.data;
      await streamCsv(request, reply, core, exportWorker, reportFileName(at.asOf, selection !== undefined), { kind: 'report', at, bom, selection }, (members) => ({
        members,
        asOf: at.asOf,
        rule: describeRule(rule),
      }));
    });

    app.post('/export/audit', async (request, reply) => {
      if (!allowed(request, reply, 'read', 'export the audit log')) return;
      const parsed = exportAuditInput.safeParse(request.body ?? {});
      if (!parsed.success) return sendResult(reply, fail('INVALID_INPUT', parsed.error.issues[0]!.message), 400);
      const { filter, bom } = parsed.data;
      await streamCsv(request, reply, core, exportWorker, auditFileName(new Date()), { kind: 'audit', filter, bom }, (events) => ({ events }));
    });

    // An event file, streamed from the client's disk into the import as it arrives (as browser mode's upload is).
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    app.post('/import', async (request, reply) => {
      if (!allowed(request, reply, 'write', 'import activity')) return;
      let fileName = '';
      try {
        fileName = decodeURIComponent(String(request.headers['x-file-name'] ?? '')).replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200);
      } catch {
        // Said below.
      }
      if (!fileName) return sendResult(reply, fail('INVALID_INPUT', 'Name the file in the X-File-Name header.'), 400);
      const declared = Number(request.headers['content-length']);
      const body = request.body as NodeJS.ReadableStream;
      const result = await core.importEvents({
        fileName,
        totalBytes: Number.isSafeInteger(declared) && declared >= 0 ? declared : null,
        open: () => body as never,
        release: (stream) => (stream as NodeJS.ReadableStream).resume(),
      });
      return sendResult(reply, result, 200);
    });
  };
}
