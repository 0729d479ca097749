import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '@shared/result';
import { INTERACTIVE_BUSY, openCore, type Core } from '../core';
import { bundleWorker } from '../test-support/bundle-worker';
import { value } from '../test-support/seats-helpers';
import { tempDir } from '../test-support/temp-db';

// The app (as browser mode opens it) and `roster scim serve`
// in another process, writing to one database file at the same time.

let cli: { script: string; remove: () => void };
beforeAll(async () => {
  cli = await bundleWorker('src/main/cli/main.ts', 'roster-cli');
}, 60_000);
afterAll(() => cli?.remove());

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** `roster scim serve --db FILE --port 0` in its own process; resolves with its base URL once it says it. */
function serveScim(database: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, [cli.script, 'scim', 'serve', '--db', database, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const match = /^SCIM 2\.0 at (\S+)$/.exec(line);
      if (match) resolve({ child, baseUrl: match[1]! });
      else reject(new Error(`roster scim serve said: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`roster scim serve exited with ${code}`)));
  });
}

/** The app as browser mode opens it: short lock waits with retries, and the data_version watch. */
function openApp(database: string): Core {
  return openCore({
    databasePath: database,
    actor: { type: 'app', name: 'admin' },
    host: { info: { version: 'test', mode: 'browser', databasePath: database, canChooseDatabase: false } },
    watchIntervalMs: 1000,
    ...INTERACTIVE_BUSY,
  });
}

describe('the app and roster scim serve on one database', () => {
  it('write at once without a lost update or a busy error, and the app hears of every SCIM change', async () => {
    const database = path.join(tempDir(), 'roster.db');
    const app = openApp(database);
    const stops: (() => void)[] = [() => app.close()];
    try {
      value(await app.invoke('enterprise:create', { name: 'Two Processes', seats: 500 }));
      const org = value(await app.invoke('orgs:create', { name: 'Shared' }));
      const { secret } = value(app.scim.tokens.create({ name: 'Okta' }, { type: 'app', name: 'admin' }));
      const { child, baseUrl } = await serveScim(database);
      stops.push(() => child.kill('SIGTERM'));
      const scim = async (method: string, url: string, body: unknown) => {
        const response = await fetch(`${baseUrl}${url}`, {
          method,
          headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/scim+json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json().catch(() => null)) as { id?: string; detail?: string } | null };
      };

      // Both processes write as fast as they can, at the same time.
      const ROUNDS = 60;
      const appFailures: string[] = [];
      const scimFailures: string[] = [];
      const check = <T>(result: Result<T>, what: string): T | null => {
        if (result.ok) return result.value;
        appFailures.push(`${what}: ${result.error.code} ${result.error.message}`);
        return null;
      };
      const appTeams: string[] = [];
      const scimGroups: { id: string; name: string; members: Set<string> }[] = [];
      const scimUsers: { id: string; email: string }[] = [];

      const appWrites = (async () => {
        let team: number | null = null;
        for (let i = 0; i < ROUNDS; i += 1) {
          const member = check(await app.invoke('members:add', { email: `app${i}@two.test` }), `members:add ${i}`);
          if (i % 6 === 0) {
            const created = check(await app.invoke('teams:create', { name: `App Team ${i}` }), 'teams:create');
            if (created) {
              team = created.id;
              appTeams.push(created.name);
              check(await app.invoke('teams:link', { teamId: created.id, orgIds: [org.id] }), 'teams:link');
            }
          }
          if (member && team !== null) check(await app.invoke('teams:addMembers', { teamId: team, accountIds: [member.accountId] }), 'teams:addMembers');
          if (member) check(await app.invoke('orgs:addMembers', { orgId: org.id, accountIds: [member.accountId], role: 'member' }), 'orgs:addMembers');
        }
      })();
      const scimWrites = (async () => {
        for (let i = 0; i < ROUNDS; i += 1) {
          if (i % 10 === 0) {
            const name = `Okta Group ${i}`;
            const answer = await scim('POST', '/Groups', { schemas: [GROUP], displayName: name });
            if (answer.status === 201) scimGroups.push({ id: answer.body!.id!, name, members: new Set() });
            else scimFailures.push(`POST /Groups: ${answer.status} ${answer.body?.detail}`);
          }
          const email = `scim${i}@two.test`;
          const created = await scim('POST', '/Users', { schemas: [USER], userName: email, emails: [{ value: email, primary: true }], active: true });
          if (created.status !== 201) {
            scimFailures.push(`POST /Users ${email}: ${created.status} ${created.body?.detail}`);
            continue;
          }
          scimUsers.push({ id: created.body!.id!, email });
          const group = scimGroups[i % scimGroups.length]!;
          const patched = await scim('PATCH', `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'add', path: 'members', value: [{ value: created.body!.id }] }] });
          if (patched.status >= 300) scimFailures.push(`PATCH /Groups/${group.id}: ${patched.status} ${patched.body?.detail}`);
          else group.members.add(email);
        }
      })();
      await Promise.all([appWrites, scimWrites]);

      const busy = [...appFailures, ...scimFailures].filter((failure) => /BUSY|locked|busy/.test(failure));
      console.info(`[two processes] ${JSON.stringify({ appWrites: ROUNDS, scimWrites: scimUsers.length, busy: busy.length, appFailures: appFailures.length, scimFailures: scimFailures.length })}`);
      expect(busy).toEqual([]);
      expect(appFailures).toEqual([]);
      expect(scimFailures).toEqual([]);

      // Nothing either process wrote was lost to the other's.
      const db = app.db;
      const emails = (sql: string, ...params: unknown[]) => (db.prepare(sql).pluck().all(...params) as string[]).sort();
      const holders = emails('SELECT a.email FROM members m JOIN accounts a ON a.id = m.account_id');
      const expected = [...Array.from({ length: ROUNDS }, (_, i) => `app${i}@two.test`), ...scimUsers.map((user) => user.email)].sort();
      expect(holders).toEqual(expected);
      expect(db.prepare('SELECT member_count FROM enterprise').pluck().get()).toBe(expected.length);
      expect(value(await app.invoke('seats:usage'))).toMatchObject({ members: expected.length });
      expect(emails("SELECT name FROM teams WHERE source = 'manual'")).toEqual([...appTeams].sort());
      for (const group of scimGroups) {
        expect(emails('SELECT a.email FROM team_members tm JOIN teams t ON t.id = tm.team_id JOIN accounts a ON a.id = tm.account_id WHERE t.scim_id = ?', group.id)).toEqual([...group.members].sort());
      }
      expect(emails('SELECT a.email FROM org_memberships o JOIN accounts a ON a.id = o.account_id')).toEqual(Array.from({ length: ROUNDS }, (_, i) => `app${i}@two.test`).sort());
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Both processes wrote audit events into one hash chain: each read the newest event inside its own write.
      expect(app.services.audit.verify()).toMatchObject({ whole: true, broken: null });

      // Each SCIM write reaches the app as a change event ('*', from the data_version watch): the test waits for the
      // event after which the app sees the new member, never for time. An event for an earlier change is not it.
      for (let i = 0; i < 4; i += 1) {
        const email = `late${i}@two.test`;
        const visible = app.db.prepare('SELECT 1 FROM accounts WHERE email = ?').pluck();
        const heard = new Promise<void>((resolve) => {
          const stop = app.on('changed', ({ areas }) => {
            if (!areas.includes('*') || visible.get(email) === undefined) return;
            stop();
            resolve();
          });
          stops.push(stop);
        });
        const answer = await scim('POST', '/Users', { schemas: [USER], userName: email, emails: [{ value: email, primary: true }], active: true });
        expect(answer.status).toBe(201);
        await heard;
        expect(value(await app.invoke('members:find', { email }))).toMatchObject({ email });
      }
    } finally {
      for (const stop of stops.reverse()) stop();
    }
  }, 60_000);
});
