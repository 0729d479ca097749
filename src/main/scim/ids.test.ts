import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureFileName, loadDump } from '../db/test-support/fixtures/dump';
import { value } from '../test-support/seats-helpers';
import { fixedClock, tempDir, testCore } from '../test-support/temp-db';
import { userBody } from './test-support/user-fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A SCIM client over a core's running server (its address changes when the server starts again). */
function client(baseUrl: string, secret: string) {
  return async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/scim+json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

describe('SCIM ids are opaque and never handed out twice', () => {
  it('gives users and groups UUIDs, and after restoring an older backup never hands out an id the provider already knew', async () => {
    const backupsDir = path.join(tempDir(), 'backups');
    const core = testCore({ backupsDir, now: fixedClock('2026-03-01T09:00:00.000Z').now });
    value(await core.invoke('enterprise:create', { name: 'Acme', seats: 10 }));
    const { secret } = value(core.scim.tokens.create({ name: 'Entra' }, { type: 'app', name: 'test admin' }));
    let scim = client(value(await core.scim.start('127.0.0.1', 0)).baseUrl!, secret);

    const ana = (await scim('POST', '/Users', userBody('ana@acme.example'))).body;
    const group = (await scim('POST', '/Groups', { displayName: 'Developers', members: [{ value: ana.id }] })).body;
    expect(ana.id).toMatch(UUID);
    expect(group.id).toMatch(UUID);
    await core.backups.idle();
    const made = value(await core.invoke('backups:create'));
    const backupId = made.kind === 'stored' ? made.backup.id : '';

    // After the backup: a user the provider now knows by its id.
    const bo = (await scim('POST', '/Users', userBody('bo@acme.example'))).body;
    await core.scim.stop();
    value(await core.invoke('backups:restore', { id: backupId }));
    scim = client(value(await core.scim.start('127.0.0.1', 0)).baseUrl!, secret);

    // A new user takes bo's row id again, but never bo's SCIM id.
    const cy = (await scim('POST', '/Users', userBody('cy@acme.example'))).body;
    expect(cy.id).toMatch(UUID);
    expect(cy.id).not.toBe(bo.id);
    expect(core.db.prepare('SELECT id FROM accounts WHERE email = ?').pluck().get('cy@acme.example')).toBe(
      (core.db.prepare('SELECT max(id) FROM accounts').pluck().get() as number),
    );
    // The provider's DELETE of the id it knew touches nobody else's seat.
    expect((await scim('DELETE', `/Users/${bo.id}`)).status).toBe(404);
    expect((await scim('GET', `/Users/${cy.id}`)).body.active).toBe(true);
    expect((await scim('GET', `/Users/${ana.id}`)).body.groups).toEqual([expect.objectContaining({ value: group.id })]);
    await core.scim.stop();
  });

  it('keeps the ids handed out before UUIDs (the row ids) working after the upgrade', async () => {
    const file = path.join(tempDir(), 'roster.db');
    loadDump(file, fs.readFileSync(path.join(__dirname, '..', 'db', 'test-support', 'fixtures', fixtureFileName(9)), 'utf8'));
    const core = testCore({ databasePath: file });
    const { secret } = value(core.scim.tokens.create({ name: 'After the upgrade' }, { type: 'app', name: 'test admin' }));
    const scim = client(value(await core.scim.start('127.0.0.1', 0)).baseUrl!, secret);
    // The fixture's SCIM user is account 8, in SCIM group (team) 3.
    const user = await scim('GET', '/Users/8');
    expect(user).toMatchObject({ status: 200, body: { id: '8', userName: 'scim.user@northwind.example' } });
    const group = await scim('GET', '/Groups/3');
    expect(group.status).toBe(200);
    expect(group.body.members.map((member: { value: string }) => member.value)).toContain('8');
    await core.scim.stop();
  });
});
