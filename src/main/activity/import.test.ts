import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ImportOptions } from './import';
import type { Core } from '../core';
import { value } from '../test-support/seats-helpers';
import { fixedClock, testCore } from '../test-support/temp-db';

const ACTOR = { type: 'import' as const, name: 'events.ndjson' };

async function setUp(seats = 10) {
  const clock = fixedClock('2026-03-31T12:00:00.000Z');
  const core = testCore({ now: clock.now });
  value(await core.invoke('enterprise:create', { name: 'Acme', seats }));
  return { core, clock };
}

function run(core: Core, fileName: string, text: string, options: ImportOptions = {}) {
  const bytes = Buffer.from(text, 'utf8');
  return core.services.importer.run({ fileName, totalBytes: bytes.length, open: () => Readable.from([bytes]) }, { ...ACTOR, name: fileName }, options);
}

/** Resolves `reached` once the import has committed `lines` lines: the moment a test's stream may fail. */
function committedLines(lines: number): { reached: Promise<void>; onProgress: ImportOptions['onProgress'] } {
  let reach = () => {};
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return { reached, onProgress: (progress) => void (progress.lines >= lines && reach()) };
}

const ndjson = (...events: object[]) => events.map((event) => JSON.stringify(event)).join('\n') + '\n';

/** Everything an import may change, to prove a second import changes none of it. */
function state(core: Core) {
  return {
    accounts: core.db.prepare('SELECT email, name, created_at, last_login_at, last_active_at FROM accounts ORDER BY id').all(),
    members: core.db.prepare('SELECT account_id, source FROM members ORDER BY account_id').all(),
    days: core.db.prepare('SELECT account_id, day FROM activity_days ORDER BY account_id, day').all(),
    invitations: core.db.prepare('SELECT id, status FROM invitations ORDER BY id').all(),
  };
}

const FILE = ndjson(
  { type: 'signup', email: 'Ana@Acme.com', at: '2026-03-01T09:00:00Z', name: 'Ana Lima' },
  { type: 'login', email: 'ana@acme.com', at: '2026-03-02T08:10:00Z' },
  { type: 'open', email: 'ana@acme.com', at: '2026-03-02T08:11:00+01:00' },
  { type: 'open', email: 'ana@acme.com', at: '2026-03-05T23:30:00-02:00' },
);

