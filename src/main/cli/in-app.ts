import { CLI_FLAG } from '../app/install-command';
import { runCli } from './run';

/**
 * The command line's arguments when the app's own executable was started as
 * `roster` (the script Help → Install 'roster' Command in PATH… writes runs
 * `<app> --roster-cli ARGS`): what follows the flag; null for a normal start.
 * The packaged app cannot run as plain Node (its fuses), so it runs the
 * command line itself, in its main process, and opens no window.
 */
export function cliArgumentsOf(argv: readonly string[]): string[] | null {
  const index = argv.indexOf(CLI_FLAG);
  return index < 0 ? null : argv.slice(index + 1);
}

/** Runs the command line with these arguments on this process's terminal; resolves to its exit status. */
export async function runCliInApp(args: string[]): Promise<number> {
  const readStdin = async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  try {
    return await runCli(args, { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`), env: process.env, readStdin });
  } catch (error) {
    process.stderr.write(`roster: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
