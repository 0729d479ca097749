import { once } from 'node:events';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { exportAuditInput } from '@shared/schemas/audit';
import { exportReportInput } from '@shared/schemas/report';
import { describeRule } from '@shared/report-rule';
import { fail, type Result } from '@shared/result';
import { mayCall, type ChannelAccess } from '@shared/ipc/contract';
import Database from 'better-sqlite3';
import { auditCsvPieces, auditFileName } from '../audit/export';
import { createAuditRepository } from '../audit/repository';
import { nextTurn } from '../jobs/jobs';
import type { Core } from '../core';
import { csvPages } from '../report/csv-pages';
import { createReportRepository } from '../report/repository';
import { reportFileName } from '../report/service';

/** What a streamed file's trailer says once it is whole: rows written, and anything the command line prints with it. */
export const SUMMARY_TRAILER = 'X-Roster-Summary';

const sendResult = (reply: FastifyReply, result: Result<unknown>, status: number) =>
  reply.code(status).header('Cache-Control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify(result));

/** Checks the caller may do `access`, answering the refusal; true when they may. */
function allowed(request: FastifyRequest, reply: FastifyReply, access: ChannelAccess, what: string): boolean {
  const caller = request.apiCaller!;
  if (mayCall(caller.role, access)) return true;
  void sendResult(reply, fail('FORBIDDEN', `This API token acts as ${caller.role === 'auditor' ? 'an auditor' : `an ${caller.role}`}, who may not ${what}.`), 403);
  return false;
}

/**
 * Streams a CSV read through a connection of its own inside one read
 * transaction (one moment of the store, while the main connection goes on
 * writing), a piece at a time: it waits for a slow client to take each piece
 * (never holding more than one in memory) and lets every other request run
 * between pieces. The summary comes as a trailer once every row is written;
 * a client gone before the end stops the read. Answers the rows written, or
 * null when the client went away.
 */
async function streamCsv(
  request: FastifyRequest,
  reply: FastifyReply,
  core: Core,
  fileName: string,
  pieces: (reader: Database.Database) => Iterable<{ text: string; rows: number }>,
  summary: (rows: number) => Record<string, unknown>,
): Promise<void> {
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Trailer: SUMMARY_TRAILER,
  });
  const reader = new Database(core.db.name, { readonly: true, fileMustExist: true });
  let rows = 0;
  try {
    reader.exec('BEGIN');
    for (const piece of pieces(reader)) {
      if (response.destroyed) return;
      rows += piece.rows;
      if (!response.write(piece.text)) await Promise.race([once(response, 'drain'), once(response, 'close')]);
      else await nextTurn();
    }
    response.addTrailers({ [SUMMARY_TRAILER]: encodeURIComponent(JSON.stringify(summary(rows))) });
    response.end();
  } catch (error) {
    // The client keeps no half file: it writes under a temporary name and sees no trailer.
    request.log.warn({ err: error }, 'An export stopped part way');
    response.destroy();
  } finally {
    // Closing ends the read transaction.
    reader.close();
  }
}

/**
 * Files the command line streams to its own disk against a server: the user
 * activity report and the audit log, as CSV, written as they are read (never
 * whole in memory), with the same input as report:export and audit:export.
 * Each reads through a connection of its own inside one read transaction,
 * yielding between pages, so SCIM and other admins are answered while it
 * runs. Both are reads: an auditor may export.
 */
export function fileRoutes(core: Core) {
  return async (app: FastifyInstance) => {
    app.post('/export/report', async (request, reply) => {
      if (!allowed(request, reply, 'read', 'export the report')) return;
      const parsed = exportReportInput.safeParse(request.body ?? {});
      if (!parsed.success) return sendResult(reply, fail('INVALID_INPUT', parsed.error.issues[0]!.message), 400);
      const rule = core.services.settings.current().reportRule;
      const at = { asOf: (parsed.data.asOf ? new Date(parsed.data.asOf) : new Date()).toISOString(), rule };
      const { bom, selection } = parsed.data;
      await streamCsv(request, reply, core, reportFileName(at.asOf, selection !== undefined), (reader) => csvPages(createReportRepository(reader), at, bom, selection), (members) => ({
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
      await streamCsv(request, reply, core, auditFileName(new Date()), (reader) => auditCsvPieces(createAuditRepository(reader), filter, bom), (events) => ({ events }));
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
