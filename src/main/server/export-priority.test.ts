import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_NICE } from '../jobs/thread-priority';
import { bundleWorker } from '../test-support/bundle-worker';
import { value } from '../test-support/seats-helpers';
import { coreWithEnterprise } from '../test-support/temp-db';
import { threadNiceValues } from '../test-support/thread-nice';
import { openExportReader } from './export-reader';
import { serverInProcess } from './test-support/server-fixture';

let exportWorker: { script: string; remove: () => void };
beforeAll(async () => {
  exportWorker = await bundleWorker('src/main/server/export-worker.ts', 'export-worker');
}, 60_000);
afterAll(() => exportWorker?.remove());

const spools = () => new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('roster-export-')));

async function withMembers() {
  const core = await coreWithEnterprise();
  for (const name of ['ada', 'grace', 'edsger']) value(await core.invoke('members:add', { email: `${name}@acme.com` }));
  const at = { asOf: new Date().toISOString(), rule: core.services.settings.current().reportRule };
  return { core, at };
}

describe('an export in the export worker', () => {
  it('reads its moment whole at once, so the WAL is not held while the client reads, and keeps that moment', async () => {
    const { core, at } = await withMembers();
    const before = spools();
    const reader = openExportReader(core.db.name, { kind: 'report', at, bom: false }, exportWorker.script);
    expect(reader.thread).toBe('worker');
    await reader.begun;
    let csv = (await reader.next())!.text;
    // The first piece comes once every piece is spooled: the read transaction is over, and a
    // checkpoint can empty the WAL (a reader still in its moment would keep it: busy 1).
    value(await core.invoke('members:add', { email: 'after@acme.com' }));
    expect(core.db.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
    for (let piece = await reader.next(); piece !== null; piece = await reader.next()) csv += piece.text;
    reader.close();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(csv).toContain('grace@acme.com');
    expect(csv).not.toContain('after@acme.com');
    await expect.poll(spools).toEqual(before);
  }, 30_000);

  it('removes its spool file when the client goes away part way', async () => {
    const { core, at } = await withMembers();
    const before = spools();
    const reader = openExportReader(core.db.name, { kind: 'report', at, bom: false }, exportWorker.script);
    await reader.begun;
    await reader.next();
    expect(spools().size).toBe(before.size + 1);
    reader.close();
    await expect.poll(spools).toEqual(before);
  }, 30_000);

  it.runIf(process.platform === 'linux')('hands its pieces over at the lowest priority, the server thread untouched', async () => {
    const { core, at } = await withMembers();
    const ownNice = os.getPriority(0);
    const lowered = () => threadNiceValues().filter((nice) => nice === BACKGROUND_NICE).length;
    const before = lowered();
    const reader = openExportReader(core.db.name, { kind: 'report', at, bom: false }, exportWorker.script);
    await reader.begun;
    await reader.next();
    // Spooled, it waits for the server to ask for the next piece at the lowest priority.
    expect(lowered()).toBe(before + 1);
    reader.close();
    expect(os.getPriority(0)).toBe(ownNice);
  }, 30_000);
});

describe('an export through roster server', () => {
  it('is not cut off as an idle connection while the worker reads it whole before its first row', async () => {
    const fixture = await serverInProcess({ exportWorker: exportWorker.script });
    try {
      // Enough members that reading them whole takes longer than the idle limit set below.
      const { db } = fixture.core;
      db.prepare('UPDATE enterprise SET seats = 100000').run();
      const account = db.prepare(
        "INSERT INTO accounts (email, email_key, name, created_at, name_fold, sort_key, email_domain) VALUES (@email, @email, @name, '2026-03-01T00:00:00.000Z', @name, @name, 'acme.com')",
      );
      const member = db.prepare("INSERT INTO members (account_id, source, seat_since) VALUES (?, 'manual', '2026-03-01T00:00:00.000Z')");
      db.transaction(() => {
        for (let i = 0; i < 60_000; i += 1) member.run(account.run({ email: `m${i}@acme.com`, name: `member ${i}` }).lastInsertRowid);
      })();
      await fixture.app.listen({ host: '127.0.0.1', port: 0 });
      // The server's connection timeout, made short: a connection this long without a byte is cut off.
      fixture.app.server.timeout = 150;
      const { port } = fixture.app.server.address() as AddressInfo;
      const answer = await new Promise<{ status: number; body: string; trailer: string | undefined; gapMs: number }>((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/export/report', headers: { authorization: `Bearer ${fixture.tokens.owner}`, 'content-type': 'application/json' } }, (response) => {
          const headersAt = performance.now();
          let gapMs = -1;
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => {
            if (gapMs < 0) gapMs = performance.now() - headersAt;
            chunks.push(chunk);
          });
          response.on('end', () => resolve({ status: response.statusCode!, body: Buffer.concat(chunks).toString('utf8'), trailer: response.trailers['x-roster-summary'], gapMs }));
          response.on('error', reject);
        });
        request.on('error', reject);
        request.end('{}');
      });
      expect(answer.status).toBe(200);
      // The first row came after the idle limit had passed, and the download still ran to its end.
      expect(answer.gapMs).toBeGreaterThan(150);
      expect(answer.trailer).toBeDefined();
      expect(answer.body.split('\r\n').filter(Boolean)).toHaveLength(60_001);
    } finally {
      await fixture.app.close();
    }
  }, 60_000);
});
