import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, testCore } from '../test-support/temp-db';
import { roster } from './test-support/cli';

async function enterprise(seats: number) {
  const db = path.join(tempDir(), 'roster.db');
  await roster('init', '--name', 'Acme', '--seats', String(seats), '--db', db);
  await roster('orgs', 'add', '--name', 'Engineering', '--db', db);
  await roster('orgs', 'add', '--name', 'Product', '--db', db);
  return db;
}

describe('roster seats', () => {
  it('prints exactly {"seats","members","pendingInvitations","free"} with --json', async () => {
    const db = await enterprise(5);
    await roster('members', 'add', '--email', 'ana@acme.com', '--db', db);
    await roster('invite', '--email', 'bo@acme.com', '--db', db);
    const result = await roster('seats', '--json', '--db', db);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ seats: 5, members: 1, pendingInvitations: 1, free: 3 });
  });

  it('changes the seat count with --set, and refuses to go below the seats in use (exit 1)', async () => {
    const db = await enterprise(5);
    await roster('members', 'add', '--email', 'ana@acme.com', '--db', db);
    await roster('members', 'add', '--email', 'bo@acme.com', '--db', db);
    expect(JSON.parse((await roster('seats', '--set', '2', '--json', '--db', db)).stdout)).toEqual({ seats: 2, members: 2, pendingInvitations: 0, free: 0 });
    expect(await roster('seats', '--set', '1', '--db', db)).toMatchObject({ status: 1, stderr: 'roster: Cannot lower the seats to 1: 2 of 2 in use (2 members, 0 pending invitations). Release seats first.' });
  });
});

describe('roster members', () => {
  it('adds, lists and removes members, saying how many seats are in use', async () => {
    const db = await enterprise(3);
    expect(await roster('members', 'add', '--email', 'Ana@Acme.com', '--name', 'Ana Lima', '--db', db)).toMatchObject({
      status: 0,
      stdout: 'Added Ana@acme.com (Ana Lima) on a seat: 1 of 3 seats in use.',
    });
    await roster('members', 'add', '--email', 'bo@acme.com', '--db', db);
    const listed = await roster('members', 'list', '--json', '--db', db);
    expect(JSON.parse(listed.stdout).map((m: { email: string; source: string }) => [m.email, m.source])).toEqual([
      ['Ana@acme.com', 'manual'],
      ['bo@acme.com', 'manual'],
    ]);
    expect((await roster('members', 'list', '--db', db)).stdout.split('\n')[0]).toMatch(/^EMAIL\s+NAME\s+SEAT FROM\s+SINCE\s+LAST ACTIVE\s+ORGANIZATIONS$/);
    // Never active: Last Active is N/A, as the activity report says.
    expect(JSON.parse(listed.stdout).map((m: { lastActive: string }) => m.lastActive)).toEqual(['N/A', 'N/A']);
    expect(await roster('members', 'remove', '--email', 'ANA@acme.com', '--db', db)).toMatchObject({
      status: 0,
      stdout: 'Removed Ana@acme.com from Licenses; their seat is free (1 of 3 seats in use). The account stays.',
    });
    expect(await roster('members', 'remove', '--email', 'ana@acme.com', '--db', db)).toMatchObject({ status: 1, stderr: 'roster: ana@acme.com holds no seat in this enterprise.' });
  });

  it('refuses a member with no free seat, naming the numbers, with exit 1 and nothing changed', async () => {
    const db = await enterprise(1);
    await roster('members', 'add', '--email', 'ana@acme.com', '--db', db);
    expect(await roster('members', 'add', '--email', 'bo@acme.com', '--db', db)).toMatchObject({
      status: 1,
      stderr: 'roster: No free seats: 1 of 1 in use (1 member, 0 pending invitations). Release a seat, or raise the seat count.',
    });
    expect(JSON.parse((await roster('members', 'list', '--json', '--db', db)).stdout)).toHaveLength(1);
  });

  // Just past one page of MAX_PAGE_SIZE (500): enough to cross a page boundary without a slow test.
  it('lists a large enterprise a page at a time, every member once', { timeout: 30_000 }, async () => {
    const db = await enterprise(600);
    const core = testCore({ databasePath: db });
    for (let i = 0; i < 520; i += 1) await core.invoke('members:add', { email: `m${String(i).padStart(4, '0')}@acme.com` });
    core.close();
    const listed = JSON.parse((await roster('members', 'list', '--json', '--db', db)).stdout) as { email: string }[];
    expect(listed).toHaveLength(520);
    expect(new Set(listed.map((m) => m.email)).size).toBe(520);
  });
});

describe('roster invite', () => {
  it('invites into organizations by name, as member unless --role admin', async () => {
    const db = await enterprise(3);
    expect(await roster('invite', '--email', 'ana@acme.com', '--org', 'engineering', '--org', 'PRODUCT', '--role', 'admin', '--db', db)).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^Invited ana@acme.com as admin to Engineering, Product\. The invitation expires \d{4}-\d\d-\d\d\.$/),
    });
    const json = await roster('invite', '--email', 'bo@acme.com', '--json', '--db', db);
    expect(JSON.parse(json.stdout)).toMatchObject({ email: 'bo@acme.com', role: 'member', status: 'pending', organizations: [] });
  });

  it('refuses an unknown organization (exit 1) and a role that is not member or admin (exit 2)', async () => {
    const db = await enterprise(3);
    expect(await roster('invite', '--email', 'ana@acme.com', '--org', 'Nowhere', '--db', db)).toMatchObject({ status: 1, stderr: 'roster: There is no organization named "Nowhere".' });
    expect(await roster('invite', '--email', 'ana@acme.com', '--role', 'owner', '--db', db)).toMatchObject({ status: 2, stderr: expect.stringMatching(/--role must be "admin" or "member", not "owner"/) });
    expect(JSON.parse((await roster('seats', '--json', '--db', db)).stdout).pendingInvitations).toBe(0);
  });
});

describe('roster invitations', () => {
  it('lists, resends, accepts and revokes invitations by address', async () => {
    const db = await enterprise(5);
    await roster('invite', '--email', 'ana@acme.com', '--org', 'Engineering', '--db', db);
    await roster('invite', '--email', 'bo@acme.com', '--db', db);
    const listed = await roster('invitations', 'list', '--db', db);
    expect(listed.stdout.split('\n')[0]).toMatch(/^EMAIL\s+SENT\s+EXPIRES\s+HOLDS A SEAT\s+TEAMS AND ORGANIZATIONS$/);
    expect(listed.stdout).toMatch(/ana@acme.com .*yes\s+Engineering/);
    expect(await roster('invitations', 'resend', '--email', 'ANA@acme.com', '--db', db)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Sent the invitation to ana@acme.com again; it expires \d{4}-/) });
    expect(await roster('invitations', 'accept', '--email', 'ana@acme.com', '--db', db)).toMatchObject({ status: 0, stdout: 'ana@acme.com is now a member.' });
    expect(await roster('invitations', 'revoke', '--email', 'bo@acme.com', '--db', db)).toMatchObject({ status: 0, stdout: 'Revoked the invitation to bo@acme.com.' });
    expect(await roster('invitations', 'revoke', '--email', 'bo@acme.com', '--db', db)).toMatchObject({ status: 1, stderr: 'roster: There is no pending invitation to bo@acme.com.' });
    expect(JSON.parse((await roster('seats', '--json', '--db', db)).stdout)).toEqual({ seats: 5, members: 1, pendingInvitations: 0, free: 4 });
  });
});
