// One of several processes racing for the last seats of the same database file
// (see seats/race.test.ts). Opens the store, says "ready", waits for "go" on
// stdin so that every process starts at once, then tries to take a seat
// `attempts` times and prints one JSON line per attempt.
//   node race-worker.cjs <database> <email-prefix> <attempts> <member|invitation>
import { createInterface } from 'node:readline';
import { openCore } from '../core';

const [databasePath, prefix, attempts, kind] = process.argv.slice(2) as [string, string, string, string];

async function race(): Promise<void> {
  const core = openCore({
    databasePath,
    actor: { type: 'cli', name: prefix },
    host: { info: { version: 'race', mode: 'cli', databasePath, canChooseDatabase: false } },
  });
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line === 'go') break;
  for (let attempt = 0; attempt < Number(attempts); attempt += 1) {
    const email = `${prefix}-${attempt}@race.test`;
    const result = kind === 'member' ? await core.invoke('members:add', { email }) : await core.invoke('invitations:create', { email });
    process.stdout.write(`${JSON.stringify({ email, ok: result.ok, code: result.ok ? null : result.error.code })}\n`);
  }
  lines.close();
  core.close();
}

void race();
