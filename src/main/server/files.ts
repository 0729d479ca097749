import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { exportAuditInput } from '@shared/schemas/audit';
import { exportReportInput } from '@shared/schemas/report';
import { describeRule } from '@shared/report-rule';
import { fail, type Result } from '@shared/result';
import { mayCall, type ChannelAccess } from '@shared/ipc/contract';
import { auditCsv } from '../audit/export';
import type { Core } from '../core';
import { produceReportCsv } from '../report/export-job';
import { actorOf } from './api';

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

/** Opens a CSV answer whose summary comes as a trailer, once every row is written. */
function startCsv(reply: FastifyReply, fileName: string): ServerResponse {
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Trailer: SUMMARY_TRAILER,
  });
  return response;
}

function endCsv(response: ServerResponse, summary: Record<string, unknown>): void {
  response.addTrailers({ [SUMMARY_TRAILER]: encodeURIComponent(JSON.stringify(summary)) });
  response.end();
}

/**
 * Files the command line streams to its own disk against a server: the user
 * activity report and the audit log, as CSV, written as they are read (never
 * whole in memory), with the same input as report:export and audit:export.
 * The report reads through a connection of its own inside one read
 * transaction, yielding between pages, so SCIM and other admins are answered
 * while it runs. Both are reads: an auditor may export.
 */
export function fileRoutes(core: Core) {
  return async (app: FastifyInstance) => {
    app.post('/export/report', async (request, reply) => {
      if (!allowed(request, reply, 'read', 'export the report')) return;
      const parsed = exportReportInput.safeParse(request.body ?? {});
      if (!parsed.success) return sendResult(reply, fail('INVALID_INPUT', parsed.error.issues[0]!.message), 400);
      const rule = core.services.settings.current().reportRule;
      const at = { asOf: (parsed.data.asOf ? new Date(parsed.data.asOf) : new Date()).toISOString(), rule };
      const response = startCsv(reply, `roster-user-activity-${at.asOf.slice(0, 10)}.csv`);
      // The client went away before the end: stop reading (the request's own 'close' only says its body was read).
      const stop = new AbortController();
      response.on('close', () => {
        if (!response.writableFinished) stop.abort();
      });
      try {
        const rows = await produceReportCsv(
          { db: core.db },
          at,
          parsed.data.bom,
          (text) => response.write(text),
          { id: 'remote-report', signal: stop.signal, progress: () => undefined },
          parsed.data.selection,
        );
        endCsv(response, { members: rows, asOf: at.asOf, rule: describeRule(rule), by: actorOf(request.apiCaller!).name });
      } catch (error) {
        // Cut off: the client keeps no half file (it writes under a temporary name and sees no trailer).
        request.log.warn({ err: error }, 'The report export stopped');
        response.destroy();
      }
    });

    app.post('/export/audit', async (request, reply) => {
      if (!allowed(request, reply, 'read', 'export the audit log')) return;
      const parsed = exportAuditInput.safeParse(request.body ?? {});
      if (!parsed.success) return sendResult(reply, fail('INVALID_INPUT', parsed.error.issues[0]!.message), 400);
      const csv = auditCsv(core.services.audit, parsed.data.filter, { bom: parsed.data.bom, now: new Date() });
      const response = startCsv(reply, csv.fileName);
      response.write(csv.content);
      endCsv(response, { events: csv.rows });
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
