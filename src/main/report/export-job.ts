import Database from 'better-sqlite3';
import type { ExportResult } from '@shared/schemas/exports';
import { ok, type Result } from '@shared/result';
import type { Host } from '../app/host';
import type { Db } from '../db/open';
import type { SavedFiles } from '../exports/deliver';
import { writeFileAtomicAsync } from '../exports/write-stream';
import { nextTurn, stopIfCancelled, type JobHandle } from '../jobs/jobs';
import { csvPages } from './csv-pages';
import { createReportRepository, type ReportFilterSelection, type ReportMoment } from './repository';
import { reportFileName } from './service';

export const REPORT_CANCELLED = 'Report cancelled, nothing was written.';

/**
 * Writes the report's CSV to `write` a page at a time, reporting members
 * written of all of them and stopping between pages when asked. It reads
 * through a second, read-only connection inside one read transaction: the
 * file is one moment of the store, as the command line's is, while the main
 * connection answers every other call between pages (SQLite's WAL lets a
 * reader keep its snapshot while others write). A store in memory has no file
 * to open twice: it is read on `db` in one go. With `selection`, only the
 * members it lists (the Activity screen's filters) are written.
 */
export async function produceReportCsv(
  source: { db: Db; nativeBinding?: string },
  at: ReportMoment,
  bom: boolean,
  write: (text: string) => void,
  job: JobHandle,
  selection?: ReportFilterSelection,
): Promise<number> {
  // A second connection reads beside writers only in WAL mode; otherwise its long read would block every commit.
  const separate = !source.db.memory && source.db.pragma('journal_mode', { simple: true }) === 'wal';
  const reader = separate ? new Database(source.db.name, { readonly: true, fileMustExist: true, nativeBinding: source.nativeBinding }) : source.db;
  try {
    if (separate) reader.exec('BEGIN');
    const reports = createReportRepository(reader);
    const total = reports.memberCount(at, selection);
    let rows = 0;
    job.progress(0, total);
    for (const page of csvPages(reports, at, bom, selection)) {
      write(page.text);
      rows += page.rows;
      if (page.rows === 0) continue;
      job.progress(rows, total);
      if (separate) await nextTurn();
      stopIfCancelled(job, REPORT_CANCELLED);
    }
    return rows;
  } finally {
    // Closing ends the read transaction.
    if (separate) reader.close();
  }
}

export interface ReportExportDeps {
  db: Db;
  nativeBinding?: string;
  host: Host;
  savedFiles: SavedFiles;
}

/**
 * The Activity screen's "Save CSV…" as a job: the desktop app asks where to
 * save, then writes through a temporary file renamed over the target at the
 * end, so a cancel (or a crash) leaves the target as it was; browser mode
 * makes the file in memory for the browser to download.
 */
export async function exportReport(
  deps: ReportExportDeps,
  at: ReportMoment,
  options: { bom: boolean; selection?: ReportFilterSelection },
  job: JobHandle,
): Promise<Result<ExportResult>> {
  const fileName = reportFileName(at.asOf, options.selection !== undefined);
  const produce = (write: (text: string) => void) => produceReportCsv(deps, at, options.bom, write, job, options.selection);
  if (!deps.host.saveFile) {
    const pieces: string[] = [];
    const rows = await produce((text) => pieces.push(text));
    return ok({ kind: 'download', fileName, content: pieces.join(''), mimeType: 'text/csv', rows });
  }
  let rows = 0;
  const saved = await deps.host.saveFile(fileName, async (file) => {
    stopIfCancelled(job, REPORT_CANCELLED);
    const written = await writeFileAtomicAsync(file, produce);
    if (!written.ok) return written;
    rows = written.value.value;
    return ok(written.value.path);
  });
  if (!saved.ok) return saved;
  return ok(saved.value === null ? { kind: 'cancelled' } : { kind: 'saved', path: saved.value, saveId: deps.savedFiles.remember(saved.value), rows });
}
