import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_WINDOW_MS } from '@shared/ipc/version';
import { fail, ok } from '@shared/result';
import { fixedClock, testCore } from '../test-support/temp-db';
import { createIdempotency, type Answer } from './idempotency';

// The server's idempotency keys over a real store: a command runs once per admin and key for 24 hours.

function setUp() {
  const core = testCore();
  const clock = fixedClock();
  const keys = createIdempotency(core.db, clock.now);
  let runs = 0;
  const command = (answer: Answer = { status: 200, result: ok({ id: 1 }) }) => async () => {
    runs += 1;
    return answer;
  };
  const count = () => core.db.prepare('SELECT count(*) FROM idempotency_keys').pluck().get();
  return { keys, clock, command, runs: () => runs, count };
}

describe('idempotency keys', () => {
  it('answers a key seen before with the kept Result, for the same admin only, whatever the case of the address', async () => {
    const { keys, command, runs } = setUp();
    expect(await keys.run('Ana@acme.example', 'k1', 'orgs:create', { name: 'Research' }, command())).toEqual({ status: 200, result: ok({ id: 1 }) });
    expect(await keys.run('ana@acme.example', 'k1', 'orgs:create', { name: 'Research' }, command())).toEqual({ status: 200, result: ok({ id: 1 }) });
    expect(runs()).toBe(1);
    await keys.run('bo@acme.example', 'k1', 'orgs:create', { name: 'Research' }, command());
    expect(runs()).toBe(2);
  });

  it('refuses a key used with another channel or body, running nothing', async () => {
    const { keys, command, runs } = setUp();
    await keys.run('ana@acme.example', 'k1', 'orgs:create', { name: 'Research' }, command());
    const other = await keys.run('ana@acme.example', 'k1', 'orgs:create', { name: 'Sales' }, command());
    expect(other).toMatchObject({ status: 422, result: { ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('(orgs:create)') } } });
    expect(await keys.run('ana@acme.example', 'k1', 'teams:create', { name: 'Research' }, command())).toMatchObject({ status: 422 });
    expect(runs()).toBe(1);
  });

  it('waits for a call with the same key still running, and runs it once', async () => {
    const { keys, runs } = setUp();
    let finish!: (answer: Answer) => void;
    const slow = () => {
      return new Promise<Answer>((resolve) => (finish = resolve));
    };
    let ran = 0;
    const first = keys.run('ana@acme.example', 'k1', 'orgs:create', { name: 'Research' }, () => (ran++, slow()));
    const retry = keys.run('ana@acme.example', 'k1', 'orgs:create', { name: 'Research' }, () => (ran++, slow()));
    finish({ status: 200, result: ok({ id: 7 }) });
    expect(await Promise.all([first, retry])).toEqual([
      { status: 200, result: ok({ id: 7 }) },
      { status: 200, result: ok({ id: 7 }) },
    ]);
    expect(ran).toBe(1);
    expect(runs()).toBe(0);
  });

  it('keeps a rule’s refusal, but not a failure that changed nothing and may pass next time', async () => {
    const { keys, command, runs, count } = setUp();
    await keys.run('ana@acme.example', 'refused', 'orgs:create', {}, command({ status: 200, result: fail('CONFLICT', 'Taken.') }));
    expect(await keys.run('ana@acme.example', 'refused', 'orgs:create', {}, command())).toEqual({ status: 200, result: fail('CONFLICT', 'Taken.') });
    await keys.run('ana@acme.example', 'busy', 'orgs:create', {}, command({ status: 200, result: fail('BUSY', 'Busy.') }));
    expect(await keys.run('ana@acme.example', 'busy', 'orgs:create', {}, command())).toEqual({ status: 200, result: ok({ id: 1 }) });
    expect(runs()).toBe(3);
    expect(count()).toBe(2);
  });

  it('forgets a key after 24 hours, and prunes old keys as new ones are written', async () => {
    const { keys, clock, command, runs, count } = setUp();
    await keys.run('ana@acme.example', 'old', 'orgs:create', { name: 'A' }, command());
    clock.advance(IDEMPOTENCY_WINDOW_MS + 1);
    await keys.run('ana@acme.example', 'old', 'orgs:create', { name: 'A' }, command());
    expect(runs()).toBe(2);
    clock.advance(IDEMPOTENCY_WINDOW_MS + 1);
    await keys.run('ana@acme.example', 'new', 'orgs:create', { name: 'B' }, command());
    expect(count()).toBe(1);
  });

  it('says what a key must look like', () => {
    const { keys } = setUp();
    expect(keys.check('3f0c9a52-7d1e-4b8a-9c61-2e5d8f7a4b10')).toEqual(ok('3f0c9a52-7d1e-4b8a-9c61-2e5d8f7a4b10'));
    expect(keys.check('has space')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('Idempotency-Key') } });
    expect(keys.check('x'.repeat(201)).ok).toBe(false);
  });
});