describe('importing an event file', () => {
  it('creates accounts, sets the last login and records days of activity (in UTC)', async () => {
    const { core } = await setUp();
    const summary = value(await run(core, 'events.ndjson', FILE));
    expect(summary).toMatchObject({ format: 'ndjson', lines: 4, events: { signup: 1, login: 1, open: 2 }, accountsCreated: 1, rejected: 0, cancelled: false });
    expect(state(core).accounts).toEqual([
      { email: 'Ana@acme.com', name: 'Ana Lima', created_at: '2026-03-01T09:00:00.000Z', last_login_at: '2026-03-02T08:10:00.000Z', last_active_at: '2026-03-06T01:30:00.000Z' },
    ]);
    // 08:11 at +01:00 is 07:11 UTC on the 2nd; 23:30 at -02:00 is 01:30 UTC on the 6th.
    expect(state(core).days.map((row) => (row as { day: string }).day)).toEqual(['2026-03-02', '2026-03-06']);
  });

  it('changes nothing the second time the same file is imported', async () => {
    const { core } = await setUp();
    value(await run(core, 'events.ndjson', FILE));
    const before = state(core);
    const again = value(await run(core, 'events.ndjson', FILE));
    expect(again).toMatchObject({ events: { signup: 1, login: 1, open: 2 }, accountsCreated: 0, rejected: 0 });
    expect(state(core)).toEqual(before);
  });

  it('reads CSV with its header in any order, quoted names and a byte-order mark', async () => {
    const { core } = await setUp();
    const csv = '\uFEFFemail,type,name,at\r\nana@acme.com,signup,"Lima, Ana ""Nana""",2026-03-01T09:00:00Z\r\nana@acme.com,open,,2026-03-02T08:11:00Z\r\n';
    const summary = value(await run(core, 'events.csv', csv));
    expect(summary).toMatchObject({ format: 'csv', events: { signup: 1, login: 0, open: 1 }, rejected: 0 });
    expect(core.db.prepare('SELECT name FROM accounts').pluck().get()).toBe('Lima, Ana "Nana"');
  });

  it('refuses a CSV whose header lacks a column, importing nothing', async () => {
    const { core } = await setUp();
    const result = await run(core, 'events.csv', 'kind,email,at\nsignup,ana@acme.com,2026-03-01T09:00:00Z\n');
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/lacks type/) } });
    expect(state(core).accounts).toEqual([]);
  });

  it('rejects each bad line with its number and reason, and imports the good ones', async () => {
    const { core } = await setUp();
    const text = [
      JSON.stringify({ type: 'signup', email: 'ana@acme.com', at: '2026-03-01T09:00:00Z' }),
      '',
      JSON.stringify({ type: 'logout', email: 'ana@acme.com', at: '2026-03-01T09:00:00Z' }),
      JSON.stringify({ type: 'login', email: 'not-an-email', at: '2026-03-01T09:00:00Z' }),
      JSON.stringify({ type: 'login', email: 'ana@acme.com', at: '2026-03-01 09:00' }),
      JSON.stringify({ type: 'login', email: 'ana@acme.com', at: '2026-02-30T09:00:00Z' }),
      JSON.stringify({ type: 'open', email: 'bo@acme.com', at: '2026-03-01T09:00:00Z' }),
      '{"type": "open",',
      '[1, 2]',
      JSON.stringify({ type: 'open', email: 'ana@acme.com', at: '2027-01-01T00:00:00Z' }),
      JSON.stringify({ type: 'open', email: 'ana@acme.com', at: '2026-03-02T09:00:00Z' }),
    ].join('\n');
    const summary = value(await run(core, 'events.ndjson', text));
    expect(summary).toMatchObject({ lines: 11, events: { signup: 1, login: 0, open: 1 }, rejected: 8 });
    expect(summary.rejections).toEqual([
      { line: 3, reason: 'unknown event type ("logout"); it must be signup, login or open' },
      { line: 4, reason: expect.stringMatching(/^"not-an-email" is not a valid email address/) },
      { line: 5, reason: expect.stringMatching(/is not ISO 8601 with a zone/) },
      { line: 6, reason: expect.stringMatching(/"2026-02-30T09:00:00Z" is not ISO 8601/) },
      { line: 7, reason: 'there is no account for bo@acme.com (its signup must come first)' },
      { line: 8, reason: 'not valid JSON' },
      { line: 9, reason: 'not a JSON object' },
      { line: 10, reason: 'the time 2027-01-01T00:00:00Z is in the future' },
    ]);
  });

  it('keeps the days of the retention window only, but moves the last active time for older opens too', async () => {
    const { core } = await setUp();
    // 90 days before 2026-03-31 is 2025-12-31: the first day kept.
    value(await run(core, 'old.ndjson', ndjson(
      { type: 'signup', email: 'ana@acme.com', at: '2025-10-01T09:00:00Z' },
      { type: 'open', email: 'ana@acme.com', at: '2025-12-30T09:00:00Z' },
      { type: 'open', email: 'ana@acme.com', at: '2025-12-31T09:00:00Z' },
    )));
    expect(state(core).days.map((row) => (row as { day: string }).day)).toEqual(['2025-12-31']);
    expect(state(core).accounts[0]).toMatchObject({ last_active_at: '2025-12-31T09:00:00.000Z' });
  });

  it('goes through invitation acceptance and domain capture for signups', async () => {
    const { core } = await setUp(1);
    value(await core.invoke('invitations:create', { email: 'ana@acme.com' }));
    const summary = value(await run(core, 'events.ndjson', ndjson({ type: 'signup', email: 'ana@acme.com', at: '2026-03-01T09:00:00Z' })));
    expect(summary).toMatchObject({ invitationsAccepted: 1, accountsCreated: 1 });
    expect(state(core).members).toEqual([{ account_id: 1, source: 'invitation' }]);
  });

  it('dates a captured seat from the sign-up, and lists a locked-out sign-up without auditing it again on a second import', async () => {
    const { core } = await setUp(1);
    core.db.prepare(`INSERT INTO domains (domain, token, verified_at, verified_by, capture, lock, created_at, updated_at)
      VALUES ('acme.com', 't', '2026-01-01T00:00:00.000Z', 'dns', 1, 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
             ('globex.com', 'u', '2026-01-01T00:00:00.000Z', 'dns', 0, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`).run();
    const file = ndjson(
      { type: 'signup', email: 'ana@acme.com', at: '2026-02-10T09:00:00Z' },
      { type: 'signup', email: 'bo@globex.com', at: '2026-02-11T09:00:00Z' },
    );
    const first = value(await run(core, 'events.ndjson', file));
    expect(first).toMatchObject({ captured: 1, rejected: 1 });
    expect(first.rejections[0]!.reason).toMatch(/^globex\.com is locked/);
    expect(core.db.prepare('SELECT seat_since FROM members').pluck().get()).toBe('2026-02-10T09:00:00.000Z');
    const audited = () => core.db.prepare("SELECT count(*) FROM audit_events WHERE action = 'signup.refused'").pluck().get();
    expect(audited()).toBe(0);
    value(await run(core, 'events.ndjson', file));
    expect(audited()).toBe(0);
  });

  it('commits whole batches, and a cancelled import keeps only the batches it finished', async () => {
    const { core } = await setUp();
    const events = [{ type: 'signup', email: 'ana@acme.com', at: '2026-03-01T09:00:00Z' }];
    for (let day = 1; day <= 25; day += 1) events.push({ type: 'open', email: 'ana@acme.com', at: `2026-03-${String(day).padStart(2, '0')}T09:00:00Z` });
    const controller = new AbortController();
    const progress: number[] = [];
    const summary = value(
      await run(core, 'events.ndjson', ndjson(...events), {
        batchSize: 10,
        signal: controller.signal,
        onProgress: (at) => {
          progress.push(at.lines);
          if (at.lines >= 20) controller.abort();
        },
      }),
    );
    expect(progress).toEqual([10, 20]);
    expect(summary).toMatchObject({ cancelled: true, committedLines: 20, lines: 20, events: { signup: 1, open: 19 } });
    expect(state(core).days).toHaveLength(19);
    expect(core.db.prepare("SELECT action FROM audit_events WHERE target_type = 'import'").pluck().all()).toEqual(['import.cancel']);
  });

  it('rolls back the batch an error interrupts, keeping the batches before it', async () => {
    const { core } = await setUp();
    const lines = [JSON.stringify({ type: 'signup', email: 'ana@acme.com', at: '2026-03-01T09:00:00Z' })];
    for (let day = 1; day <= 15; day += 1) lines.push(JSON.stringify({ type: 'open', email: 'ana@acme.com', at: `2026-03-${String(day).padStart(2, '0')}T09:00:00Z` }));
    // The stream fails after the first 12 lines: the second batch (lines 11-12 read so far) never commits.
    const head = Buffer.from(lines.slice(0, 12).join('\n') + '\n');
    const firstBatch = committedLines(10);
    async function* failing() {
      yield head;
      await firstBatch.reached;
      throw Object.assign(new Error('disk went away'), { code: 'EIO', syscall: 'read' });
    }
    const result = await core.services.importer.run({ fileName: 'events.ndjson', totalBytes: null, open: () => Readable.from(failing()) }, ACTOR, { batchSize: 10, onProgress: firstBatch.onProgress });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/disk went away/) } });
    expect(state(core).days).toHaveLength(9);
  });

  it('rejects a line too long to be an event without holding it, and goes on', async () => {
    const { core } = await setUp();
    const huge = `{"type":"open","email":"ana@acme.com","at":"2026-03-02T09:00:00Z","pad":"${'x'.repeat(300_000)}"}`;
    const text = [JSON.stringify({ type: 'signup', email: 'ana@acme.com', at: '2026-03-01T09:00:00Z' }), huge, JSON.stringify({ type: 'open', email: 'ana@acme.com', at: '2026-03-03T09:00:00Z' })].join('\n');
    // Fed in small pieces, as a disk or a network hands it over.
    const bytes = Buffer.from(text);
    const pieces = Array.from({ length: Math.ceil(bytes.length / 4096) }, (_, index) => bytes.subarray(index * 4096, (index + 1) * 4096));
    const summary = value(await core.services.importer.run({ fileName: 'events.ndjson', totalBytes: bytes.length, open: () => Readable.from(pieces) }, ACTOR));
    expect(summary.rejections).toEqual([{ line: 2, reason: 'longer than 64 KB, which no event is' }]);
    expect(summary.events).toEqual({ signup: 1, login: 0, open: 1 });
  });

  it('rejects an overlong CSV record, keeping what came before it', async () => {
    const { core } = await setUp();
    const csv = `type,email,at,name\nsignup,ana@acme.com,2026-03-01T09:00:00Z,Ana\nsignup,bo@acme.com,2026-03-01T09:00:00Z,"${'y'.repeat(100_000)}\n`;
    const summary = value(await run(core, 'events.csv', csv));
    expect(summary.events.signup).toBe(1);
    expect(summary.rejections).toHaveLength(1);
    expect(summary.rejections[0]!.reason).toMatch(/the CSV cannot be read from here on/);
  });

  it('ends an upload cut off part way with a clear error and an audit event saying how far it got', async () => {
    const { core } = await setUp();
    const lines = [JSON.stringify({ type: 'signup', email: 'ana@acme.com', at: '2026-03-01T09:00:00Z' })];
    for (let day = 1; day <= 12; day += 1) lines.push(JSON.stringify({ type: 'open', email: 'ana@acme.com', at: `2026-03-${String(day).padStart(2, '0')}T09:00:00Z` }));
    const twoBatches = committedLines(10);
    async function* aborted() {
      yield Buffer.from(lines.join('\n') + '\n');
      await twoBatches.reached;
      // What node:http gives when the browser goes away mid-upload: no syscall.
      throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    }
    const result = await core.services.importer.run({ fileName: 'events.ndjson', totalBytes: null, open: () => Readable.from(aborted()) }, ACTOR, {
      batchSize: 5,
      onProgress: twoBatches.onProgress,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: 'events.ndjson could not be read to the end (aborted). Lines 1 to 10 were imported; import it again to finish (nothing is imported twice).' } });
    const end = core.db.prepare("SELECT action, after FROM audit_events WHERE target_type = 'import'").get() as { action: string; after: string };
    expect(end.action).toBe('import.fail');
    expect(JSON.parse(end.after)).toMatchObject({ committedLines: 10 });
  });
});

