import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files that need a process of their own per file (the `forks` pool):
 * they bundle scripts with Vite, spawn real Roster processes, or call fastify's
 * `inject`, none of which works inside a VM context. Every other file runs in
 * `vmForks`: a fresh VM context per file in a reused worker, which halves the
 * unit step (README, "How npm test spends its time"). A file that fails only in
 * vmForks (a bundler or a realm check) belongs here. They share their worker
 * processes' modules (isolate: false): none mocks a module or changes the
 * environment, each opens its own databases and servers, and the modules are
 * then imported once per worker instead of once per file (import time 19 s →
 * 6 s for these files on two cores).
 */
const OWN_PROCESS = [
  'src/main/activity/killed-import.test.ts',
  'src/main/admins/handlers.test.ts',
  'src/main/backups/copy.test.ts',
  'src/main/db/crash-safety.test.ts',
  'src/main/db/damaged-processes.test.ts',
  'src/main/db/two-processes.test.ts',
  'src/main/seats/race.test.ts',
  'src/main/server/*.test.ts',
];

/**
 * The own-process files first, the longest (the crash harness, the server's
 * processes) at the head: they wait on child processes, and the short files
 * in VM contexts fill the cores around them instead of after them.
 */
class OwnProcessFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const weight = (file: TestSpecification) => {
      if (file.project.name !== 'own-process') return 2;
      return /crash-safety|server[\\/]process/.test(file.moduleId) ? 0 : 1;
    };
    return sorted.map((file, index) => ({ file, index })).sort((a, b) => weight(a.file) - weight(b.file) || a.index - b.index).map(({ file }) => file);
  }
}

const alias = { '@shared': resolve(import.meta.dirname, 'src/shared') };
const include = ['src/**/*.test.ts', 'scripts/**/*.test.ts'];

export default defineConfig({
  resolve: { alias },
  test: {
    environment: 'node',
    sequence: { sequencer: OwnProcessFirst },
    projects: [
      // Each test file opens its own temporary databases; forks keep native handles apart.
      { extends: true, test: { name: 'own-process', include: OWN_PROCESS, pool: 'forks', isolate: false } },
      { extends: true, test: { name: 'in-vm', include, exclude: OWN_PROCESS, pool: 'vmForks' } },
    ],
  },
});
