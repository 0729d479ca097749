import { describe, expect, it } from 'vitest';
import { createSessionRepository } from '../sessions/repository';
import { createSessionService } from '../sessions/service';
import { fixedClock, testCore } from '../test-support/temp-db';
import { roster } from './test-support/cli';

/** A store with two admins signed in to the console (sessions 1 and 2), on the clock of today. */
async function store() {
  const clock = fixedClock(new Date().toISOString());
  const core = testCore({ now: clock.now });
  const sessions = createSessionService({ db: core.db, sessions: createSessionRepository(core.db), audit: core.services.audit, now: clock.now });
  for (const [email, role] of [
    ['ana@example.com', 'owner'],
    ['bo@example.com', 'auditor'],
  ] as const) {
    const added = await core.invoke('admins:add', { email, role });
    if (!added.ok) throw new Error(added.error.message);
    sessions.start({ adminId: added.value.id, method: 'password', address: '10.0.0.7', userAgent: null });
  }
  return core.db.name;
}

describe('roster sessions', () => {
  it('lists the signed-in consoles and ends one by its ID; --json prints only JSON', async () => {
    const db = await store();
    const listed = await roster('sessions', 'list', '--db', db);
    expect(listed.status).toBe(0);
    const lines = listed.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID\s+ADMIN\s+ROLE\s+METHOD\s+ADDRESS\s+SIGNED IN\s+LAST SEEN\s+ENDS BY$/);
    expect(lines[1]).toMatch(/^1\s+ana@example\.com\s+owner\s+password\s+10\.0\.0\.7\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(lines[2]).toMatch(/^2\s+bo@example\.com\s+auditor/);

    expect(await roster('sessions', 'end', '--id', '2', '--db', db)).toMatchObject({
      status: 0,
      stdout: 'Ended session 2 of bo@example.com: their console asks them to sign in again.',
    });
    const json = await roster('sessions', 'list', '--json', '--db', db);
    expect(json.stderr).toBe('');
    expect((JSON.parse(json.stdout) as { id: number; adminEmail: string }[]).map((session) => [session.id, session.adminEmail])).toEqual([[1, 'ana@example.com']]);
  });

  it('refuses an ID that is not a live session, or not a number, saying so', async () => {
    const db = await store();
    expect(await roster('sessions', 'end', '--id', '9', '--db', db)).toMatchObject({ status: 1, stderr: expect.stringContaining('There is no live session #9') });
    expect((await roster('sessions', 'end', '--id', 'two', '--db', db)).status).toBe(2);
    expect((await roster('sessions', 'list', '--db', db)).stdout.split('\n')).toHaveLength(3);
  });
});
