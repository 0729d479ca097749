import fs from 'node:fs';
import path from 'node:path';
import type { ImportProgress, ImportStatus, ImportSummary, Rejection } from '@shared/schemas/activity';
import { fail, ok, type Result } from '@shared/result';
import type { ActivityImporter, ImportSource } from './import';

export interface ImportRunnerDeps {
  importer: ActivityImporter;
  onProgress: (progress: ImportProgress) => void;
  /** Called after an import that changed the store (finished or cancelled). */
  onFinished: () => void;
}

/**
 * One import at a time per window: it can be watched (progress events) and
 * cancelled between batches. The file (an import file is the actor of every
 * change it makes) comes from a native dialog in the desktop app or from the
 * page's upload in browser mode; the page never names a path.
 */
export function createImportRunner({ importer, onProgress, onFinished }: ImportRunnerDeps) {
  let running: { fileName: string; controller: AbortController; progress: ImportProgress; ended: Promise<unknown> } | null = null;
  let last: ImportSummary | null = null;
  let closing = false;

  async function run(source: ImportSource, onRejection?: (rejection: Rejection) => void): Promise<Result<ImportSummary>> {
    if (closing) return fail('UNAVAILABLE', `${source.fileName} was not imported: Roster is closing.`);
    if (running) return fail('CONFLICT', `An import of ${running.fileName} is running; wait for it to finish or cancel it first.`);
    const controller = new AbortController();
    let end = () => {};
    const current = {
      fileName: source.fileName,
      controller,
      progress: { fileName: source.fileName, bytesRead: 0, totalBytes: source.totalBytes, lines: 0, rejected: 0 },
      ended: new Promise<void>((resolve) => (end = resolve)),
    };
    running = current;
    try {
      const result = await importer.run(source, { type: 'import', name: source.fileName }, {
        signal: controller.signal,
        onProgress: (progress) => {
          current.progress = progress;
          onProgress(progress);
        },
        onRejection,
      });
      if (result.ok) last = result.value;
      return result;
    } finally {
      running = null;
      end();
      onFinished();
    }
  }

  return {
    run,

    /** Imports a file main was given a path to (by the native dialog, or the command line). */
    async runFile(file: string, onRejection?: (rejection: Rejection) => void): Promise<Result<ImportSummary>> {
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch (error) {
        return fail('NOT_FOUND', `${file} cannot be read: ${(error as Error).message}.`);
      }
      return run({ fileName: path.basename(file), totalBytes: size, open: () => fs.createReadStream(file) }, onRejection);
    },

    /** What runs now and how the last import ended: a page opened (or reloaded) during an import picks it up from here. */
    status(): ImportStatus {
      return { running: running?.progress ?? null, last };
    },

    /** Asks the running import to stop after the batch it is on; false when none runs. */
    cancel(): Result<{ cancelling: boolean }> {
      if (!running) return ok({ cancelling: false });
      running.controller.abort();
      return ok({ cancelling: true });
    },

    /** For quitting: stops the running import after its batch (what it imported stays, as with Cancel), and refuses new ones; resolves when it has stopped. */
    async settle(): Promise<void> {
      closing = true;
      if (!running) return;
      running.controller.abort();
      await running.ended;
    },

    get busy(): boolean {
      return running !== null;
    },
  };
}

export type ImportRunner = ReturnType<typeof createImportRunner>;
