// `npm test`: every check Roster has, in order, then one summary line.
//   typecheck (node and web apart) -> lint -> unit tests -> build -> end-to-end tests
// A failed step does not stop the independent ones after it, so one run shows
// everything that is wrong; the end-to-end tests need the build and skip without it.
// ROSTER_E2E_MODE=electron runs the end-to-end tests in Electron's window instead
// of browser mode, where Electron can run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './electron-sqlite.mjs';

const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const results = path.join(root, 'test-results');
const unitReport = path.join(results, 'unit.json');
const e2eReport = path.join(results, 'e2e.json');
fs.mkdirSync(results, { recursive: true });
// Security figures are this run's alone.
fs.rmSync(path.join(results, 'security'), { recursive: true, force: true });

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  return result.status === 0;
}

const steps = [
  {
    name: 'typecheck',
    run: () => ['node', 'web', 'e2e'].map((part) => run(bin('tsc'), ['--noEmit', '-p', `tsconfig.${part}.json`])).every(Boolean),
  },
  {
    name: 'lint',
    // ESLint, then import cycles (type-only imports included), as `npm run lint` does.
    run: () => [run(bin('eslint'), ['--max-warnings', '0', '.']), run(process.execPath, [path.join(root, 'scripts', 'check-cycles.mjs')])].every(Boolean),
  },
  {
    name: 'unit',
    report: unitReport,
    run: () => run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]),
    count: () => {
      const report = readJson(unitReport);
      return report && `${report.numPassedTests}/${report.numTotalTests} passed`;
    },
  },
  {
    name: 'build',
    run: () => run(bin('electron-vite'), ['build', '--logLevel', 'warn']),
  },
  {
    // Electron's security checklist, statically: SARIF gated on .ci/electronegativity-allowlist.json.
    name: 'electronegativity',
    needs: 'build',
    run: () => run(process.execPath, [path.join(root, 'scripts', 'security', 'electronegativity.mjs')]),
    count: () => {
      const figures = readJson(path.join(results, 'security', 'electronegativity.json'));
      return figures && `${figures.findings} findings, ${figures.unaccepted} unaccepted`;
    },
  },
  {
    name: `e2e (${process.env.ROSTER_E2E_MODE === 'electron' ? 'electron' : 'browser mode'})`,
    needs: 'build',
    report: e2eReport,
    // In Electron mode, Playwright's global setup builds better-sqlite3 for Electron first.
    run: () => run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: e2eReport }),
    count: () => {
      const stats = readJson(e2eReport)?.stats;
      if (!stats) return null;
      const total = stats.expected + stats.unexpected + stats.flaky + stats.skipped;
      return `${stats.expected}/${total} passed${stats.skipped ? `, ${stats.skipped} skipped` : ''}`;
    },
  },
];

const started = Date.now();
const outcome = new Map();
for (const step of steps) {
  console.log(`\n━━ ${step.name} ${'━'.repeat(Math.max(0, 60 - step.name.length))}`);
  if (step.needs && outcome.get(step.needs) !== true) {
    console.log(`skipped: ${step.needs} failed`);
    outcome.set(step.name, 'skipped');
    continue;
  }
  if (step.report) fs.rmSync(step.report, { force: true });
  outcome.set(step.name, Boolean(step.run()));
}

// The hostile-input suites' counts (docs/SECURITY.md quotes them), from this run.
const securityFigures = fs.existsSync(path.join(results, 'security'))
  ? fs.readdirSync(path.join(results, 'security')).filter((name) => name.endsWith('.json')).map((name) => readJson(path.join(results, 'security', name))).filter(Boolean)
  : [];
if (securityFigures.length > 0) {
  console.log('\nSecurity figures:');
  for (const figures of securityFigures) {
    console.log(`  ${figures.suite}: ${figures.surface ? `${figures.tried} bad inputs tried, ${figures.accepted} accepted` : `${figures.findings} findings, ${figures.unaccepted} unaccepted`}`);
  }
}

const seconds = Math.round((Date.now() - started) / 1000);
const parts = steps.map((step) => {
  const state = outcome.get(step.name);
  const count = step.count?.();
  const word = state === true ? 'ok' : state === 'skipped' ? 'SKIPPED' : 'FAILED';
  return `${step.name} ${word}${count ? ` (${count})` : ''}`;
});
const failed = steps.filter((step) => outcome.get(step.name) !== true).length;
const verdict = failed === 0 ? 'all passed' : `${failed} of ${steps.length} steps did not pass`;
console.log(`\nRoster tests: ${parts.join(' · ')} — ${verdict} in ${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`);
process.exit(failed === 0 ? 0 : 1);
