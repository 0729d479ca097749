import fs from 'node:fs';
import path from 'node:path';

/** The scripts the server runs in worker threads: exports (export-worker.ts), backups (backups/copy-worker.ts) and the console's reads (read-worker.ts). */
export type WorkerName = 'export-worker' | 'copy-worker' | 'read-worker';

/**
 * Where a built worker is: beside the server's own bundle (out/main), under
 * either extension a bundler gives it. This code may sit in a shared chunk
 * (out/main/chunks, as it does once the command line loads the server only
 * for `roster server`), so the folder above is looked in too. Null where
 * there is none (the tests' sources): the work then runs on the server's
 * thread a step at a time.
 */
export function findWorker(name: WorkerName, dir: string = __dirname): string | null {
  for (const folder of [dir, path.dirname(dir)]) {
    for (const file of [`${name}.js`, `${name}.cjs`]) {
      const found = path.join(folder, file);
      if (fs.existsSync(found)) return found;
    }
  }
  return null;
}
