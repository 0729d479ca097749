import { describe, expect, it } from 'vitest';
import { testCore } from '../test-support/temp-db';
import { createInvitationRepository, LIVE_FOR_EMAIL } from './repository';

describe('live invitations to an address', () => {
  it('are found through the address index, not by walking every pending invitation', () => {
    const core = testCore();
    const insert = core.db.prepare(
      "INSERT INTO invitations (email, email_key, role, status, created_at, sent_at, expires_at) VALUES (?, ?, 'member', ?, '2026-03-01', '2026-03-01', ?)",
    );
    core.db.transaction(() => {
      for (let i = 0; i < 2000; i += 1) insert.run(`p${i}@acme.com`, `p${i}@acme.com`, 'pending', '2026-04-01');
      insert.run('Ana@acme.com', 'ana@acme.com', 'pending', '2026-02-01');
      insert.run('Ana@acme.com', 'ana@acme.com', 'revoked', '2026-04-01');
      insert.run('Ana@acme.com', 'ana@acme.com', 'pending', '2026-04-01');
    })();
    const plan = core.db
      .prepare(`EXPLAIN QUERY PLAN ${LIVE_FOR_EMAIL}`)
      .all('ana@acme.com', '2026-03-02')
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    expect(plan).toContain('USING INDEX invitations_email (email_key=? AND status=?)');
    const live = createInvitationRepository(core.db).liveFor('ana@acme.com', '2026-03-02T00:00:00.000Z');
    expect(live.map((row) => [row.email, row.status, row.expiresAt])).toEqual([['Ana@acme.com', 'pending', '2026-04-01']]);
  });
});
