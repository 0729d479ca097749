import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupsFolder } from '../backups/names';
import { bundleWorker } from '../test-support/bundle-worker';
import { damageHeader, damagePageOf, fingerprint, sideFiles } from '../test-support/damage';
import { coreWithEnterprise, tempDir } from '../test-support/temp-db';

/** The command line and browser mode as processes, started on a damaged file: what a person sees there. */

let cli = '';
let browser = '';
const removers: (() => void)[] = [];

beforeAll(async () => {
  const bundledCli = await bundleWorker('src/main/cli/main.ts', 'roster-cli');
  const bundledBrowser = await bundleWorker('src/main/browser/main.ts', 'roster-browser');
  cli = bundledCli.script;
  browser = bundledBrowser.script;
  removers.push(bundledCli.remove, bundledBrowser.remove);
}, 120_000);
afterAll(() => removers.forEach((remove) => remove()));

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (status) => resolve({ status, stdout, stderr })));
}

/** A Roster database in its own user-data folder, closed cleanly, then damaged. */
async function damagedFile(damage: (file: string) => void) {
  const dataDir = tempDir();
  const db = path.join(dataDir, 'roster.db');
  const core = await coreWithEnterprise({ databasePath: db });
  for (let index = 0; index < 300; index += 1) await core.invoke('orgs:create', { name: `Office ${index}` });
  core.close();
  damage(db);
  return { env: { ROSTER_USER_DATA_DIR: dataDir }, db, backupsDir: backupsFolder(dataDir, db) };
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('a damaged database, met by a process', () => {
  it('the roster command prints the message, not a stack trace, and exits 1 with nothing written', async () => {
    for (const damage of [(file: string) => void damagePageOf(file, 'organizations'), (file: string) => damageHeader(file)]) {
      const { env, db, backupsDir } = await damagedFile(damage);
      const before = fingerprint(db);
      const refused = await run(cli, ['orgs', 'add', '--name', 'One more', '--db', db], env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(new RegExp(`^roster: ${db} is damaged: .+ Nothing was changed\\. There is no backup of it in ${backupsDir} to restore`));
      noStackTrace(refused.stderr);
      expect(fingerprint(db)).toEqual(before);
      expect(sideFiles(db)).toEqual([]);
    }
    // Two databases of 300 organizations and two processes started: seconds on a busy machine.
  }, 30_000);

  it('browser mode says the file is damaged and what to do instead of a stack trace, exits 1, and serves nothing', async () => {
    // The header's page size, then the rest of page 1 (where SQLite keeps the schema).
    for (const [from, to] of [[16, 24], [100, 4096]] as const) {
      const { env, db } = await damagedFile((file) => damageHeader(file, from, to));
      const before = fingerprint(db);
      const refused = await run(browser, ['--db', db, '--port', '0'], env);
      expect(refused.status, `bytes ${from} to ${to}`).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(new RegExp(`^${db} is damaged: .+\\. Nothing was changed\\. There is no backup of it in .+ to restore: keep a copy`));
      noStackTrace(refused.stderr);
      expect(fingerprint(db)).toEqual(before);
      expect(sideFiles(db)).toEqual([]);
    }
    // Two databases of 300 organizations and two processes started: seconds on a busy machine.
  }, 30_000);
});
