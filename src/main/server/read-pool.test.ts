import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fail } from '@shared/result';
import { bundleWorker } from '../test-support/bundle-worker';
import { coreWithEnterprise } from '../test-support/temp-db';
import { createReadPool, type ReadPool } from './read-pool';
import { serverInProcess } from './test-support/server-fixture';

// The worker as the build makes it (read-worker.ts and the real services it imports, bundled).
let worker: { script: string; remove: () => void };
beforeAll(async () => {
  worker = await bundleWorker('src/main/server/read-worker.ts', 'read-worker');
}, 120_000);
afterAll(() => worker?.remove());

const pools: ReadPool[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.close();
});

async function storeWithMembers() {
  const core = await coreWithEnterprise();
  for (const email of ['ana@acme.example', 'bo@acme.example', 'cy@acme.example']) expect((await core.invoke('members:add', { email })).ok).toBe(true);
  const local = vi.fn(core.dispatch);
  const logged: string[] = [];
  const pool = createReadPool(core.db.name, worker.script, local, (message) => logged.push(message));
  pools.push(pool);
  return { core, local, pool, logged };
}

describe('the read workers', () => {
  it('answer the console\u2019s queries from their own connection, exactly as the server\u2019s thread does', async () => {
    const { core, local, pool } = await storeWithMembers();
    const list = { filter: { search: 'bo' }, sort: { by: 'email', desc: true }, offset: 0, limit: 50 };
    const page = await pool.dispatch('seats:list', list);
    expect(page).toEqual(await core.dispatch('seats:list', list));
    expect(page).toMatchObject({ ok: true, value: { total: 1, rows: [{ email: 'bo@acme.example' }] } });
    const accountId = (page as { value: { rows: { accountId: number }[] } }).value.rows[0]!.accountId;
    expect(await pool.dispatch('members:get', { accountId })).toEqual(await core.dispatch('members:get', { accountId }));
    expect(await pool.dispatch('seats:usage', undefined)).toEqual(await core.dispatch('seats:usage', undefined));
    // The same refusal of a bad input, by the same contract.
    expect(await pool.dispatch('seats:list', { limit: 0 })).toEqual(await core.dispatch('seats:list', { limit: 0 }));
    expect(local).not.toHaveBeenCalled();
  });

  it('answer the Activity screen\u2019s reads (each reads every member) as the server\u2019s thread does', async () => {
    const { core, local, pool } = await storeWithMembers();
    const asOf = '2026-12-07T12:00:00.000Z';
    for (const [channel, input] of [
      ['report:summary', { asOf }],
      ['report:page', { selection: { asOf, search: 'acme' }, sort: { by: 'email', desc: true }, limit: 2 }],
      ['report:inactive', { asOf, inactiveDays: 30 }],
    ] as const) {
      const answer = await pool.dispatch(channel, input);
      expect(answer).toMatchObject({ ok: true });
      expect(answer).toEqual(await core.dispatch(channel, input));
    }
    expect(local).not.toHaveBeenCalled();
  });

  it('see a change the moment the server\u2019s thread has committed it', async () => {
    const { core, pool } = await storeWithMembers();
    await pool.dispatch('seats:usage', undefined);
    expect((await core.invoke('members:add', { email: 'di@acme.example' })).ok).toBe(true);
    expect(await pool.dispatch('seats:usage', undefined)).toMatchObject({ ok: true, value: { members: 4 } });
  });

  it('leave every other channel, commands above all, to the server\u2019s thread', async () => {
    const { local, pool } = await storeWithMembers();
    expect(await pool.dispatch('orgs:create', { name: 'Research' })).toMatchObject({ ok: true, value: { name: 'Research' } });
    expect(await pool.dispatch('audit:list', {})).toMatchObject({ ok: true });
    expect(local.mock.calls.map(([channel]) => channel)).toEqual(['orgs:create', 'audit:list']);
    expect(pool.running()).toBe(2);
  });

  it('hand the calls of a worker that stops to the server\u2019s thread, say why, and start one again after a wait that doubles while it keeps failing', async () => {
    const logged: string[] = [];
    const local = vi.fn(async () => fail('INTERNAL', 'ran on the thread'));
    let clock = 0;
    // A worker that cannot open its store stops at once, with the call it was given.
    const broken = createReadPool('/nonexistent/roster.db', worker.script, local, (message) => logged.push(message), { size: 1, now: () => clock });
    pools.push(broken);
    const stops = () => logged.filter((line) => line.startsWith('A read worker stopped')).length;
    // The worker started with the pool stops; until its wait is over, calls run on the server's thread and none is started.
    await vi.waitFor(() => expect(stops()).toBe(1));
    expect(logged[0]).toMatch(/A read worker stopped: Cannot open database because the directory does not exist \(started again in 1 s at the earliest\)/);
    for (let call = 0; call < 5; call += 1) expect(await broken.dispatch('seats:usage', undefined)).toEqual(fail('INTERNAL', 'ran on the thread'));
    expect(broken.running()).toBe(0);
    expect(stops()).toBe(1);
    // Once the wait is over the next call starts one again; it fails again, and the next wait is twice as long.
    clock = 1_000;
    expect(await broken.dispatch('seats:usage', undefined)).toEqual(fail('INTERNAL', 'ran on the thread'));
    await vi.waitFor(() => expect(stops()).toBe(2));
    expect(logged.at(-1)).toMatch(/started again in 2 s at the earliest/);
    clock = 2_999;
    await broken.dispatch('seats:usage', undefined);
    expect(broken.running()).toBe(0);
    expect(stops()).toBe(2);
    expect(local).toHaveBeenCalledTimes(7);
  });
});

describe('roster server with read workers', () => {
  it('serves the console\u2019s pages from them and everything else as before', async () => {
    const fixture = await serverInProcess({ readWorker: worker.script });
    try {
      const call = (channel: string, body: unknown) =>
        fixture.app.inject({
          method: 'POST',
          url: `/api/invoke/${channel}`,
          headers: { authorization: `Bearer ${fixture.tokens.admin}`, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
      expect((await call('members:add', { email: 'ana@acme.example' })).json()).toMatchObject({ ok: true });
      const page = await call('seats:list', {});
      expect(page.statusCode).toBe(200);
      expect(page.json()).toEqual(await fixture.core.dispatch('seats:list', {}));
      expect(page.json()).toMatchObject({ ok: true, value: { total: 1, rows: [{ email: 'ana@acme.example' }] } });
      // An auditor may read the page, never change it: the role is checked before any worker is asked.
      const refused = await fixture.app.inject({
        method: 'POST',
        url: '/api/invoke/members:add',
        headers: { authorization: `Bearer ${fixture.tokens.auditor}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'bo@acme.example' }),
      });
      expect(refused.statusCode).toBe(403);
    } finally {
      await fixture.app.close();
    }
  });
});
