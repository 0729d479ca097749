// Builds better-sqlite3 a second time, for Electron's ABI, beside the Node build
// that `npm install` made. The app loads it through better-sqlite3's
// nativeBinding option (src/main/db/native-binding.ts), so tests, the command
// line and browser mode keep loading the Node build from the same install.
//
// Needs Electron's headers from electronjs.org the first time, so it runs only
// where Electron itself could be downloaded: from `npm start`, or by hand with
// `npm run native:electron`. Never from `npm install` or the tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const NATIVE_DIR = path.join(root, 'node_modules', '.roster-native');

/** Keep in step with bindingFileName in src/main/db/native-binding.ts (a test checks). */
export function bindingFileName(sqliteVersion, abi, platform, arch) {
  return `better-sqlite3-${sqliteVersion}-electron-v${abi}-${platform}-${arch}.node`;
}

function installedSqliteVersion() {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
}

/** Asks the Electron binary itself which Node ABI and version it runs. */
export function electronRuntime(electronPath) {
  const probe = spawnSync(electronPath, ['-p', 'process.versions.modules + " " + process.versions.electron'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const [abi, version] = (probe.stdout ?? '').trim().split(' ');
  if (probe.status !== 0 || !abi || !version) {
    throw new Error(`could not run ${electronPath} to read its version (${probe.stderr?.trim() || probe.error?.message || 'no output'})`);
  }
  return { abi, version };
}

/**
 * Compiles better-sqlite3 from its own sources in a scratch copy, so the Node
 * build in node_modules/better-sqlite3/build stays untouched, and returns the
 * path of the compiled file.
 */
export function compileBetterSqlite({ runtime, target, distUrl, nodedir, arch = process.arch, log = console.log }) {
  const source = path.join(root, 'node_modules', 'better-sqlite3');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-sqlite-'));
  try {
    const copy = path.join(scratch, 'better-sqlite3');
    fs.cpSync(source, copy, { recursive: true, filter: (file) => !file.startsWith(path.join(source, 'build')) });

    // npm passes its own config to scripts as npm_config_*; a machine-wide nodedir
    // (Node's headers) would silently build for the wrong ABI, so drop them all.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_config_')));
    const args = [
      path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      'rebuild',
      '--release',
      `--runtime=${runtime}`,
      `--target=${target}`,
      ...(distUrl ? [`--dist-url=${distUrl}`] : []),
      ...(nodedir ? [`--nodedir=${nodedir}`] : []),
      `--arch=${arch}`,
    ];
    log(`Compiling better-sqlite3 for ${runtime} ${target} (this takes a minute or two, once)...`);
    const built = spawnSync(process.execPath, args, { cwd: copy, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (built.status !== 0) {
      const tail = `${built.stdout ?? ''}${built.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
      throw new Error(`node-gyp could not build better-sqlite3 for ${runtime} ${target} (exit ${built.status ?? built.signal}):\n${tail}`);
    }
    const file = path.join(scratch, 'better_sqlite3.node');
    fs.copyFileSync(path.join(copy, 'build', 'Release', 'better_sqlite3.node'), file);
    return { file, scratch };
  } catch (error) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}

/** Makes sure the Electron build exists; returns its path. Throws with a reason a person can act on. */
export function ensureElectronSqlite(electronPath, log = console.log) {
  const { abi, version } = electronRuntime(electronPath);
  const target = path.join(NATIVE_DIR, bindingFileName(installedSqliteVersion(), abi, process.platform, process.arch));
  if (fs.existsSync(target)) return target;
  const { file, scratch } = compileBetterSqlite({ runtime: 'electron', target: version, distUrl: 'https://electronjs.org/headers', log });
  try {
    fs.mkdirSync(NATIVE_DIR, { recursive: true });
    fs.copyFileSync(file, `${target}.tmp`);
    fs.renameSync(`${target}.tmp`, target);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  log(`Built ${path.relative(root, target)}`);
  return target;
}

/**
 * The Electron binary's path, or why there is none. require('electron') fetches
 * the binary the first time (Electron 45 has no install script), which fails
 * where its download host is out of reach.
 */
export function findElectron() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write('\\nELECTRON_PATH=' + require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10 * 60_000,
  });
  const found = /ELECTRON_PATH=(.+)$/.exec(probe.stdout ?? '');
  if (probe.status === 0 && found && fs.existsSync(found[1])) return { path: found[1] };
  // Electron's own message is generic; the first error line says what went wrong (e.g. "fetch failed").
  const cause = (probe.stderr ?? '').split('\n').find((line) => /Error:/.test(line))?.replace(/^\s*\w*Error:\s*/, '').trim();
  return { error: `it is not installed and could not be downloaded${cause ? `: ${cause}` : ''}` };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const electron = findElectron();
  if ('error' in electron) {
    console.error(`Electron's binary is not available here: ${electron.error}.`);
    process.exit(1);
  }
  try {
    ensureElectronSqlite(electron.path);
  } catch (error) {
    console.error(`Could not build better-sqlite3 for Electron: ${error.message}`);
    process.exit(1);
  }
}
