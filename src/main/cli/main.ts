import { exitQuietlyOnBrokenPipe } from './broken-pipe';
import { runCli } from './run';

exitQuietlyOnBrokenPipe(process.stdout, (status) => process.exit(status));

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
}).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`roster: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
