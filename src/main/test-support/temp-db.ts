import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Actor } from '@shared/schemas/audit';
import { openCore, type Core, type CoreOptions } from '../core';

const made: string[] = [];
const cores: Core[] = [];

afterEach(() => {
  for (const core of cores.splice(0)) core.close();
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder for this test, removed after it. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-test-'));
  made.push(dir);
  return dir;
}

export const TEST_ACTOR: Actor = { type: 'app', name: 'test admin' };

/** A clock that stands still until told to move, so timestamps are exact. */
export function fixedClock(start = '2026-03-01T09:00:00.000Z') {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** A core over a new database in a temporary folder, built by the real migrations. */
export function testCore(options: Partial<CoreOptions> = {}): Core {
  const databasePath = options.databasePath ?? path.join(tempDir(), 'roster.db');
  const core = openCore({
    databasePath,
    actor: TEST_ACTOR,
    host: { info: { version: 'test', mode: 'cli', databasePath, canChooseDatabase: false } },
    validateOutputs: true,
    ...options,
  });
  cores.push(core);
  return core;
}

/** A core whose database already holds an enterprise. */
export async function coreWithEnterprise(options: Partial<CoreOptions> = {}): Promise<Core> {
  const core = testCore(options);
  const created = await core.invoke('enterprise:create', { name: 'Northwind', seats: 50 });
  if (!created.ok) throw new Error(created.error.message);
  return core;
}
