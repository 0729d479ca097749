import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { CLI_FLAG, commandScript, INSTALLED_MARK, installRosterCommand, isOnPath, type InstallDeps } from './install-command';

/** The real file system, with /usr/local/bin mapped into a temporary root (writable or not, as the test says). */
function deps(overrides: Partial<InstallDeps> & { systemWritable?: boolean } = {}) {
  const root = tempDir();
  const home = path.join(root, 'home', 'ana');
  const system = path.join(root, 'usr', 'local', 'bin');
  fs.mkdirSync(system, { recursive: true });
  const mapped = (file: string) => (file.startsWith('/usr/local/bin') ? path.join(root, file) : file);
  const { systemWritable = false, ...rest } = overrides;
  const injected: InstallDeps = {
    platform: 'linux',
    home,
    pathVariable: '/usr/bin:/bin',
    launcher: { kind: 'app', executable: '/opt/Roster/roster' },
    writable: fs.constants.W_OK,
    fs: {
      existsSync: (file) => fs.existsSync(mapped(file)),
      readFileSync: (file, encoding) => fs.readFileSync(mapped(file), encoding),
      writeFileSync: (file, text, options) => fs.writeFileSync(mapped(file), text, options),
      chmodSync: (file, mode) => fs.chmodSync(mapped(file), mode),
      mkdirSync: (dir, options) => fs.mkdirSync(mapped(dir), options),
      accessSync: (dir) => {
        if (dir === '/usr/local/bin' && !systemWritable) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
    },
    ...rest,
  };
  return { injected, home, root, system };
}

describe('installing the roster command', () => {
  it('writes a script that runs the app’s command line with the arguments given, mode 0755, into ~/.local/bin', () => {
    const { injected, home } = deps();
    const result = installRosterCommand(injected);
    const file = path.join(home, '.local', 'bin', 'roster');
    expect(result).toMatchObject({ ok: true, value: { file, onPath: false } });
    expect(fs.readFileSync(file, 'utf8')).toBe(`#!/bin/sh\n${INSTALLED_MARK}\n# Runs Roster’s command line; install it again from the app if the app moves.\nexec '/opt/Roster/roster' ${CLI_FLAG} "$@"\n`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o755);
    // Not on PATH: says so, and how to add it.
    expect(result.ok && result.value.message).toBe(
      `Installed ${file}, but ${path.dirname(file)} is not on your PATH. Add it (for example, add export PATH="${path.dirname(file)}:$PATH" to ~/.profile), then open a new terminal and type "roster --help".`,
    );
  });

  it('uses /usr/local/bin where it may write there, and says the command is ready when the folder is on PATH', () => {
    const { injected, system } = deps({ systemWritable: true, pathVariable: '/usr/local/bin/:/usr/bin' });
    expect(installRosterCommand(injected)).toEqual({
      ok: true,
      value: { file: '/usr/local/bin/roster', onPath: true, message: 'Installed /usr/local/bin/roster. Open a new terminal and type "roster --help".' },
    });
    expect(fs.existsSync(path.join(system, 'roster'))).toBe(true);
  });

  it('never replaces a file named roster that it did not write, and replaces its own (the app moved)', () => {
    const { injected, home } = deps();
    const file = path.join(home, '.local', 'bin', 'roster');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\necho another roster\n', { mode: 0o700 });
    expect(installRosterCommand(injected)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: `${file} already exists and was not installed by Roster, so Roster left it as it is. Remove or rename it, then install the command again.` },
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('#!/bin/sh\necho another roster\n');

    fs.writeFileSync(file, commandScript({ kind: 'app', executable: '/old/place/roster' }), { mode: 0o700 });
    expect(installRosterCommand({ ...injected, launcher: { kind: 'app', executable: "/Applications/Ana's/Roster" } }).ok).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toContain(`exec '/Applications/Ana'\\''s/Roster' ${CLI_FLAG} "$@"`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o755);
  });

  it('from a checkout, runs Node on its bin/roster.cjs', () => {
    expect(commandScript({ kind: 'checkout', script: '/home/ana/roster/bin/roster.cjs' })).toContain(`exec node '/home/ana/roster/bin/roster.cjs' "$@"`);
  });

  it('on Windows, writes nothing and says what to do instead', () => {
    const { injected, home } = deps({ platform: 'win32' });
    expect(installRosterCommand(injected)).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', message: expect.stringMatching(/^On Windows, Roster does not put a command on the PATH: run "npx roster"/) } });
    expect(fs.existsSync(path.join(home, '.local'))).toBe(false);
  });

  it('says plainly when the folder cannot be written', () => {
    const { injected } = deps();
    const refused = installRosterCommand({ ...injected, fs: { ...injected.fs, mkdirSync: () => { throw new Error('EROFS: read-only file system'); } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/^Roster could not write .*roster: EROFS: read-only file system\.$/) } });
  });
});

describe('the PATH check', () => {
  it('finds the folder among PATH’s, resolved, and not as a prefix of another', () => {
    expect(isOnPath('/home/ana/.local/bin', '/usr/bin:/home/ana/.local/bin/', 'linux')).toBe(true);
    expect(isOnPath('/home/ana/.local/bin', '/usr/bin:/home/ana/.local/bin2', 'linux')).toBe(false);
    expect(isOnPath('/usr/local/bin', undefined, 'darwin')).toBe(false);
    expect(isOnPath('/usr/local/bin', '::/usr/local/bin', 'darwin')).toBe(true);
  });
});
