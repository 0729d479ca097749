import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDnsServer } from '../test-support/dns-server';
import { value } from '../test-support/seats-helpers';
import { tempDir, testCore } from '../test-support/temp-db';
import { roster } from './test-support/cli';

let dns: Awaited<ReturnType<typeof startDnsServer>> | undefined;
afterEach(async () => {
  await dns?.close();
  dns = undefined;
});

async function enterprise(seats = 10) {
  const db = path.join(tempDir(), 'roster.db');
  expect((await roster('init', '--name', 'Acme', '--seats', String(seats), '--db', db)).status).toBe(0);
  dns = await startDnsServer({});
  return db;
}

/** Adds the domain and publishes its record on the test DNS server; answers with the record. */
async function published(db: string, domain: string) {
  const added = JSON.parse((await roster('domains', 'add', '--domain', domain, '--json', '--db', db)).stdout) as { record: { name: string; value: string } };
  dns!.set(added.record.name, { txt: [added.record.value] });
  return added.record;
}

async function verified(db: string, domain: string) {
  const record = await published(db, domain);
  expect((await roster('domains', 'verify', '--domain', domain, '--dns', dns!.address, '--db', db)).status).toBe(0);
  return record;
}

/** Everything the domain commands could change, to prove a refused command changed nothing. */
function contents(db: string) {
  const core = testCore({ databasePath: db });
  const tables = Object.fromEntries(['domains', 'capture_waitlist', 'members', 'accounts', 'audit_events'].map((table) => [table, core.db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));
  core.close();
  return tables;
}

/** Accounts signed up on their own (as an import would report them), which makes them unmanaged on a verified domain. */
function signUp(db: string, ...emails: string[]) {
  const core = testCore({ databasePath: db });
  for (const email of emails) value(core.services.members.recordSignup(email, email.split('@')[0]!, { type: 'import', name: 'events.ndjson' }));
  core.close();
}

describe('roster domains add', () => {
  it('prints the TXT record to create, name and value', async () => {
    const db = await enterprise();
    const added = await roster('domains', 'add', '--domain', 'Acme.COM', '--db', db);
    expect(added.status).toBe(0);
    const lines = added.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Added acme.com. To verify it, create this DNS record, then run: roster domains verify --domain acme.com',
      '  Type:   TXT',
      '  Name:   _roster-challenge.acme.com',
    ]);
    expect(lines[3]).toMatch(/^ {2}Value: {2}roster-verification=[a-z2-7]{20}$/);
    expect(lines).toHaveLength(4);
  });

  it('prints the domain with its record as JSON, an internationalised name in punycode', async () => {
    const db = await enterprise();
    const added = JSON.parse((await roster('domains', 'add', '--domain', 'München.de', '--json', '--db', db)).stdout);
    expect(added).toMatchObject({ domain: 'xn--mnchen-3ya.de', display: 'münchen.de', verified: false, record: { name: '_roster-challenge.xn--mnchen-3ya.de' } });
  });

  it('refuses a public suffix and a domain already added (exit 1), changing nothing', async () => {
    const db = await enterprise();
    await roster('domains', 'add', '--domain', 'acme.com', '--db', db);
    const before = contents(db);
    expect(await roster('domains', 'add', '--domain', 'co.uk', '--db', db)).toMatchObject({ status: 1, stderr: expect.stringMatching(/^roster: "co.uk" cannot be claimed: it is a public suffix/) });
    expect(await roster('domains', 'add', '--domain', 'ACME.com', '--json', '--db', db)).toMatchObject({ status: 1 });
    expect(JSON.parse((await roster('domains', 'add', '--domain', 'ACME.com', '--json', '--db', db)).stderr)).toEqual({
      error: { code: 'CONFLICT', message: "acme.com is already one of the enterprise's domains.", issues: [{ path: 'domain', message: 'Already added' }] },
    });
    expect(contents(db)).toEqual(before);
  });
});

