import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureFileName, loadDump } from '../db/test-support/fixtures/dump';
import { tempDir, testCore } from '../test-support/temp-db';

/** A database written by schema version 8 (before the chain), upgraded by opening it. */
function upgraded() {
  const file = path.join(tempDir(), 'roster.db');
  loadDump(file, fs.readFileSync(path.join(__dirname, '../db/test-support/fixtures', fixtureFileName(8)), 'utf8'));
  return testCore({ databasePath: file, now: () => new Date('2026-02-01T09:00:00.000Z') });
}

describe('audit events written before the hash chain', () => {
  it('are kept as they were, marked pre-chain, with the person they concern found where they name one', () => {
    const core = upgraded();
    const rows = core.db.prepare('SELECT id, action, subject, chain_version AS version, prev_hash AS prev, hash FROM audit_events ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, action: 'enterprise.create', subject: null, version: 0, prev: null, hash: null },
      { id: 2, action: 'org.create', subject: null, version: 0, prev: null, hash: null },
      { id: 3, action: 'org.rename', subject: null, version: 0, prev: null, hash: null },
      { id: 4, action: 'invitation.accept', subject: 'ana.lima@northwind.example', version: 0, prev: null, hash: null },
      { id: 5, action: 'member.add', subject: 'bjorn@northwind.example', version: 0, prev: null, hash: null },
    ]);
  });

  it('are counted, not verified, and the chain starts after them', async () => {
    const core = upgraded();
    expect(core.services.audit.verify()).toEqual({ whole: true, checked: 0, preChain: 5, anchor: null, last: null, broken: null });
    expect((await core.invoke('orgs:create', { name: 'Research' })).ok).toBe(true);
    const first = core.db.prepare('SELECT id, chain_version AS version, prev_hash AS prev FROM audit_events WHERE id = 6').get() as { id: number; version: number; prev: Buffer };
    expect(first.version).toBe(1);
    expect(first.prev.equals(Buffer.alloc(32))).toBe(true);
    expect(core.services.audit.verify()).toMatchObject({ whole: true, checked: 1, preChain: 5, last: { eventId: 6 } });
  });

  it('cannot be slipped in after the chain began', async () => {
    const core = upgraded();
    expect((await core.invoke('orgs:create', { name: 'Research' })).ok).toBe(true);
    core.db.exec('DROP TRIGGER audit_events_insert_rules');
    core.db.prepare("INSERT INTO audit_events (at, actor_type, actor_name, action, target_type) VALUES ('2026-02-02T00:00:00.000Z', 'app', 'forger', 'org.create', 'organization')").run();
    expect(core.services.audit.verify().broken).toMatchObject({ eventId: 7, problem: expect.stringMatching(/written by another program/) });
  });
});
