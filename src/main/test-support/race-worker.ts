// One of several processes racing for the last seats of the same database file
// (see seats/race.test.ts). Opens the store, says "ready", waits for "go" on
// stdin so that every process starts at once, then tries to take a seat
// `attempts` times and prints one JSON line per attempt.
//   node race-worker.cjs <database> <email-prefix> <attempts> <member|invitation|signup|claim>
// member: adds <prefix>-N@race.test by hand; invitation: invites it;
// signup: it signs up, and domain capture on race.test makes it a member or puts it on the waiting list;
// claim: claims the unmanaged account <prefix>-N@race.test, which must exist already.
import { createInterface } from 'node:readline';
import type { Result } from '@shared/result';
import { openCore, type Core } from '../core';

const [databasePath, prefix, attempts, kind] = process.argv.slice(2) as [string, string, string, string];

/** One attempt: ok when it took a seat. A sign-up put on the waiting list took none. */
async function attempt(core: Core, email: string): Promise<{ ok: boolean; code: string | null }> {
  const answer = (result: Result<unknown>) => ({ ok: result.ok, code: result.ok ? null : result.error.code });
  switch (kind) {
    case 'member':
      return answer(await core.invoke('members:add', { email }));
    case 'invitation':
      return answer(await core.invoke('invitations:create', { email }));
    case 'signup': {
      const result = core.services.members.recordSignup(email, '', { type: 'import', name: prefix });
      if (!result.ok) return answer(result);
      return result.value.captured === 'joined' ? { ok: true, code: null } : { ok: false, code: `captured:${result.value.captured}` };
    }
    case 'claim': {
      const found = await core.invoke('domains:unmanaged', { search: email });
      if (!found.ok) return answer(found);
      const account = found.value.rows.find((row) => row.email === email);
      if (!account) return { ok: false, code: 'NOT_UNMANAGED' };
      return answer(await core.invoke('domains:claim', { accountIds: [account.accountId] }));
    }
    default:
      throw new Error(`Unknown kind of attempt: ${kind}`);
  }
}

async function race(): Promise<void> {
  const core = openCore({
    databasePath,
    actor: { type: 'cli', name: prefix },
    host: { info: { version: 'race', mode: 'cli', databasePath, canChooseDatabase: false } },
  });
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line === 'go') break;
  for (let index = 0; index < Number(attempts); index += 1) {
    const email = `${prefix}-${index}@race.test`;
    process.stdout.write(`${JSON.stringify({ email, ...(await attempt(core, email)) })}\n`);
  }
  lines.close();
  core.close();
}

void race();
