import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '@shared/result';
import type { Host } from '../app/host';
import { openRemoteCore, type RemoteCore, type RemoteCoreOptions } from '../remote/remote-core';
import { listeningServer, type ListeningServer } from '../remote/test-support/listening-server';
import { tempDir, testCore } from '../test-support/temp-db';
import { createOfferedCopies } from './offered';

// File → Take an Offline Copy… in a window working on a real Roster server (on a socket): the server makes the
// copy, this computer downloads it through the remote core, and what it keeps is checked, a copy of that server.

let server: ListeningServer;
const opened: RemoteCore[] = [];

beforeEach(async () => {
  server = await listeningServer();
  const org = await server.core.invoke('orgs:create', { name: 'Platform' } as never);
  if (!org.ok) throw new Error(org.error.message);
});

afterEach(async () => {
  opened.splice(0).forEach((core) => core.close());
  await server.close();
});

async function open(options: Partial<RemoteCoreOptions> = {}) {
  const remote = await openRemoteCore({ server: server.url, token: server.tokens.auditor, ...options });
  if (!remote.ok) throw new Error(remote.error.message);
  opened.push(remote.value);
  return remote.value;
}

/** The desktop app's save dialog, answered with a file in `dir` (or cancelled). */
function saveDialog(dir: string, { cancel = false } = {}): { saveFile: NonNullable<Host['saveFile']>; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    saveFile: async (name, content) => {
      asked.push(name);
      if (cancel) return ok(null);
      const file = path.join(dir, 'acme-q4.db');
      if (typeof content === 'string') throw new Error('an offline copy is written by a writer');
      return content(file);
    },
  };
}

/** What a copy must not hold: the server's API token hashes, and the tokens themselves. */
function credentials(): Buffer[] {
  const hashes = server.core.db.prepare('SELECT hash FROM api_tokens').pluck().all() as Buffer[];
  expect(hashes.length).toBe(3);
  return [...hashes, ...Object.values(server.tokens).map((token) => Buffer.from(token))];
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('an offline copy of the server, taken through the remote core', () => {
  it('the desktop app saves it where the dialog says: its sha256 the server’s, a copy of that server, without a credential, audited there', async () => {
    const dir = tempDir();
    const dialog = saveDialog(dir);
    const remote = await open({ host: { saveFile: dialog.saveFile } });
    // The live store holds the hashes (the search below would prove nothing otherwise).
    server.core.db.pragma('wal_checkpoint(TRUNCATE)');
    const live = fs.readFileSync(server.core.db.name);
    const secrets = credentials();
    for (const hash of secrets.slice(0, 3)) expect(live.includes(hash)).toBe(true);

    const taken = await remote.invoke('snapshots:take');
    expect(taken.ok).toBe(true);
    if (!taken.ok || taken.value.kind !== 'saved') throw new Error('not saved');
    const file = path.join(dir, 'acme-q4.db');
    expect(taken.value).toMatchObject({ path: file, size: fs.statSync(file).size });
    expect(taken.value.sha256).toBe(sha256(file));
    expect(dialog.asked).toEqual([expect.stringMatching(/^roster-copy-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.db$/)]);
    // Nothing else beside it: the temporary name it arrived under is gone.
    expect(fs.readdirSync(dir)).toEqual(['acme-q4.db']);

    const bytes = fs.readFileSync(file);
    for (const secret of secrets) expect(bytes.includes(secret), secret.toString('hex')).toBe(false);

    const copy = testCore({ databasePath: file });
    try {
      expect(copy.copy).toMatchObject({ of: '127.0.0.1', takenBy: 'auditor@acme.example' });
      const orgs = await copy.invoke('orgs:list');
      expect(orgs.ok && orgs.value.map((org: { name: string }) => org.name)).toEqual(['Platform']);
    } finally {
      copy.close();
    }
    const audited = server.core.services.audit.list().filter((event) => event.action === 'snapshot.take');
    expect(audited.map((event) => (event.after as { sha256: string }).sha256)).toEqual([taken.value.sha256]);
  });

  it('the desktop app takes none when the dialog is cancelled', async () => {
    const dir = tempDir();
    const remote = await open({ host: { saveFile: saveDialog(dir, { cancel: true }).saveFile } });
    expect(await remote.invoke('snapshots:take')).toEqual({ ok: true, value: { kind: 'cancelled' } });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(server.core.services.audit.list().filter((event) => event.action === 'snapshot.take')).toEqual([]);
  });

  it('browser mode offers it to the page by its name, as it offers a copy of a local store', async () => {
    const offered = createOfferedCopies(tempDir());
    const remote = await open({ offered });
    const taken = await remote.invoke('snapshots:take');
    if (!taken.ok || taken.value.kind !== 'download') throw new Error(`not offered: ${JSON.stringify(taken)}`);
    const file = offered.fileOf(taken.value.id);
    expect(file).not.toBeNull();
    expect(taken.value.sha256).toBe(sha256(file!));
    const bytes = fs.readFileSync(file!);
    for (const secret of credentials()) expect(bytes.includes(secret)).toBe(false);
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  });

  it('says where to take one where this computer has nowhere to put it', async () => {
    const remote = await open();
    const taken = await remote.invoke('snapshots:take');
    expect(taken).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    if (!taken.ok) expect(taken.error.message).toContain(`roster snapshot --server ${server.url.origin} --out FILE`);
  });
});
