// Imports an event file in small batches, printing a line after each committed
// batch, so that activity/killed-import.test.ts can kill it part way through.
//   node import-worker.cjs <database> <file> <batch size>
import fs from 'node:fs';
import path from 'node:path';
import { openCore } from '../core';

const [databasePath, file, batchSize] = process.argv.slice(2) as [string, string, string];

async function importFile(): Promise<void> {
  const core = openCore({
    databasePath,
    actor: { type: 'cli', name: 'import-worker' },
    host: { info: { version: 'worker', mode: 'cli', databasePath, canChooseDatabase: false } },
  });
  await core.services.importer.run(
    { fileName: path.basename(file), totalBytes: null, open: () => fs.createReadStream(file) },
    { type: 'import', name: path.basename(file) },
    { batchSize: Number(batchSize), onProgress: (progress) => process.stdout.write(`${progress.lines}\n`) },
  );
  process.stdout.write('done\n');
  core.close();
}

void importFile();
