import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DIFF_WINDOW_LIMIT, diffFolderNameSchema, type CompareInput, type DiffFiles, type DiffResult, type DiffSource } from '@shared/schemas/diff';
import type { ExportResult } from '@shared/schemas/exports';
import { fail, ok, type Result } from '@shared/result';
import type { Host } from '../app/host';
import { parseBackupName } from '../backups/names';
import { toCsv } from '../exports/csv';
import { deliverFile, type SavedFiles } from '../exports/deliver';
import { computeDiff, type DiffRequest } from './diff';
import { DIFF_CSV_HEADER, diffCsvRows } from './format';

export interface DiffServiceDeps {
  /** The store this core works on: the "live" side. */
  databasePath: string;
  /** The backups folder, whose backups and offline copies a window may compare by name; absent where there is none. */
  folder?: string;
  host: Host;
  savedFiles: SavedFiles;
  now: () => Date;
  nativeBinding?: string;
}

/** What a window calls the store it works on. */
export const LIVE_LABEL = 'Live store';

/**
 * The Compare screen's files: the live store, the files in the backups folder
 * (named by their name alone, checked against the folder's listing, so a name
 * never reaches outside it), and in the desktop app files chosen in an open
 * dialog, remembered by an id for this run (the page never sends a path).
 */
export function createDiffService(deps: DiffServiceDeps) {
  const chosen = new Map<string, string>();

  function folderFile(name: string): string | null {
    if (!deps.folder || !diffFolderNameSchema.safeParse(name).success) return null;
    let names: string[];
    try {
      names = fs.readdirSync(deps.folder);
    } catch {
      return null;
    }
    if (!names.includes(name)) return null;
    const file = path.join(deps.folder, name);
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? file : null;
  }

  function resolve(source: DiffSource): Result<DiffRequest['from']> {
    if (source.kind === 'live') return ok({ file: deps.databasePath, label: LIVE_LABEL, asOf: deps.now().toISOString() });
    if (source.kind === 'folder') {
      const file = folderFile(source.name);
      return file ? ok({ file, label: source.name }) : fail('NOT_FOUND', `There is no file named ${source.name} in the backups folder any more.`);
    }
    const file = chosen.get(source.id);
    return file ? ok({ file, label: path.basename(file) }) : fail('NOT_FOUND', 'That file was chosen in an earlier run of Roster: choose it again.');
  }

  function compare(input: CompareInput, limit?: number): Result<DiffResult> {
    const from = resolve(input.from);
    if (!from.ok) return from;
    const to = resolve(input.to);
    if (!to.ok) return to;
    return computeDiff({ from: from.value, to: to.value, nativeBinding: deps.nativeBinding, ...(limit ? { limit } : {}) });
  }

  return {
    files(): Result<DiffFiles> {
      const files: DiffFiles['files'] = [];
      let names: string[];
      try {
        names = deps.folder ? fs.readdirSync(deps.folder) : [];
      } catch {
        names = []; // No backups folder yet: nothing to list.
      }
      for (const name of names) {
        if (!diffFolderNameSchema.safeParse(name).success) continue;
        const stat = fs.statSync(path.join(deps.folder!, name), { throwIfNoEntry: false });
        if (!stat?.isFile()) continue;
        files.push({ name, kind: parseBackupName(name) ? 'backup' : 'copy', modifiedAt: stat.mtime.toISOString(), size: stat.size });
      }
      files.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || a.name.localeCompare(b.name));
      return ok({ files, canChooseFiles: Boolean(deps.host.chooseCompareFile) });
    },

    async chooseFile(): Promise<Result<{ id: string; name: string } | null>> {
      if (!deps.host.chooseCompareFile) {
        return fail('UNSUPPORTED', 'Browser mode compares only the files in the backups folder (the page never names a file on this computer).');
      }
      const file = await deps.host.chooseCompareFile();
      if (!file) return ok(null);
      const id = randomUUID();
      chosen.set(id, path.resolve(file));
      return ok({ id, name: path.basename(file) });
    },

    /** The first DIFF_WINDOW_LIMIT changes of each section, and every count. */
    compare: (input: CompareInput) => compare(input, DIFF_WINDOW_LIMIT),

    /** Every change as CSV, saved where the person chooses (desktop) or downloaded (browser mode). */
    async exportCsv(input: CompareInput): Promise<Result<ExportResult>> {
      const compared = compare(input);
      if (!compared.ok) return compared;
      const diff = compared.value;
      const day = (at: string) => at.slice(0, 10);
      const name = `roster-changes-${day(diff.from.asOf)}-to-${day(diff.to.asOf)}.csv`;
      return deliverFile(deps.host, deps.savedFiles, name, toCsv(DIFF_CSV_HEADER, diffCsvRows(diff), { bom: true }));
    },
  };
}

export type DiffService = ReturnType<typeof createDiffService>;
