import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServerProcess, type ServerProcess } from '../../src/main/server/test-support/server-process';
import { CLI_MAIN, templateFile, type Seed } from './files';
import { runCliInProcess } from './in-process-cli';

/** An admin to add before the server starts: a password makes them able to sign in to the console with it. */
export interface ConsoleAdmin {
  email: string;
  role: 'owner' | 'admin' | 'auditor';
  name?: string;
  password?: string;
}

export interface ConsoleServer {
  server: ServerProcess;
  dataDir: string;
  dbPath: string;
  /** The built command line on the server's machine, on the server's store (another process, as an admin there runs it). */
  roster(...args: string[]): { status: number | null; stdout: string; stderr: string };
  /**
   * Stops the server (SIGTERM), runs `meanwhile` while it is down, and starts it
   * again on the same port and store; sessions live in the store and hold.
   */
  restart(meanwhile?: () => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real `roster server` on a copy of a seeded store, with admins added by the
 * command line first, as an owner sets one up on the server's machine. One per
 * spec file: starting one costs about a second.
 */
export async function startConsoleServer(seed: Exclude<Seed, 'empty'>, admins: readonly ConsoleAdmin[], args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ConsoleServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-e2e-console-'));
  const dbPath = path.join(dataDir, 'roster.db');
  fs.copyFileSync(templateFile(seed), dbPath);
  const processEnv = { ...process.env, ROSTER_USER_DATA_DIR: dataDir };
  const roster = (...words: string[]) => {
    const result = spawnSync(process.execPath, [CLI_MAIN, ...words, '--db', dbPath], { encoding: 'utf8', env: processEnv });
    return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
  };
  // Through the command line's own code in this worker: no process per admin.
  for (const admin of admins) {
    const words = ['admins', 'add', '--email', admin.email, '--role', admin.role, ...(admin.name ? ['--name', admin.name] : []), ...(admin.password ? ['--password-stdin'] : [])];
    const added = await runCliInProcess(dataDir, dbPath, words, admin.password ? `${admin.password}\n` : undefined);
    if (added.status !== 0) throw new Error(`roster ${words.join(' ')}: ${added.stderr}`);
  }
  const start = (port: string) => startServerProcess(CLI_MAIN, ['--db', dbPath, '--port', port, ...args], { ROSTER_USER_DATA_DIR: dataDir, ...env });
  const stop = async (running: ServerProcess) => {
    if (running.child.exitCode === null) running.child.kill('SIGTERM');
    await running.exited;
  };
  const handle: ConsoleServer = {
    server: await start('0'),
    dataDir,
    dbPath,
    roster,
    async restart(meanwhile) {
      const port = new URL(handle.server.url).port;
      await stop(handle.server);
      meanwhile?.();
      handle.server = await start(port);
    },
    async close() {
      await stop(handle.server);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}
