import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BROWSER_MAIN } from './files';

export interface RemoteBrowserMode {
  child: ChildProcess;
  /** The one-time address it printed. */
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Browser mode on a Roster server (`browser.js --server URL --token T`): its
 * own user-data folder, a free port; resolves with the address it prints, or
 * rejects with what it said when it exits first (a version it cannot work with).
 */
export function startRemoteBrowserMode(server: string, token: string): Promise<RemoteBrowserMode> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-e2e-remote-'));
  const child = spawn(process.execPath, [BROWSER_MAIN, '--server', server, '--token', token, '--port', '0'], {
    env: { ...process.env, ROSTER_USER_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\n/.exec(output)?.[1];
      if (url) resolve({ child, url, output: () => output, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      reject(Object.assign(new Error(`browser mode exited with ${code}:\n${output}`), { output, code }));
    });
  });
}
