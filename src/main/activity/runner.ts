import fs from 'node:fs';
import path from 'node:path';
import type { ImportProgress, ImportSummary } from '@shared/schemas/activity';
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
  let running: { fileName: string; controller: AbortController } | null = null;

  async function run(source: ImportSource): Promise<Result<ImportSummary>> {
    if (running) return fail('CONFLICT', `An import of ${running.fileName} is running; wait for it to finish or cancel it first.`);
    const controller = new AbortController();
    running = { fileName: source.fileName, controller };
    try {
      const result = await importer.run(source, { type: 'import', name: source.fileName }, { signal: controller.signal, onProgress });
      return result;
    } finally {
      running = null;
      onFinished();
    }
  }

  return {
    run,

    /** Imports a file main was given a path to (by the native dialog, or the command line). */
    async runFile(file: string): Promise<Result<ImportSummary>> {
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch (error) {
        return fail('NOT_FOUND', `${file} cannot be read: ${(error as Error).message}.`);
      }
      return run({ fileName: path.basename(file), totalBytes: size, open: () => fs.createReadStream(file) });
    },

    /** Asks the running import to stop after the batch it is on; false when none runs. */
    cancel(): Result<{ cancelling: boolean }> {
      if (!running) return ok({ cancelling: false });
      running.controller.abort();
      return ok({ cancelling: true });
    },

    get busy(): boolean {
      return running !== null;
    },
  };
}

export type ImportRunner = ReturnType<typeof createImportRunner>;