describe('roster domains verify --dns, against a real DNS server', () => {
  it('verifies the domain when the record is there, saying what it found (exit 0)', async () => {
    const db = await enterprise();
    const record = await published(db, 'acme.com');
    const result = await roster('domains', 'verify', '--domain', 'acme.com', '--dns', dns!.address, '--db', db);
    expect(result).toEqual({ status: 0, stdout: `acme.com is verified. Found ${record.value} at ${record.name}.`, stderr: '' });
    expect(dns!.queries).toEqual(['_roster-challenge.acme.com']);
    const json = JSON.parse((await roster('domains', 'verify', '--domain', 'acme.com', '--dns', dns!.address, '--json', '--db', db)).stdout);
    expect(json).toMatchObject({ domain: 'acme.com', verified: true, verifiedBy: 'dns', lastCheck: { outcome: 'verified', found: [record.value], servers: [dns!.address] } });
  });

  it('exits 1 with a wrong token, printing every record it found', async () => {
    const db = await enterprise();
    const record = await published(db, 'acme.com');
    dns!.set(record.name, { txt: ['roster-verification=someoneelse', 'v=spf1 -all'] });
    const result = await roster('domains', 'verify', '--domain', 'acme.com', '--dns', dns!.address, '--db', db);
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr: `roster: acme.com is not verified. Found 2 TXT records at ${record.name}, but not ${record.value}: "roster-verification=someoneelse", "v=spf1 -all".`,
    });
    const json = await roster('domains', 'verify', '--domain', 'acme.com', '--dns', dns!.address, '--json', '--db', db);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stderr)).toEqual({
      error: { code: 'NOT_VERIFIED', message: expect.stringMatching(/^acme.com is not verified\. Found 2 TXT records/), outcome: 'wrong_record', found: ['roster-verification=someoneelse', 'v=spf1 -all'] },
    });
    expect(JSON.parse((await roster('domains', 'list', '--json', '--db', db)).stdout)).toMatchObject([{ verified: false, lastCheck: { outcome: 'wrong_record' } }]);
  });

  it('exits 1 when there is no record, or no such name at all', async () => {
    const db = await enterprise();
    const record = await published(db, 'acme.com');
    dns!.set(record.name, { txt: [] });
    expect(await roster('domains', 'verify', '--domain', 'acme.com', '--dns', dns!.address, '--db', db)).toMatchObject({
      status: 1,
      stderr: `roster: acme.com is not verified. ${record.name} exists, but has no TXT record. Create one with the value ${record.value}.`,
    });
    await roster('domains', 'add', '--domain', 'other.com', '--db', db);
    expect(await roster('domains', 'verify', '--domain', 'other.com', '--dns', dns!.address, '--db', db)).toMatchObject({
      status: 1,
      stderr: 'roster: other.com is not verified. _roster-challenge.other.com does not exist in DNS (NXDOMAIN). Create the TXT record there.',
    });
  });

  it('exits 1 when the DNS server does not answer, naming the server', { timeout: 15_000 }, async () => {
    const db = await enterprise();
    const record = await published(db, 'acme.com');
    dns!.set(record.name, { silent: true });
    const result = await roster('domains', 'verify', '--domain', 'acme.com', '--dns', dns!.address, '--json', '--db', db);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stderr)).toEqual({
      error: {
        code: 'NOT_VERIFIED',
        message: `acme.com is not verified. No answer from the DNS server ${dns!.address} for ${record.name} (timeout). Check the network, or the DNS servers in Settings.`,
        outcome: 'timeout',
        found: [],
      },
    });
  });

  it('says when a verified domain lost its record: exit 1, and which switches went off with it', async () => {
    const db = await enterprise();
    const record = await verified(db, 'acme.com');
    expect((await roster('domains', 'capture', '--domain', 'acme.com', '--on', '--db', db)).status).toBe(0);
    dns!.set(record.name, { txt: [] });
    expect(await roster('domains', 'verify', '--domain', 'acme.com', '--dns', dns!.address, '--db', db)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/has no TXT record\. .* The domain is no longer verified\. Domain capture was switched off\.$/),
    });
    expect(JSON.parse((await roster('domains', 'list', '--json', '--db', db)).stdout)).toMatchObject([{ verified: false, capture: false }]);
  });

  it('asks the DNS servers in Settings when --dns is not given', async () => {
    const db = await enterprise();
    await published(db, 'acme.com');
    const core = testCore({ databasePath: db });
    value(await core.invoke('settings:update', { dnsServers: [dns!.address] }));
    core.close();
    expect(await roster('domains', 'verify', '--domain', 'acme.com', '--db', db)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^acme.com is verified\./) });
  });
});

