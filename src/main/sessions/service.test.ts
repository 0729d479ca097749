import { describe, expect, it } from 'vitest';
import { DAY_MS } from '@shared/time';
import type { AdminSession } from '@shared/schemas/console-auth';
import type { Result } from '@shared/result';
import { createAdminRepository } from '../admins/repository';
import { createAdminService } from '../admins/service';
import { fixedClock, testCore } from '../test-support/temp-db';
import { createSessionRepository } from './repository';
import { createSessionService } from './service';

const CLI = { type: 'cli', name: 'ops' } as const;

function setup() {
  const clock = fixedClock('2026-12-07T09:00:00.000Z');
  const core = testCore({ now: clock.now });
  const admins = createAdminService({ db: core.db, admins: createAdminRepository(core.db), audit: core.services.audit, now: clock.now });
  const sessions = createSessionService({ db: core.db, sessions: createSessionRepository(core.db), audit: core.services.audit, now: clock.now });
  const ids: Record<string, number> = {};
  for (const [email, role] of [
    ['ana@example.com', 'owner'],
    ['bo@example.com', 'admin'],
  ] as const) {
    const added = admins.add({ email, role }, CLI);
    if (!added.ok) throw new Error(added.error.message);
    ids[email] = added.value.id;
  }
  const start = (email: string) => sessions.start({ adminId: ids[email]!, method: 'password', address: '10.0.0.1', userAgent: 'x'.repeat(600) });
  return { core, clock, admins, sessions, start };
}

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('console sessions', () => {
  it('keep only the hash of the cookie, and a user agent cut to 512 characters', () => {
    const { core, sessions, start } = setup();
    const { cookie, row } = start('bo@example.com');
    expect(row.user_agent).toHaveLength(512);
    const stored = core.db.prepare('SELECT hash FROM admin_sessions').pluck().all() as Buffer[];
    expect(stored.map((hash) => hash.length)).toEqual([32]);
    expect(JSON.stringify(core.db.prepare('SELECT * FROM admin_sessions').all())).not.toContain(cookie);
    expect(sessions.find([cookie])).toMatchObject({ ok: true, session: { id: row.id } });
    expect(sessions.find(['wrong', cookie])).toMatchObject({ ok: true });
  });

  it('answer the most telling reason among several cookies', () => {
    const { sessions, start } = setup();
    const first = start('bo@example.com');
    sessions.signOut(first.row);
    expect(sessions.find(['made-up', first.cookie])).toMatchObject({ ok: false, reason: 'sign-out' });
    expect(sessions.find([])).toMatchObject({ ok: false, reason: 'none' });
  });

  it('are listed for everyone or one admin, live ones only', () => {
    const { clock, sessions, start } = setup();
    start('ana@example.com');
    clock.advance(1000);
    const bo = start('bo@example.com');
    start('bo@example.com');
    sessions.signOut(bo.row);
    const names = (list: AdminSession[]) => list.map((session) => `${session.id} ${session.adminEmail}`);
    expect(names(sessions.list())).toEqual(['1 ana@example.com', '3 bo@example.com']);
    expect(names(sessions.list('BO@example.com'))).toEqual(['3 bo@example.com']);
    clock.advance(13 * 60 * 60 * 1000);
    expect(sessions.list()).toEqual([]);
  });

  it('end with their admin, and only the live ones are counted in the removal', () => {
    const { core, clock, admins, sessions, start } = setup();
    start('bo@example.com');
    clock.advance(13 * 60 * 60 * 1000);
    const live = start('bo@example.com');
    value(admins.remove('bo@example.com', CLI));
    expect(sessions.find([live.cookie])).toMatchObject({ ok: false, reason: 'admin-removed' });
    expect(core.db.prepare('SELECT id, ended_by FROM admin_sessions ORDER BY id').all()).toEqual([
      { id: 1, ended_by: null },
      { id: 2, ended_by: 'admin-removed' },
    ]);
    expect(JSON.parse(core.db.prepare("SELECT after FROM audit_events WHERE action = 'admin.remove'").pluck().get() as string)).toEqual({ revokedTokens: [], endedSessions: 1 });
  });

  it('are deleted 30 days after they ended or ran out, at the next sign-in', () => {
    const { core, clock, sessions, start } = setup();
    const signedOut = start('ana@example.com');
    sessions.signOut(signedOut.row);
    start('bo@example.com'); // goes idle
    clock.advance(29 * DAY_MS);
    const recent = start('bo@example.com');
    const ids = () => core.db.prepare('SELECT id FROM admin_sessions ORDER BY id').pluck().all();
    expect(ids()).toEqual([1, 2, 3]);
    clock.advance(DAY_MS + 1);
    start('ana@example.com');
    expect(ids()).toEqual([2, 3, 4]);
    clock.advance(DAY_MS / 2);
    start('ana@example.com');
    // The idle one ran out 12 hours after its last call; that was 30 days ago now.
    expect(ids()).toEqual([3, 4, 5]);
    expect(sessions.find([recent.cookie])).toMatchObject({ ok: false, reason: 'idle' });
  });
});

describe('the sessions channels on this machine (no server caller)', () => {
  it('list every session and end any, under this process’s own actor', async () => {
    const { core, start } = setup();
    start('ana@example.com');
    start('bo@example.com');
    expect(value(await core.invoke('sessions:list')).map((session) => [session.adminEmail, session.current])).toEqual([
      ['ana@example.com', false],
      ['bo@example.com', false],
    ]);
    expect(value(await core.invoke('sessions:end', { id: 2 }))).toMatchObject({ id: 2, adminEmail: 'bo@example.com' });
    expect(await core.invoke('sessions:end', { id: 9 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(core.db.prepare("SELECT actor_type, actor_name FROM audit_events WHERE action = 'admin.session.end'").all()).toEqual([{ actor_type: 'app', actor_name: 'test admin' }]);
  });
});
