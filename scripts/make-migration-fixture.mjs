// Writes the committed migration fixture of one or more schema versions:
// src/main/db/test-support/fixtures/vNNNN.sql, a SQL dump of a database built by migrations
// 1..N only and filled with data that version could hold (seed.ts).
//   node scripts/make-migration-fixture.mjs 9        # after adding migration 0010
//   node scripts/make-migration-fixture.mjs 1 2 3    # several at once
// Whoever adds migration N+1 adds the fixture of version N (the upgrade test
// fails until they do), after adding to seed.ts whatever version N introduced.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { root } from './electron-sqlite.mjs';

const versions = process.argv.slice(2);
if (versions.length === 0 || versions.some((version) => !/^\d+$/.test(version))) {
  process.stderr.write('usage: node scripts/make-migration-fixture.mjs VERSION...\n');
  process.exit(2);
}

// Inside the project, so the bundle finds better-sqlite3 in node_modules.
const outDir = path.join(root, 'node_modules', '.cache', 'roster-make-fixture');
await build({
  configFile: false,
  logLevel: 'silent',
  resolve: { alias: { '@shared': path.join(root, 'src/shared') } },
  build: {
    ssr: path.join(root, 'src/main/db/test-support/fixtures/make-fixture.ts'),
    outDir,
    emptyOutDir: true,
    rollupOptions: { output: { format: 'cjs', entryFileNames: 'make-fixture.cjs' } },
  },
});
const result = spawnSync(process.execPath, [path.join(outDir, 'make-fixture.cjs'), path.join(root, 'src/main/db/test-support/fixtures'), ...versions], { stdio: 'inherit' });
fs.rmSync(outDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
