import { describe, expect, it, vi } from 'vitest';
import { ok } from '@shared/result';
import { channels } from '@shared/ipc/contract';
import { createDispatch, type Handlers } from './dispatch';

const context = { actor: { type: 'app' as const, name: 'tester' } };

/** Handlers that answer every channel with a canned value; tests override the ones they need. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const all = Object.fromEntries(channels.map((channel) => [channel, () => ok(null)])) as unknown as Handlers;
  return { ...all, ...overrides };
}

describe('dispatch', () => {
  it('refuses a channel the contract does not name', async () => {
    const dispatch = createDispatch(handlers(), { context });
    for (const channel of ['orgs:drop', 'constructor', '__proto__', 42, null]) {
      expect(await dispatch(channel, {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Unknown request/) } });
    }
  });

  it('hands the handler the validated, trimmed input and the caller context', async () => {
    const create = vi.fn(() => ok({ id: 1, name: 'X', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1 }));
    const dispatch = createDispatch(handlers({ 'orgs:create': create }), { context });
    await dispatch('orgs:create', { name: '  X  ' });
    expect(create).toHaveBeenCalledWith({ name: 'X' }, context);
  });

  it('never runs the handler for an invalid payload, and says which field is wrong', async () => {
    const create = vi.fn();
    const dispatch = createDispatch(handlers({ 'orgs:create': create }), { context });
    const result = await dispatch('orgs:create', { name: '' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Organization name is required (name).', issues: [{ path: 'name', message: 'Organization name is required' }] },
    });
    expect(create).not.toHaveBeenCalled();
  });

  it('turns an unexpected throw into INTERNAL for the caller, and reports the error to the log', async () => {
    const logError = vi.fn();
    const dispatch = createDispatch(
      handlers({
        'orgs:list': () => {
          throw new Error('disk on fire');
        },
      }),
      { context, logError, logFile: '/home/pat/.config/Roster/roster.log' },
    );
    const result = await dispatch('orgs:list', undefined);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'Roster hit an unexpected problem and changed nothing. Details are in its log, /home/pat/.config/Roster/roster.log.' },
    });
    expect(JSON.stringify(result)).not.toMatch(/disk on fire/);
    expect(logError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk on fire' }), 'orgs:list');
  });

  it('turns a database held by another process into BUSY, which a person can act on', async () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const dispatch = createDispatch(
      handlers({
        'orgs:create': () => {
          throw busy;
        },
      }),
      { context },
    );
    expect(await dispatch('orgs:create', { name: 'X' })).toMatchObject({ ok: false, error: { code: 'BUSY', message: expect.stringMatching(/try again/) } });
  });

  it('retries a call that met another process\'s lock, and succeeds once the lock is gone', async () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    let attempts = 0;
    const flaky = () => {
      attempts += 1;
      if (attempts < 3) throw busy;
      return ok({ id: 9 });
    };
    const patient = createDispatch(handlers({ 'orgs:remove': flaky }), { context, busyRetryMs: 5000 });
    expect(await patient('orgs:remove', { id: 9 })).toEqual({ ok: true, value: { id: 9 } });
    expect(attempts).toBe(3);

    attempts = 0;
    const impatient = createDispatch(handlers({ 'orgs:remove': flaky }), { context });
    expect(await impatient('orgs:remove', { id: 9 })).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    expect(attempts).toBe(1);
  });

  it('announces what a successful command changed, and nothing for queries or refusals', async () => {
    const onChanged = vi.fn();
    const dispatch = createDispatch(handlers({ 'orgs:remove': () => ok({ id: 3 }) }), { context, onChanged });
    await dispatch('orgs:list', undefined);
    await dispatch('orgs:remove', { id: 'three' });
    expect(onChanged).not.toHaveBeenCalled();
    await dispatch('orgs:remove', { id: 3 });
    expect(onChanged).toHaveBeenCalledExactlyOnceWith(['orgs', 'seats']);
  });

  it('catches a handler whose output drifts from the contract, when asked to check outputs', async () => {
    const dispatch = createDispatch(handlers({ 'orgs:remove': () => ok({ id: 'not a number' } as never) }), { context, validateOutputs: true });
    await expect(dispatch('orgs:remove', { id: 1 })).rejects.toThrow();
  });
});