describe('roster domains capture and lock', () => {
  it('switches capture and lock on and off for a verified domain', async () => {
    const db = await enterprise();
    await verified(db, 'acme.com');
    expect(await roster('domains', 'capture', '--domain', 'ACME.com', '--on', '--db', db)).toMatchObject({
      status: 0,
      stdout: 'Domain capture is on for acme.com: a new account on it joins the enterprise and takes a seat, or waits for one when none is free.',
    });
    expect(await roster('domains', 'lock', '--domain', 'acme.com', '--on', '--db', db)).toMatchObject({
      status: 0,
      stdout: 'Domain lock is on for acme.com: a new account on it needs an invitation; while domain capture is on, capture takes new accounts instead.',
    });
    expect(JSON.parse((await roster('domains', 'capture', '--domain', 'acme.com', '--off', '--json', '--db', db)).stdout)).toMatchObject({ capture: false, lock: true });
    expect(await roster('domains', 'lock', '--domain', 'acme.com', '--off', '--db', db)).toMatchObject({ status: 0, stdout: 'Domain lock is off for acme.com: anyone may create an account on it.' });
  });

  it('refuses, changing nothing: an unverified domain (exit 1), an unknown one (exit 1), both or neither of --on and --off (exit 2)', async () => {
    const db = await enterprise();
    await roster('domains', 'add', '--domain', 'acme.com', '--db', db);
    const before = contents(db);
    expect(await roster('domains', 'capture', '--domain', 'acme.com', '--on', '--db', db)).toMatchObject({
      status: 1,
      stderr: 'roster: Domain capture needs a verified domain: verify acme.com by DNS first.',
    });
    expect(await roster('domains', 'lock', '--domain', 'nowhere.com', '--on', '--db', db)).toMatchObject({ status: 1, stderr: "roster: nowhere.com is not one of the enterprise's domains." });
    expect(await roster('domains', 'capture', '--domain', 'acme.com', '--on', '--off', '--db', db)).toMatchObject({ status: 2, stderr: 'roster: give either --on or --off' });
    expect(await roster('domains', 'lock', '--domain', 'acme.com', '--db', db)).toMatchObject({ status: 2, stderr: 'roster: give either --on or --off' });
    expect(JSON.parse((await roster('domains', 'lock', '--domain', 'acme.com', '--on', '--off', '--json', '--db', db)).stderr)).toEqual({ error: { code: 'USAGE', message: 'give either --on or --off' } });
    expect(contents(db)).toEqual(before);
  });
});

describe('roster domains: bad usage changes nothing', () => {
  it('refuses a missing --domain and a malformed --dns with exit 2, asking no DNS server', async () => {
    const db = await enterprise();
    const record = await published(db, 'acme.com');
    const before = contents(db);
    for (const args of [['verify'], ['capture', '--on'], ['lock', '--off'], ['add'], ['remove']]) {
      expect(await roster('domains', ...args, '--db', db)).toMatchObject({ status: 2, stderr: expect.stringMatching(/^roster: missing --domain DOMAIN\n\nUsage: roster domains /) });
    }
    for (const bad of ['dns.google', '127.0.0.1:99999', '127.0.0.1:', '300.1.1.1', '']) {
      expect(await roster('domains', 'verify', '--domain', 'acme.com', '--dns', bad, '--db', db)).toMatchObject({
        status: 2,
        stderr: `roster: --dns must be an IP address, with :PORT if not 53 (such as 127.0.0.1:5353), not "${bad}"`,
      });
    }
    expect(await roster('domains', 'verify', '--domain', 'unknown.com', '--dns', dns!.address, '--db', db)).toMatchObject({ status: 1, stderr: "roster: unknown.com is not one of the enterprise's domains." });
    expect(dns!.queries).toEqual([]);
    expect(contents(db)).toEqual(before);
    expect(record.name).toBe('_roster-challenge.acme.com');
  });
});

