// Builds Roster into out/ when its sources are newer than the last build.
// Used by `npm start` and by the `roster` command, so neither runs stale code.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src', 'electron.vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.base.json'];
const OUTPUTS = ['out/main/index.js', 'out/main/browser.js', 'out/main/cli.js', 'out/preload/index.js', 'out/renderer/index.html'];

function newestChange(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** The build is stale when any output is missing or older than any source. */
export function isBuildStale() {
  const outputs = OUTPUTS.map((file) => fs.statSync(path.join(root, file), { throwIfNoEntry: false }));
  if (outputs.some((stat) => !stat)) return true;
  const built = Math.min(...outputs.map((stat) => stat.mtimeMs));
  return SOURCES.some((entry) => newestChange(path.join(root, entry)) > built);
}

/** Builds when stale; output goes to stderr so commands that print JSON stay clean. Returns false if the build failed. */
export function buildIfStale() {
  if (!isBuildStale()) return true;
  process.stderr.write('Building Roster (its sources changed)...\n');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  return result.status === 0;
}
