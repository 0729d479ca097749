import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(__dirname, '../../..');

/**
 * Bundles a script of main (and the real services it imports) into one file a
 * plain `node` process can run, inside node_modules so that it finds
 * better-sqlite3 there. Answers the script's path and a function removing it.
 */
export async function bundleWorker(entry: string, name: string, beside: Record<string, string> = {}): Promise<{ script: string; remove: () => void }> {
  // Per process: two test runs at once (two engineers, or a watcher) must not delete each other's bundle.
  const outDir = path.join(root, 'node_modules', '.cache', `roster-${name}-${process.pid}`);
  await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { '@shared': path.join(root, 'src/shared') } },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      // Scripts the entry starts by their file name (a worker), bundled beside it as the app's build puts them.
      rollupOptions: {
        input: { [name]: path.join(root, entry), ...Object.fromEntries(Object.entries(beside).map(([other, file]) => [other, path.join(root, file)])) },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  });
  return { script: path.join(outDir, `${name}.cjs`), remove: () => fs.rmSync(outDir, { recursive: true, force: true }) };
}