describe('roster domains unmanaged', () => {
  async function withUnmanaged() {
    const db = await enterprise(1);
    await verified(db, 'acme.com');
    await verified(db, 'acme.org');
    expect((await roster('members', 'add', '--email', 'boss@acme.com', '--db', db)).status).toBe(0);
    signUp(db, 'ana@acme.com', 'bo@acme.org', 'cy@elsewhere.com');
    return db;
  }

  it('lists accounts on verified domains that hold no seat, for all domains or one', async () => {
    const db = await withUnmanaged();
    const all = await roster('domains', 'unmanaged', '--db', db);
    expect(all.status).toBe(0);
    const lines = all.stdout.split('\n').map((line) => line.replace(/\d{4}-\d\d-\d\d/g, 'DATE'));
    expect(lines).toEqual([
      'EMAIL         NAME  DOMAIN    ACCOUNT CREATED  LAST LOGIN  STATUS',
      'ana@acme.com  ana   acme.com  DATE',
      'bo@acme.org   bo    acme.org  DATE',
    ]);
    const one = JSON.parse((await roster('domains', 'unmanaged', '--domain', 'acme.org', '--json', '--db', db)).stdout);
    expect(one).toEqual([expect.objectContaining({ email: 'bo@acme.org', domain: 'acme.org', waitingSince: null, invitedUntil: null })]);
    expect(Object.keys(one[0]).sort()).toEqual(['accountId', 'createdAt', 'display', 'domain', 'email', 'invitedUntil', 'lastLoginAt', 'name', 'waitingSince']);
  });

  it('names an internationalised domain as people write it in the table, and in punycode and Unicode with --json', async () => {
    const db = await enterprise();
    await verified(db, 'münchen.de');
    signUp(db, 'jo@münchen.de');
    const lines = (await roster('domains', 'unmanaged', '--db', db)).stdout.split('\n').map((line) => line.replace(/\d{4}-\d\d-\d\d/g, 'DATE'));
    expect(lines).toEqual(['EMAIL                 NAME  DOMAIN      ACCOUNT CREATED  LAST LOGIN  STATUS', 'jo@xn--mnchen-3ya.de  jo    münchen.de  DATE']);
    const json = JSON.parse((await roster('domains', 'unmanaged', '--json', '--db', db)).stdout);
    expect(json).toEqual([expect.objectContaining({ domain: 'xn--mnchen-3ya.de', display: 'münchen.de' })]);
  });

  it('shows who waits for a seat, and --waiting lists only them', async () => {
    const db = await withUnmanaged();
    await roster('domains', 'capture', '--domain', 'acme.com', '--on', '--db', db);
    signUp(db, 'dee@acme.com');
    const waiting = await roster('domains', 'unmanaged', '--waiting', '--db', db);
    expect(waiting.stdout.split('\n')[1]).toMatch(/^dee@acme.com\s+dee\s+acme.com\s+\d{4}-\d\d-\d\d\s+waiting for a seat since \d{4}-\d\d-\d\d$/);
    expect(waiting.stdout.split('\n')).toHaveLength(2);
    expect((await roster('domains', 'list', '--db', db)).stdout.split('\n')).toEqual([
      'DOMAIN    VERIFIED    CAPTURE  LOCK  UNMANAGED  WAITING',
      expect.stringMatching(/^acme.com {2}\d{4}-\d\d-\d\d {2}on {7}off {3}2 {10}1$/),
      expect.stringMatching(/^acme.org {2}\d{4}-\d\d-\d\d {2}off {6}off {3}1 {10}0$/),
    ]);
  });

  it('says so when there is nobody, and why for a domain not verified', async () => {
    const db = await enterprise();
    await verified(db, 'acme.com');
    await roster('domains', 'add', '--domain', 'acme.org', '--db', db);
    signUp(db, 'bo@acme.org');
    expect((await roster('domains', 'unmanaged', '--db', db)).stdout).toBe('No unmanaged accounts on the verified domains.');
    expect((await roster('domains', 'unmanaged', '--domain', 'acme.com', '--waiting', '--db', db)).stdout).toBe('No account on acme.com is waiting for a seat.');
    expect((await roster('domains', 'unmanaged', '--domain', 'acme.org', '--db', db)).stdout).toBe('acme.org is not verified, so no account on it counts as unmanaged yet.');
    expect(await roster('domains', 'unmanaged', '--domain', 'nowhere.com', '--db', db)).toMatchObject({ status: 1, stderr: "roster: nowhere.com is not one of the enterprise's domains." });
  });

  it('writes them to a CSV file with --out, replacing it whole', async () => {
    const db = await withUnmanaged();
    const dir = tempDir();
    const file = path.join(dir, 'unmanaged.csv');
    fs.writeFileSync(file, 'an older export that is replaced');
    expect(await roster('domains', 'unmanaged', '--domain', 'acme.com', '--out', file, '--db', db)).toMatchObject({ status: 0, stdout: `Wrote 1 unmanaged account on acme.com to ${file}.` });
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv.startsWith('\uFEFFEmail,Name,Domain,Account created,Last login,Waiting for a seat since,Invited until\r\n')).toBe(true);
    expect(csv.split('\r\n').slice(1)).toEqual([expect.stringMatching(/^ana@acme.com,ana,acme.com,\d{4}-/), '']);
    expect(fs.readdirSync(dir)).toEqual(['unmanaged.csv']);
    const json = await roster('domains', 'unmanaged', '--out', file, '--json', '--db', db);
    expect(JSON.parse(json.stdout)).toEqual({ path: file, accounts: 2 });
  });

  it('refuses a file it cannot write (exit 1) naming the path, and --out with --waiting (exit 2)', async () => {
    const db = await withUnmanaged();
    const missing = path.join(tempDir(), 'no-such-folder', 'unmanaged.csv');
    expect(await roster('domains', 'unmanaged', '--out', missing, '--db', db)).toMatchObject({ status: 1, stderr: `roster: Could not save ${missing}: its folder does not exist. Choose a folder that exists.` });
    expect(await roster('domains', 'unmanaged', '--out', missing, '--waiting', '--db', db)).toMatchObject({ status: 2 });
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });
});

