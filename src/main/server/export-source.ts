import Database from 'better-sqlite3';
import type { AuditFilter } from '@shared/schemas/audit';
import { auditCsvPieces } from '../audit/export';
import { createAuditRepository } from '../audit/repository';
import { csvPages } from '../report/csv-pages';
import { createReportRepository, type ReportFilterSelection, type ReportMoment } from '../report/repository';

/** What an export reads: the report as of a moment (and a page's filter), or the audit log by a filter. */
export type ExportRequest =
  | { kind: 'report'; at: ReportMoment; bom: boolean; selection?: ReportFilterSelection }
  | { kind: 'audit'; filter: AuditFilter; bom: boolean };

export interface CsvPiece {
  text: string;
  rows: number;
}

/**
 * The pieces of an export, read through a read-only connection of its own
 * inside one read transaction, begun before this answers: one moment of the
 * store, however long the reading takes, while other connections go on
 * writing. Closing the connection (close) ends the transaction. The same code runs in the export
 * worker (export-worker.ts) and, where there is no worker, on the server's
 * own thread.
 */
export function openExport(file: string, request: ExportRequest, nativeBinding?: string): { pieces: Iterator<CsvPiece>; close(): void } {
  const reader = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    reader.exec('BEGIN');
    // The first read takes the snapshot (BEGIN alone takes none): from here on the export is this moment of the store.
    reader.prepare('SELECT count(*) FROM sqlite_schema').get();
    const pieces =
      request.kind === 'report'
        ? csvPages(createReportRepository(reader), request.at, request.bom, request.selection)
        : auditCsvPieces(createAuditRepository(reader), request.filter, request.bom);
    return { pieces, close: () => reader.close() };
  } catch (error) {
    reader.close();
    throw error;
  }
}