describe('retention', () => {
  it('deletes days older than the window at start, and never keeps less than 90 days even under a shorter report rule', async () => {
    const { core } = await setUp();
    value(await run(core, 'e.ndjson', ndjson(
      { type: 'signup', email: 'ana@acme.com', at: '2025-10-01T09:00:00Z' },
      { type: 'open', email: 'ana@acme.com', at: '2026-01-05T09:00:00Z' },
      { type: 'open', email: 'ana@acme.com', at: '2026-03-30T09:00:00Z' },
    )));
    value(await core.invoke('settings:update', { reportRule: { shownDays: 7, blankDays: 14, trackingSince: '2025-05-20' } }));
    const { pruneActivity } = await import('./retention');
    const prune = () => pruneActivity({ db: core.db, activity: core.services.activity, settings: core.services.settings, audit: core.services.audit, now: () => new Date('2026-04-10T00:00:00Z') });
    // 90 days before 2026-04-10 is 2026-01-10: the 5 January day goes, the 30 March day stays.
    expect(prune()).toBe(1);
    expect(state(core).days.map((row) => (row as { day: string }).day)).toEqual(['2026-03-30']);
    expect(state(core).accounts[0]).toMatchObject({ last_active_at: '2026-03-30T09:00:00.000Z' });
    expect(prune()).toBe(0);
    expect(core.db.prepare("SELECT count(*) FROM audit_events WHERE action = 'activity.prune'").pluck().get()).toBe(1);
  });
});

