import { exitQuietlyOnBrokenPipe } from './broken-pipe';
import type { CliIo } from './command';
import { runCommandLine } from './report-alone';

exitQuietlyOnBrokenPipe(process.stdout, (status) => process.exit(status));

const argv = process.argv.slice(2);
const io: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

// A local `roster report` runs without the rest of the command line (report-alone.ts); systemOpener is loaded for the others.
import('./open-browser')
  .then(({ systemOpener }) => runCommandLine(argv, { ...io, openBrowser: systemOpener() }))
  .then(
    (status) => {
      process.exitCode = status;
    },
    async (error: unknown) => {
      const { cliLog } = await import('./open-core');
      cliLog({ env: process.env, out: () => undefined, err: () => undefined }).error(error, `roster ${process.argv[2] ?? ''}`.trim());
      process.stderr.write(`roster: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
