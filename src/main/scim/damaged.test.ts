import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { damagePage, pagesOf } from '../test-support/damage';
import { value } from '../test-support/seats-helpers';
import { coreWithEnterprise, TEST_ACTOR, tempDir, testCore } from '../test-support/temp-db';

const started: Core[] = [];
afterEach(async () => {
  for (const core of started.splice(0)) await core.scim.stop();
});

describe('the SCIM server on a damaged database', () => {
  it('answers 503 with a short detail (no paths), and the request log keeps the message naming the backup', async () => {
    const dataDir = tempDir();
    const databasePath = path.join(dataDir, 'roster.db');
    const first = await coreWithEnterprise({ databasePath });
    value(await first.invoke('seats:set', { seats: 500 }));
    const { secret } = value(first.scim.tokens.create({ name: 'Okta' }, TEST_ACTOR));
    for (let index = 0; index < 200; index += 1) value(await first.invoke('members:add', { email: `person.${index}@acme.example` }));
    first.close();
    // Every page of the accounts table but its root: listing users meets the damage.
    for (const page of pagesOf(databasePath, 'accounts').slice(1)) damagePage(databasePath, page);

    const core = testCore({ databasePath, backupsDir: path.join(dataDir, 'backups'), quickCheckUpToBytes: 0 });
    const status = value(await core.scim.start('127.0.0.1', 0));
    started.push(core);
    const response = await fetch(`${status.baseUrl}/Users?count=500`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '503',
      detail: "Roster's database is damaged, so nothing was changed. Roster's administrator must restore a backup.",
    });

    const logged = value(await core.invoke('scim:requests', {})).rows[0]!;
    expect(logged).toMatchObject({ status: 503, method: 'GET' });
    expect(logged.detail).toMatch(new RegExp(`^${databasePath} is damaged: SQLite reports: database disk image is malformed\\. Nothing was changed\\. There is no backup of it in`));
  });
});
