import { createRequire } from 'node:module';
import { cliRunnerFile } from './files';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

type RunCli = (argv: string[], io: { out(text: string): void; err(text: string): void; env: NodeJS.ProcessEnv; readStdin?: () => Promise<string> }) => Promise<number>;

let runCli: RunCli | undefined;

/**
 * The `roster` command line's own runCli, run inside this worker: the same
 * commands and store as the built CLI without a process per call. For setting a
 * test up; tests about the command line itself run the built one.
 */
export async function runCliInProcess(dataDir: string, dbPath: string, args: string[], stdin?: string): Promise<CliResult> {
  runCli ??= (createRequire(__filename)(cliRunnerFile()) as { runCli: RunCli }).runCli;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await runCli([...args, '--db', dbPath], {
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    env: { ...process.env, ROSTER_USER_DATA_DIR: dataDir },
    // What the command reads from stdin (`--password-stdin`).
    ...(stdin === undefined ? {} : { readStdin: async () => stdin }),
  });
  return { status, stdout: stdout.join('\n').trim(), stderr: stderr.join('\n').trim() };
}
