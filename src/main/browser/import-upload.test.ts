import { describe, expect, it } from 'vitest';
import { request, start, type Answer } from './test-support/server';

describe('uploading an event file (POST /api/import)', () => {
  const events = '{"type":"signup","email":"ana@acme.example","at":"2026-01-01T00:00:00Z"}\n{"type":"nope"}\n';

  it('imports the body as it arrives and answers with the summary', async () => {
    const { server, auth, core } = await start();
    const answer = await request(server.port, {
      method: 'POST',
      path: '/api/import',
      headers: { ...auth, 'X-File-Name': encodeURIComponent('march events.ndjson'), 'Content-Type': 'application/octet-stream' },
      body: events,
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { fileName: 'march events.ndjson', events: { signup: 1 }, rejected: 1 } });
    expect(core.db.prepare('SELECT email FROM accounts').pluck().all()).toEqual(['ana@acme.example']);
  });

  it('answers a file refused whole after reading the rest of it, so the browser sees why', async () => {
    const { server, auth } = await start();
    const answer = await request(server.port, {
      method: 'POST',
      path: '/api/import',
      headers: { ...auth, 'X-File-Name': 'events.csv' },
      body: `kind,email,at\n${'signup,ana@acme.example,2026-01-01T00:00:00Z\n'.repeat(50_000)}`,
    });
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/lacks type/) } });
  });

  it('answers a second upload while one runs, refusing it, and finishes the first', async () => {
    let importStarted = () => {};
    const firstRunning = new Promise<void>((resolve) => (importStarted = resolve));
    const { server, auth } = await start({}, { importStarted });
    const http = await import('node:http');
    // The first upload sends its start and then waits, so it is still running when the second arrives.
    let endFirst = () => {};
    const first = new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/import', headers: { Host: `127.0.0.1:${server.port}`, ...auth, 'X-File-Name': 'slow.ndjson' } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.write(events);
      endFirst = () => req.end();
    });
    await firstRunning;
    const second = await request(server.port, { method: 'POST', path: '/api/import', headers: { ...auth, 'X-File-Name': 'e.ndjson' }, body: events });
    expect(JSON.parse(second.body)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/import of slow\.ndjson is running/) } });
    endFirst();
    expect(JSON.parse((await first).body)).toMatchObject({ ok: true, value: { fileName: 'slow.ndjson' } });
  });

  it('refuses an upload without a session, from another site or without a file name, importing nothing', async () => {
    const { server, auth, core } = await start();
    const upload = (headers: Record<string, string>) => request(server.port, { method: 'POST', path: '/api/import', headers, body: events });
    expect((await upload({ 'X-File-Name': 'e.ndjson' })).status).toBe(401);
    expect((await upload({ ...auth, 'X-File-Name': 'e.ndjson', Origin: 'http://evil.example' })).status).toBe(403);
    expect((await upload({ ...auth })).status).toBe(400);
    // The cookie alone is not a session: any other server on 127.0.0.1 the browser visits receives it.
    expect((await upload({ Cookie: auth.Cookie, 'X-File-Name': 'e.ndjson' })).status).toBe(401);
    expect(core.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(0);
  });
});
