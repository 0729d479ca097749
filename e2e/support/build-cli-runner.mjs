// Builds the `roster` command line's runCli (src/main/cli/run.ts) as one CommonJS
// file the Playwright workers can require, so a test's set-up steps run in the
// worker instead of starting a process each. Vite does it, as for the app, since
// the migrations come in through import.meta.glob. An ES module script: the
// global setup loads it by URL, so the test runner's CommonJS transform leaves it alone.
import path from 'node:path';
import { build } from 'vite';

/** Writes `file` (which must sit inside the project, so the bundle finds node_modules). */
export async function buildCliRunner(root, file) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    resolve: { alias: { '@shared': path.join(root, 'src', 'shared') } },
    build: {
      ssr: path.join(root, 'src', 'main', 'cli', 'run.ts'),
      outDir: path.dirname(file),
      emptyOutDir: false,
      minify: false,
      reportCompressedSize: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: path.basename(file) } },
    },
  });
}
