import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type * as CliRunner from './support/build-cli-runner.mjs';
import { CLI_MAIN, cliRunnerFile, root, SEED_ARGS, SUPPORT_ENV, templateFile } from './support/files';
import { runCliInProcess } from './support/in-process-cli';
import type * as ElectronSqlite from '../scripts/electron-sqlite.mjs';

/** An ES module script, loaded by URL, so the test runner's CommonJS transform leaves it alone. */
const importScript = (file: string): Promise<unknown> => import(pathToFileURL(file).href);

/** Runs the built command line once; rejects with what it printed when it fails. */
function runBuiltCli(args: string[], dataDir: string): Promise<void> {
  const child = spawn(process.execPath, [CLI_MAIN, ...args], { env: { ...process.env, ROSTER_USER_DATA_DIR: dataDir }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`"roster ${args.join(' ')}" failed (${code}): ${stderr}`))));
  });
}

/** Folders left by runs whose process is gone (a run removes its own when it ends). */
function removeStaleSupportDirs(parent: string): void {
  for (const name of fs.existsSync(parent) ? fs.readdirSync(parent) : []) {
    const pid = Number(/^e2e-support-(\d+)$/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

/**
 * End-to-end tests drive the built app; say so plainly instead of failing every
 * test. In Electron mode, make sure better-sqlite3 is built for Electron too.
 * Then, once per run: each seeded database (tests copy it instead of seeding
 * their own) and the command line's runCli bundled for the workers' set-up steps.
 */
export default async function globalSetup(): Promise<() => void> {
  if (!fs.existsSync(path.join(root, 'out', 'main', 'browser.js'))) {
    throw new Error('Roster is not built. Run "npm run build" (or the whole suite with "npm test") first.');
  }
  if (process.env.ROSTER_E2E_MODE === 'electron') {
    const { ensureElectronSqlite, findElectron } = (await importScript(path.join(root, 'scripts', 'electron-sqlite.mjs'))) as typeof ElectronSqlite;
    const electron = findElectron();
    if ('error' in electron) throw new Error(`ROSTER_E2E_MODE=electron, but Electron's binary is not available: ${electron.error}.`);
    ensureElectronSqlite(electron.path);
  }

  // Inside the project, so the bundle finds node_modules; the workers inherit the variable.
  const results = path.join(root, 'test-results');
  removeStaleSupportDirs(results);
  const dir = path.join(results, `e2e-support-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'user-data'), { recursive: true });
  process.env[SUPPORT_ENV] = dir;

  try {
    const { buildCliRunner } = (await importScript(path.join(__dirname, 'support', 'build-cli-runner.mjs'))) as typeof CliRunner;
    await Promise.all([
      buildCliRunner(root, cliRunnerFile(dir)),
      // Made by the built command line, as each test's seeding was; closed cleanly, so no -wal is left to copy.
      ...Object.entries(SEED_ARGS).map(([seed, args]) => runBuiltCli([...args, '--db', templateFile(seed as keyof typeof SEED_ARGS, dir)], path.join(dir, 'user-data'))),
    ]);
    await refuseStaleBuild(dir);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

const schemaVersion = (file: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw new Error(`Could not read the schema version of ${file}: ${(error as Error).message}`, { cause: error });
  } finally {
    db.close();
  }
};

/**
 * Set-up steps run the sources' command line, the app runs out/: with a
 * migration added since the last build, every arranged database would be
 * upgraded past what the app opens. Say so once instead of failing each test.
 */
async function refuseStaleBuild(dir: string): Promise<void> {
  const probe = path.join(dir, 'probe.db');
  fs.copyFileSync(templateFile('enterprise', dir), probe);
  const result = await runCliInProcess(path.join(dir, 'user-data'), probe, ['seats']);
  if (result.status !== 0) throw new Error(`The end-to-end set-up could not run "roster seats" in process: ${result.stderr}`);
  const [built, sources] = [schemaVersion(templateFile('enterprise', dir)), schemaVersion(probe)];
  if (built !== sources) {
    throw new Error(`The build in out/ is older than the sources (database schema ${built}, the sources' ${sources}). Run "npm run build" first.`);
  }
}
