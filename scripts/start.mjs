// `npm start`: builds Roster if its sources changed, then opens the Electron
// window; where Electron cannot run, says why and starts browser mode instead.
//   npm start -- --db FILE      open that database
//   npm start -- --browser      browser mode even where Electron runs
//   npm start -- --port N       browser mode's port (default: a free one)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildIfStale } from './build.mjs';
import { ensureElectronSqlite, findElectron, root } from './electron-sqlite.mjs';

/** Where to show Roster: Electron's window, or browser mode with the reason Electron cannot be used. */
function chooseHost(args) {
  if (args.includes('--browser')) return { host: 'browser' };
  const electron = findElectron();
  if ('error' in electron) return { host: 'browser', reason: `Electron's binary is not available here (${electron.error})` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { host: 'browser', reason: 'there is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  try {
    ensureElectronSqlite(electron.path);
  } catch (error) {
    return { host: 'browser', reason: `better-sqlite3 could not be built for Electron (${error.message})` };
  }
  return { host: 'electron', electronPath: electron.path };
}

/** The arguments without the named flags (and the values of those that take one). */
function without(args, flags, flagsWithValue = []) {
  return args.filter((arg, index) => {
    const name = arg.split('=')[0];
    return !flags.includes(arg) && !flagsWithValue.includes(name) && !(flagsWithValue.includes(args[index - 1]) && !args[index - 1].includes('='));
  });
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const args = process.argv.slice(2);
if (!buildIfStale()) process.exit(1);
const choice = chooseHost(args);
if (choice.host === 'electron') {
  run(choice.electronPath, ['.', ...without(args, ['--browser'], ['--port'])]);
} else {
  if (choice.reason) {
    console.log(`Roster cannot open its window: ${choice.reason}.`);
    console.log('Starting browser mode instead: the same app, served to your browser on this machine only.\n');
  }
  run(process.execPath, [path.join(root, 'out', 'main', 'browser.js'), ...without(args, ['--browser'])]);
}