describe('roster domains list and remove', () => {
  it('lists the domains, and removes one: accounts and seats stay', async () => {
    const db = await enterprise(1);
    await verified(db, 'acme.com');
    await roster('domains', 'add', '--domain', 'acme.org', '--db', db);
    await roster('domains', 'capture', '--domain', 'acme.com', '--on', '--db', db);
    await roster('members', 'add', '--email', 'boss@acme.com', '--db', db);
    signUp(db, 'ana@acme.com');
    expect(JSON.parse((await roster('domains', 'list', '--json', '--db', db)).stdout)).toMatchObject([
      { domain: 'acme.com', verified: true, capture: true, unmanagedCount: 1, waitingCount: 1 },
      { domain: 'acme.org', verified: false, capture: false, unmanagedCount: 0 },
    ]);
    expect(await roster('domains', 'remove', '--domain', 'ACME.com', '--db', db)).toMatchObject({
      status: 0,
      stdout: 'Removed acme.com. Accounts on it stay as they are; no seat was freed. 1 account was waiting for a seat through it and no longer is.',
    });
    expect(await roster('domains', 'remove', '--domain', 'acme.com', '--db', db)).toMatchObject({ status: 1, stderr: "roster: acme.com is not one of the enterprise's domains." });
    expect(JSON.parse((await roster('seats', '--json', '--db', db)).stdout)).toMatchObject({ members: 1 });
    expect((await roster('domains', 'list', '--db', db)).stdout.split('\n')).toEqual(['DOMAIN    VERIFIED  CAPTURE  LOCK  UNMANAGED  WAITING', 'acme.org  no        off      off   0          0']);
  });

  it('says how to start when there are no domains, and lists the commands in help', async () => {
    const db = await enterprise();
    expect((await roster('domains', 'list', '--db', db)).stdout).toBe('No domains yet. Add one with: roster domains add --domain DOMAIN');
    const help = await roster('domains', '--help');
    for (const verb of ['add', 'verify', 'capture', 'lock', 'unmanaged', 'list', 'remove']) expect(help.stdout).toMatch(new RegExp(`roster domains ${verb} `));
    expect((await roster('domains', 'verify', '--help')).stdout).toMatch(/^Usage: roster domains verify --domain DOMAIN \[--dns HOST:PORT\]\.\.\. \[--db FILE\] \[--json\]/);
  });
});
