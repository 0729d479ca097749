import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { INTERACTIVE_BUSY } from './core';
import { coreWithEnterprise, tempDir } from './test-support/temp-db';

describe('a core serving a window, while another process holds the write lock', () => {
  it('keeps answering other calls, and makes the change once the lock is released', async () => {
    const databasePath = path.join(tempDir(), 'roster.db');
    const core = await coreWithEnterprise({ databasePath, ...INTERACTIVE_BUSY });
    const other = new Database(databasePath);
    other.exec('BEGIN IMMEDIATE');

    const order: string[] = [];
    const creating = core.invoke('orgs:create', { name: 'Engineering' }).then((result) => {
      order.push('created');
      return result;
    });
    // The list is answered while the create still waits: the process is not frozen.
    const listed = await core.invoke('orgs:list');
    order.push('listed');
    expect(listed).toEqual({ ok: true, value: [] });
    other.exec('COMMIT');
    other.close();

    expect(await creating).toMatchObject({ ok: true, value: { name: 'Engineering' } });
    expect(order).toEqual(['listed', 'created']);
  });

  it('notices commits by another process on the same file and announces them', async () => {
    const databasePath = path.join(tempDir(), 'roster.db');
    const core = await coreWithEnterprise({ databasePath, watchIntervalMs: 20 });
    const announced = new Promise((resolve) => core.on('changed', resolve));
    const other = new Database(databasePath);
    other.prepare("INSERT INTO organizations (name, name_key, created_at, updated_at) VALUES ('X', 'x', '2026-01-01', '2026-01-01')").run();
    other.close();
    expect(await announced).toEqual({ areas: ['*'] });
  });
});
