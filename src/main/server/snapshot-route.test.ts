import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHA256_HEADER, SNAPSHOT_INFO_HEADER } from '../snapshots/wire';
import { serverInProcess } from './test-support/server-fixture';

// POST /api/snapshot in process (the copy made on this thread a step at a time: no built worker here).

describe('POST /api/snapshot', () => {
  it('names the server by its --public-url, takes one copy at a time, and audits each with its sha256', async () => {
    const { app, core, tokens } = await serverInProcess({ options: { publicUrl: new URL('https://acme-roster.example.com') } });
    const take = () => app.inject({ method: 'POST', url: '/api/snapshot', headers: { authorization: `Bearer ${tokens.auditor}` } });
    const answers = await Promise.all([take(), take()]);
    const infos = answers.map((answer) => {
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toBe('application/vnd.sqlite3');
      expect(answer.headers[SHA256_HEADER.toLowerCase()]).toBe(createHash('sha256').update(answer.rawPayload).digest('hex'));
      return JSON.parse(decodeURIComponent(String(answer.headers[SNAPSHOT_INFO_HEADER.toLowerCase()]))) as { of: string; takenAt: string; takenBy: string };
    });
    expect(infos.map((info) => info.of)).toEqual(['acme-roster.example.com', 'acme-roster.example.com']);
    expect(infos.every((info) => info.takenBy === 'auditor@acme.example')).toBe(true);
    const events = core.services.audit.list().filter((event) => event.action === 'snapshot.take');
    expect(events.map((event) => (event.after as { sha256: string }).sha256).sort()).toEqual(answers.map((answer) => answer.headers[SHA256_HEADER.toLowerCase()]).sort());
    // Nothing of either copy is left beside the store.
    expect(fs.readdirSync(path.dirname(core.db.name)).filter((name) => name.includes('snapshot') || name.endsWith('.tmp'))).toEqual([]);
  });

  it('asks for a token like every API call', async () => {
    const { app } = await serverInProcess();
    const answer = await app.inject({ method: 'POST', url: '/api/snapshot' });
    expect(answer.statusCode).toBe(401);
    expect(answer.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
