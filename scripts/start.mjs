// `npm start`: builds Roster if its sources changed, then opens the Electron
// window; where Electron cannot run, says why and starts browser mode instead.
//   npm start -- --db FILE      open that database
//   npm start -- --browser      browser mode even where Electron runs
//   npm start -- --port N       browser mode's port (default: a free one)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureElectronSqlite, findElectron, root } from './electron-sqlite.mjs';

const STAMP = path.join(root, 'out', '.build-stamp');
const SOURCES = ['src', 'electron.vite.config.ts', 'package.json', 'tsconfig.base.json'];

function newestChange(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

function buildIfStale() {
  const built = fs.existsSync(STAMP) ? fs.statSync(STAMP).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map((entry) => newestChange(path.join(root, entry))))) return;
  console.log('Building Roster...');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(STAMP, new Date().toISOString());
}

function electronProblem(args) {
  if (args.includes('--browser')) return null;
  const electron = findElectron();
  if ('error' in electron) return `Electron's binary is not available here (${electron.error})`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  }
  try {
    ensureElectronSqlite(electron.path);
  } catch (error) {
    return `better-sqlite3 could not be built for Electron (${error.message})`;
  }
  return { electronPath: electron.path };
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const args = process.argv.slice(2);
buildIfStale();
const electron = electronProblem(args);
const passOn = args.filter((arg) => arg !== '--browser');

if (electron && typeof electron === 'object') {
  run(electron.electronPath, ['.', ...passOn.filter((arg, i, all) => arg !== '--port' && all[i - 1] !== '--port')]);
} else {
  if (electron) console.log(`Roster cannot open its window: ${electron}.\nStarting browser mode instead: the same app, served to your browser on this machine only.\n`);
  run(process.execPath, [path.join(root, 'out', 'main', 'browser.js'), ...passOn]);
}
