// Refuses import cycles, type-only imports included (ESLint's import-x/no-cycle
// skips `import type`): part of `npm run lint`. Each process is read with its own
// tsconfig, so the @shared alias resolves as the compiler resolves it.
import path from 'node:path';
import madge from 'madge';
import { root } from './electron-sqlite.mjs';

const parts = [
  { name: 'main and shared', paths: ['src/main', 'src/shared'], tsConfig: 'tsconfig.node.json' },
  { name: 'preload', paths: ['src/preload'], tsConfig: 'tsconfig.node.json' },
  { name: 'renderer', paths: ['src/renderer/src'], tsConfig: 'tsconfig.web.json' },
];

let cycles = 0;
for (const part of parts) {
  const graph = await madge(
    part.paths.map((folder) => path.join(root, folder)),
    { baseDir: root, fileExtensions: ['ts', 'tsx'], tsConfig: path.join(root, part.tsConfig), detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } } },
  );
  for (const cycle of graph.circular()) {
    cycles += 1;
    console.error(`Import cycle in ${part.name}: ${[...cycle, cycle[0]].join(' -> ')}`);
  }
}
if (cycles > 0) {
  console.error(`${cycles} import cycle(s): move what both sides need into a module of its own.`);
  process.exit(1);
}
console.log('No import cycles.');