describe('a login imported since tracking began (docs/RULES.md, A1)', () => {
  it('records the day of the login as a day of activity, and a login before tracking only as a login', async () => {
    const { core } = await setUp();
    const summary = value(
      await run(
        core,
        'logins.ndjson',
        ndjson(
          { type: 'signup', email: 'ana@acme.com', at: '2025-01-10T09:00:00Z' },
          { type: 'signup', email: 'bo@acme.com', at: '2025-01-10T09:00:00Z' },
          { type: 'login', email: 'ana@acme.com', at: '2026-03-25T08:00:00Z' },
          { type: 'login', email: 'bo@acme.com', at: '2025-05-19T08:00:00Z' },
        ),
      ),
    );
    expect(summary).toMatchObject({ events: { signup: 2, login: 2, open: 0 }, rejected: 0 });
    expect(state(core).accounts).toMatchObject([
      { email: 'ana@acme.com', last_login_at: '2026-03-25T08:00:00.000Z', last_active_at: '2026-03-25T08:00:00.000Z' },
      { email: 'bo@acme.com', last_login_at: '2025-05-19T08:00:00.000Z', last_active_at: null },
    ]);
    expect(state(core).days).toEqual([{ account_id: 1, day: '2026-03-25' }]);
    // Imported again: nothing changes.
    const before = state(core);
    value(await run(core, 'logins.ndjson', ndjson({ type: 'login', email: 'ana@acme.com', at: '2026-03-25T08:00:00Z' })));
    expect(state(core)).toEqual(before);
  });
});
