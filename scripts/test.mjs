// `npm test`: every check Roster has, then one summary line.
//   typecheck, lint and build side by side -> electronegativity -> unit tests -> end-to-end tests
// On two cores, the single-threaded checks (tsc, ESLint, the build) fill both when
// run together; the unit and end-to-end tests spread over the cores themselves, and
// run alone so their timeouts are not eaten by the other steps.
// A failed step does not stop the independent ones after it, so one run shows
// everything that is wrong; the end-to-end tests need the build and skip without it.
// ROSTER_E2E_MODE=electron runs the end-to-end tests in Electron's window instead
// of browser mode, where Electron can run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

/**
 * Runs one command. Alone, its output goes straight to the terminal; beside
 * others, it is kept in `output` and printed whole when its step ends.
 */
function run(command, args, { env = {}, output } = {}) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: output ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, ...env, ...(output && process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) },
    shell: process.platform === 'win32',
  });
  if (output) {
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
  }
  return new Promise((resolve) => {
    child.once('error', (error) => {
      output?.push(Buffer.from(`${error.message}\n`));
      resolve(false);
    });
    child.once('close', (code) => resolve(code === 0));
  });
}

const all = async (runs) => (await Promise.all(runs)).every(Boolean);

// Steps of one phase run side by side (a step with `needs` in its phase starts when
// that one ends); each phase starts when the one before has ended.
const steps = [
  {
    name: 'typecheck',
    phase: 1,
    run: (output) => all(['node', 'web', 'e2e'].map((part) => run(bin('tsc'), ['--noEmit', '-p', `tsconfig.${part}.json`], { output }))),
  },
  {
    name: 'lint',
    phase: 1,
    // ESLint, and import cycles (type-only imports included), as `npm run lint` does. ESLint keeps a cache in
    // node_modules/.cache (by each file's content and the configuration): a run after a small change lints only what
    // changed (16 s alone on two cores, 1.5 s from the cache); a clean clone has none and lints everything.
    run: (output) =>
      all([
        run(bin('eslint'), ['--max-warnings', '0', '--cache', '--cache-location', 'node_modules/.cache/eslint/', '.'], { output }),
        run(process.execPath, [path.join(root, 'scripts', 'check-cycles.mjs')], { output }),
      ]),
  },
  {
    name: 'build',
    phase: 1,
    run: (output) => run(bin('electron-vite'), ['build', '--logLevel', 'warn'], { output }),
  },
  {
    // Electron's security checklist, statically: SARIF gated on .ci/electronegativity-allowlist.json.
    name: 'electronegativity',
    phase: 1,
    needs: 'build',
    run: (output) => run(process.execPath, [path.join(root, 'scripts', 'security', 'electronegativity.mjs')], { output }),
    count: () => {
      const figures = readJson(path.join(results, 'security', 'electronegativity.json'));
      return figures && `${figures.findings} findings, ${figures.unaccepted} unaccepted`;
    },
  },
  {
    name: 'unit',
    phase: 2,
    report: unitReport,
    // Alone in its phase, so every core: Vitest's own default leaves one idle (one worker on two cores).
    run: (output) => run(bin('vitest'), ['run', `--maxWorkers=${os.availableParallelism()}`, '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`], { output }),
    count: () => {
      const report = readJson(unitReport);
      return report && `${report.numPassedTests}/${report.numTotalTests} passed`;
    },
  },
  {
    name: `e2e (${process.env.ROSTER_E2E_MODE === 'electron' ? 'electron' : 'browser mode'})`,
    phase: 3,
    needs: 'build',
    report: e2eReport,
    // In Electron mode, Playwright's global setup builds better-sqlite3 for Electron first.
    run: (output) => run(bin('playwright'), ['test', '--reporter=list,json'], { env: { PLAYWRIGHT_JSON_OUTPUT_FILE: e2eReport }, output }),
    count: () => {
      const stats = readJson(e2eReport)?.stats;
      if (!stats) return null;
      const total = stats.expected + stats.unexpected + stats.flaky + stats.skipped;
      return `${stats.expected}/${total} passed${stats.skipped ? `, ${stats.skipped} skipped` : ''}`;
    },
  },
];

const duration = (ms) => {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
};
const header = (name) => `\n━━ ${name} ${'━'.repeat(Math.max(0, 60 - name.length))}`;

const started = Date.now();
const outcome = new Map();
const running = new Map();

/** One step: waits for what it needs, runs, then prints under its header (at once when it runs alone). */
async function runStep(step, alone) {
  if (step.needs) await running.get(step.needs);
  if (step.needs && outcome.get(step.needs) !== true) {
    console.log(`${header(step.name)}\nskipped: ${step.needs} failed`);
    outcome.set(step.name, 'skipped');
    return;
  }
  if (step.report) fs.rmSync(step.report, { force: true });
  if (alone) console.log(header(step.name));
  const output = alone ? undefined : [];
  const stepStarted = Date.now();
  const passed = await step.run(output);
  outcome.set(step.name, passed);
  if (output) process.stdout.write(`${header(step.name)}\n${Buffer.concat(output).toString()}`);
  console.log(`${step.name}: ${passed ? 'ok' : 'FAILED'} in ${duration(Date.now() - stepStarted)}`);
}

for (const phase of [...new Set(steps.map((step) => step.phase))]) {
  const inPhase = steps.filter((step) => step.phase === phase);
  for (const step of inPhase) running.set(step.name, runStep(step, inPhase.length === 1));
  await Promise.all(inPhase.map((step) => running.get(step.name)));
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

const parts = steps.map((step) => {
  const state = outcome.get(step.name);
  const count = step.count?.();
  const word = state === true ? 'ok' : state === 'skipped' ? 'SKIPPED' : 'FAILED';
  return `${step.name} ${word}${count ? ` (${count})` : ''}`;
});
const failed = steps.filter((step) => outcome.get(step.name) !== true).length;
const verdict = failed === 0 ? 'all passed' : `${failed} of ${steps.length} steps did not pass`;
console.log(`\nRoster tests: ${parts.join(' · ')} — ${verdict} in ${duration(Date.now() - started)}`);
process.exit(failed === 0 ? 0 : 1);
