// Electronegativity (Doyensec's Electron security scanner) over what Roster ships:
// the main process, preload and renderer sources, and the built index.html that
// carries the Content-Security-Policy. Its exit status is 0 even with findings,
// so this reads its SARIF log and fails on any finding that the reviewed
// allow-list (.ci/electronegativity-allowlist.json) does not name with a reason.
//   node scripts/security/electronegativity.mjs      (after electron-vite build)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findingsOf, judge } from './sarif-gate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const allowListFile = path.join(root, '.ci', 'electronegativity-allowlist.json');
const builtPage = path.join(root, 'out', 'renderer', 'index.html');
const figuresDir = path.join(root, 'test-results', 'security');
// Needs the network (it looks up Electron's release notes); the rest runs offline.
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];

/** Shipped sources only: tests, test helpers and the unbuilt page template stay out. */
function stage(dir) {
  const keep = (relative) => !/\.test\.tsx?$/.test(relative) && !relative.startsWith(path.join('src', 'main', 'test')) && relative !== path.join('src', 'renderer', 'index.html');
  const copy = (from) => {
    for (const entry of fs.readdirSync(path.join(root, from), { withFileTypes: true })) {
      const relative = path.join(from, entry.name);
      if (entry.isDirectory()) copy(relative);
      else if (/\.(ts|tsx|js|mjs|cjs|html)$/.test(entry.name) && keep(relative)) {
        fs.mkdirSync(path.join(dir, from), { recursive: true });
        fs.copyFileSync(path.join(root, relative), path.join(dir, relative));
      }
    }
  };
  copy('src');
  fs.mkdirSync(path.join(dir, 'out', 'renderer'), { recursive: true });
  fs.copyFileSync(builtPage, path.join(dir, 'out', 'renderer', 'index.html'));
}

function main() {
  if (!fs.existsSync(builtPage)) {
    console.error('electronegativity: build first (npx electron-vite build): the CSP lives in the built out/renderer/index.html.');
    return 1;
  }
  const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-electronegativity-'));
  try {
    const input = path.join(work, 'app');
    const sarifFile = path.join(work, 'electronegativity.sarif');
    stage(input);
    const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity');
    const run = spawnSync(bin, ['-i', input, '-o', sarifFile, '-r', '-e', electronVersion, '-x', EXCLUDED.join(','), '-v', 'false'], {
      cwd: root,
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    if (!fs.existsSync(sarifFile)) {
      console.error(`electronegativity: no SARIF log was written (exit ${run.status}).\n${run.stdout}\n${run.stderr}`);
      return 1;
    }
    const findings = findingsOf(JSON.parse(fs.readFileSync(sarifFile, 'utf8')));
    const verdict = judge(findings, JSON.parse(fs.readFileSync(allowListFile, 'utf8')));
    fs.mkdirSync(figuresDir, { recursive: true });
    fs.copyFileSync(sarifFile, path.join(figuresDir, 'electronegativity.sarif'));
    const figures = { suite: 'electronegativity', findings: findings.length, accepted: verdict.accepted.length, unaccepted: verdict.unaccepted.length, electron: electronVersion };
    fs.writeFileSync(path.join(figuresDir, 'electronegativity.json'), `${JSON.stringify(figures)}\n`);

    for (const finding of verdict.accepted) console.log(`  accepted  ${finding.rule} ${finding.file}:${finding.line} (${finding.reason})`);
    for (const finding of verdict.unaccepted) console.log(`  FINDING   ${finding.rule} ${finding.file}:${finding.line} ${finding.message}`);
    for (const problem of verdict.problems) console.log(`  PROBLEM   ${problem}`);
    console.log(`SECURITY-FIGURES ${JSON.stringify(figures)}`);
    console.log(
      verdict.passed
        ? `Electronegativity (Electron ${electronVersion}): ${findings.length} findings, all on the reviewed allow-list; 0 unaccepted.`
        : `Electronegativity: ${verdict.unaccepted.length} unaccepted finding(s), ${verdict.problems.length} allow-list problem(s). Fix them, or add a reviewed entry with a reason to .ci/electronegativity-allowlist.json.`,
    );
    return verdict.passed ? 0 : 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main();
