import path from 'node:path';
import { fail, ok, type Result } from '@shared/result';

/** How the installed `roster` starts the command line. */
export type CliLauncher =
  /** The packaged app's own executable, in its command-line mode (index.ts, CLI_FLAG): its fuses forbid running it as plain Node. */
  | { kind: 'app'; executable: string }
  /** A checkout (the app run from source): Node on the project's bin/roster.cjs, which builds first when the sources changed. */
  | { kind: 'checkout'; script: string };

/** The argument that makes the app's executable run the command line instead of opening a window. */
export const CLI_FLAG = '--roster-cli';

/** The line that marks a `roster` file as this installer's: one without it is someone else's and is never replaced. */
export const INSTALLED_MARK = '# Installed by the Roster app (Help → Install ‘roster’ Command in PATH…).';

/** The file system calls the installer makes, injected so tests run on a folder of their own. */
export interface InstallFs {
  existsSync(file: string): boolean;
  readFileSync(file: string, encoding: 'utf8'): string;
  writeFileSync(file: string, text: string, options: { mode: number }): void;
  chmodSync(file: string, mode: number): void;
  mkdirSync(dir: string, options: { recursive: true }): unknown;
  /** Throws when the folder cannot be written (fs.accessSync with W_OK). */
  accessSync(dir: string, mode: number): void;
}

export interface InstallDeps {
  platform: NodeJS.Platform;
  home: string;
  /** The PATH the app was started with, to say whether the folder is on it. */
  pathVariable: string | undefined;
  launcher: CliLauncher;
  fs: InstallFs;
  /** fs.constants.W_OK */
  writable: number;
}

export interface Installed {
  file: string;
  /** Whether `roster` typed in a new terminal finds it: the folder is on PATH. */
  onPath: boolean;
  /** What to tell the person: where it is, and what to do when the folder is not on PATH. */
  message: string;
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The script written as `roster`: POSIX sh, running the command line with its arguments as given. */
export function commandScript(launcher: CliLauncher): string {
  const run = launcher.kind === 'app' ? `exec ${quote(launcher.executable)} ${CLI_FLAG} "$@"` : `exec node ${quote(launcher.script)} "$@"`;
  return ['#!/bin/sh', INSTALLED_MARK, '# Runs Roster’s command line; install it again from the app if the app moves.', run, ''].join('\n');
}

/** Whether `dir` is one of PATH's folders (compared resolved, a trailing slash ignored). */
export function isOnPath(dir: string, pathVariable: string | undefined, platform: NodeJS.Platform): boolean {
  const separator = platform === 'win32' ? ';' : ':';
  const target = path.resolve(dir);
  return (pathVariable ?? '').split(separator).some((entry) => entry !== '' && path.resolve(entry) === target);
}

/** Where the command goes: /usr/local/bin where this user may write there (it is on PATH everywhere), else ~/.local/bin. */
function targetFolder(deps: InstallDeps): string {
  const system = '/usr/local/bin';
  try {
    deps.fs.accessSync(system, deps.writable);
    return system;
  } catch {
    return path.join(deps.home, '.local', 'bin');
  }
}

/**
 * Help → Install 'roster' Command in PATH…, as code editors install theirs:
 * a small script named `roster` that runs this app's command line, so a
 * terminal starts it without npm's own start. A file named roster that this
 * installer did not write is left alone; on Windows, the person is told what
 * to do instead.
 */
export function installRosterCommand(deps: InstallDeps): Result<Installed> {
  if (deps.platform === 'win32') {
    return fail(
      'UNSUPPORTED',
      'On Windows, Roster does not put a command on the PATH: run "npx roster" in a checkout of Roster, or add the checkout’s bin folder to your PATH (see the README, "The roster command").',
    );
  }
  const dir = targetFolder(deps);
  const file = path.join(dir, 'roster');
  if (deps.fs.existsSync(file)) {
    let text = '';
    try {
      text = deps.fs.readFileSync(file, 'utf8');
    } catch {
      // Unreadable: not ours either.
    }
    if (!text.includes(INSTALLED_MARK)) {
      return fail('CONFLICT', `${file} already exists and was not installed by Roster, so Roster left it as it is. Remove or rename it, then install the command again.`);
    }
  }
  try {
    deps.fs.mkdirSync(dir, { recursive: true });
    deps.fs.writeFileSync(file, commandScript(deps.launcher), { mode: 0o755 });
    // writeFileSync's mode applies only to a new file (and is masked by umask): an older script gets it too.
    deps.fs.chmodSync(file, 0o755);
  } catch (error) {
    return fail('UNAVAILABLE', `Roster could not write ${file}: ${(error as Error).message}.`);
  }
  const onPath = isOnPath(dir, deps.pathVariable, deps.platform);
  const message = onPath
    ? `Installed ${file}. Open a new terminal and type "roster --help".`
    : `Installed ${file}, but ${dir} is not on your PATH. Add it (for example, add export PATH="${dir}:$PATH" to ~/.profile), then open a new terminal and type "roster --help".`;
  return ok({ file, onPath, message });
}
