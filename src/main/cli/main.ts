import { exitQuietlyOnBrokenPipe } from './broken-pipe';
import { systemOpener } from './open-browser';
import { cliLog } from './open-core';
import { runCli } from './run';

exitQuietlyOnBrokenPipe(process.stdout, (status) => process.exit(status));

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  openBrowser: systemOpener(),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
}).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    cliLog({ env: process.env, out: () => undefined, err: () => undefined }).error(error, `roster ${process.argv[2] ?? ''}`.trim());
    process.stderr.write(`roster: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
