import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { downloadSnapshot } from './download';
import { SHA256_HEADER, SNAPSHOT_CONTENT_TYPE, SNAPSHOT_INFO_HEADER } from './wire';

const INFO = { of: 'acme-roster.example.com', takenAt: '2026-12-07T14:02:00.000Z', takenBy: 'ana@acme.example' };
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server that answers /api/snapshot with `body`, claiming `sha256`; `cut` ends the connection after the first half. */
async function serving(body: Buffer, sha256: string | null, { cut = false } = {}): Promise<URL> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, {
      'Content-Type': SNAPSHOT_CONTENT_TYPE,
      'Content-Length': String(body.length),
      ...(sha256 ? { [SHA256_HEADER]: sha256 } : {}),
      [SNAPSHOT_INFO_HEADER]: encodeURIComponent(JSON.stringify(INFO)),
    });
    if (cut) {
      response.write(body.subarray(0, body.length / 2));
      setImmediate(() => response.socket?.destroy());
    } else {
      response.end(body);
    }
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

const BODY = Buffer.alloc(200_000, 7);
const SHA = createHash('sha256').update(BODY).digest('hex');

describe('downloading an offline copy', () => {
  it('keeps the file when what arrived has the sha256 the server sent', async () => {
    const out = path.join(tempDir(), 'copy.db');
    const got = await downloadSnapshot({ server: await serving(BODY, SHA), token: 't' }, out);
    expect(got).toEqual({ ok: true, value: { path: out, size: BODY.length, sha256: SHA, info: INFO } });
    expect(fs.readFileSync(out).equals(BODY)).toBe(true);
  });

  it('refuses a copy damaged on the way and leaves no file, nor the one there before changed', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'copy.db');
    fs.writeFileSync(out, 'the copy of last quarter');
    const damaged = Buffer.from(BODY);
    damaged[1000] = 8;
    const got = await downloadSnapshot({ server: await serving(damaged, SHA), token: 't' }, out);
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.error.message).toMatch(/^The copy arrived damaged: what came has sha256 [0-9a-f]{12}…, the server sent [0-9a-f]{12}…\. Nothing was written; take it again\.$/);
    expect(fs.readFileSync(out, 'utf8')).toBe('the copy of last quarter');
    expect(fs.readdirSync(dir)).toEqual(['copy.db']);
  });

  it('refuses a copy cut off part way and leaves no file', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'copy.db');
    const got = await downloadSnapshot({ server: await serving(BODY, SHA, { cut: true }), token: 't' }, out);
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.error.message).toContain('stopped sending the copy part way; nothing was written');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a copy sent without its sha256', async () => {
    const dir = tempDir();
    const got = await downloadSnapshot({ server: await serving(BODY, null), token: 't' }, path.join(dir, 'copy.db'));
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.error.message).toContain('without its sha256, so it cannot be checked');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
