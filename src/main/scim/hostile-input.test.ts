import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Db } from '../db/open';
import { reportFigures } from '../security/test-support/figures';
import { value } from '../test-support/seats-helpers';
import { scimServer } from './test-support/client';
import { userBody } from './test-support/user-fixtures';

// SCIM under hostile input (issue 9, point 4): each bad request gets its expected
// answer and changes nothing; tokens appear nowhere in plain text afterwards.

const ADMIN = { type: 'app', name: 'admin' } as const;
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
let tried = 0;
let accepted = 0;

afterEach(() => vi.restoreAllMocks());

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with any headers, Host included (fetch will not send a made-up Host). */
function raw(baseUrl: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Raw> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(
      { host: url.hostname, port: url.port, method: options.method ?? 'GET', path: `${url.pathname}${options.path}`, headers: { Host: url.host, ...options.headers } },
      (response) => {
        answered = true;
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
      },
    );
    // A server that answers early (413) and hangs up may cut the upload short: that is the point.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    request.end(options.body);
  });
}

/** Everything the store holds but the request log and the tokens' time of last use, which requests move by design. */
function dump(db: Db): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('scim_requests') ORDER BY name").pluck().all() as string[];
  const text = (item: unknown) => JSON.stringify(item, (_key, part: unknown) => (Buffer.isBuffer(part) ? part.toString('hex') : typeof part === 'bigint' ? String(part) : part));
  return text(
    tables.map((table) => {
      const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
      const kept = table === 'scim_tokens' ? rows.map(({ last_used_at: _lastUsed, ...row }) => row) : rows;
      return [table, kept.map(text).sort()];
    }),
  );
}

async function seeded(options: Parameters<typeof scimServer>[0] = {}) {
  const scim = await scimServer(options);
  for (const email of ['ana@acme.example', 'bo@acme.example']) expect((await scim.post('/Users', userBody(email))).status).toBe(201);
  expect((await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Sales' })).status).toBe(201);
  return scim;
}

/** Checks one hostile request's answer and counts it for docs/SECURITY.md. */
function expectRefused(answer: Raw, status: number, label: string, scimType?: string) {
  tried += 1;
  if (answer.status < 400) accepted += 1;
  expect(answer.status, label).toBe(status);
  if (scimType) expect(JSON.parse(answer.body), label).toMatchObject({ status: String(status), scimType });
}

describe('SCIM under hostile input', () => {
  it('refuses bad tokens, foreign host names, oversized, mistyped, malformed and deeply nested bodies, changing nothing', async () => {
    const scim = await seeded({ publicHosts: ['scim.acme.example'] });
    const expired = value(scim.core.scim.tokens.create({ name: 'Expiring', expiresInDays: 1 }, ADMIN)).secret;
    const revoked = value(scim.core.scim.tokens.create({ name: 'Revoked' }, ADMIN));
    value(scim.core.scim.tokens.revoke(revoked.token.id, ADMIN));
    scim.clock.advance(2 * 24 * 60 * 60 * 1000);
    const before = dump(scim.core.db);
    const port = new URL(scim.baseUrl).port;
    const auth = { Authorization: `Bearer ${scim.secret}` };
    const json = { ...auth, 'Content-Type': 'application/scim+json' };
    const create = JSON.stringify(userBody('eve@acme.example'));

    const table: [string, Parameters<typeof raw>[1], number, string?][] = [
      ['no token', { method: 'POST', path: '/Users', headers: { 'Content-Type': 'application/scim+json' }, body: create }, 401],
      ['a wrong token', { method: 'POST', path: '/Users', headers: { Authorization: 'Bearer roster_scim_guess', 'Content-Type': 'application/scim+json' }, body: create }, 401],
      ['the token with a byte more', { method: 'POST', path: '/Users', headers: { Authorization: `Bearer ${scim.secret}x`, 'Content-Type': 'application/scim+json' }, body: create }, 401],
      ['an expired token', { method: 'POST', path: '/Users', headers: { Authorization: `Bearer ${expired}`, 'Content-Type': 'application/scim+json' }, body: create }, 401],
      ['a revoked token', { method: 'POST', path: '/Users', headers: { Authorization: `Bearer ${revoked.secret}`, 'Content-Type': 'application/scim+json' }, body: create }, 401],
      ['Basic credentials', { method: 'POST', path: '/Users', headers: { Authorization: 'Basic b2t0YTpva3Rh', 'Content-Type': 'application/scim+json' }, body: create }, 401],
      ['the token in the query string', { method: 'GET', path: `/Users?access_token=${scim.secret}` }, 401],
      ['Host: evil.example', { method: 'POST', path: '/Users', headers: { ...json, Host: 'evil.example' }, body: create }, 403],
      ['Host: evil.example on our port', { method: 'POST', path: '/Users', headers: { ...json, Host: `evil.example:${port}` }, body: create }, 403],
      ['Host: 127.0.0.1.evil.example', { method: 'GET', path: '/Users', headers: { ...auth, Host: `127.0.0.1.evil.example:${port}` } }, 403],
      ['Host: localhost.evil.example', { method: 'GET', path: '/Users', headers: { ...auth, Host: 'localhost.evil.example' } }, 403],
      ['Host: scim.acme.example.evil.example', { method: 'GET', path: '/Users', headers: { ...auth, Host: 'scim.acme.example.evil.example' } }, 403],
      ['a 10 MB body', { method: 'POST', path: '/Users', headers: json, body: JSON.stringify({ ...userBody('eve@acme.example'), title: 'x'.repeat(10 * 1024 * 1024) }) }, 413],
      ['text/plain', { method: 'POST', path: '/Users', headers: { ...auth, 'Content-Type': 'text/plain' }, body: create }, 415],
      ['a form', { method: 'POST', path: '/Users', headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'userName=eve@acme.example' }, 415],
      ['XML', { method: 'POST', path: '/Users', headers: { ...auth, 'Content-Type': 'application/xml' }, body: '<User/>' }, 415],
      ['JSON cut short', { method: 'POST', path: '/Users', headers: json, body: create.slice(0, -5) }, 400, 'invalidSyntax'],
      ['not JSON at all', { method: 'POST', path: '/Users', headers: json, body: "{userName: 'eve'}" }, 400, 'invalidSyntax'],
      ['a NUL byte', { method: 'POST', path: '/Users', headers: json, body: '\u0000' }, 400, 'invalidSyntax'],
      ['arrays nested 100,000 deep', { method: 'POST', path: '/Users', headers: json, body: '['.repeat(100_000) + ']'.repeat(100_000) }, 400, 'invalidSyntax'],
      ['objects nested 1,000 deep', { method: 'POST', path: '/Users', headers: json, body: '{"a":'.repeat(1000) + '1' + '}'.repeat(1000) }, 400, 'invalidSyntax'],
      ['a PATCH nested 200 deep', { method: 'PATCH', path: '/Groups/1', headers: json, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: '['.repeat(200) }] }).replace(/"\[+"/, '['.repeat(200) + ']'.repeat(200)) }, 400, 'invalidSyntax'],
    ];
    for (const [label, request, status, scimType] of table) expectRefused(await raw(scim.baseUrl, request), status, label, scimType);

    // The allowed names still work: the listen address, localhost and the configured public name.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'scim.acme.example', 'SCIM.ACME.EXAMPLE:443']) {
      expect((await raw(scim.baseUrl, { path: '/ServiceProviderConfig', headers: { ...auth, Host: host } })).status, host).toBe(200);
    }
    expect(dump(scim.core.db)).toBe(before);
  });

  it('answers invalid filters and injection attempts with invalidFilter or an exact match, never a wider one', async () => {
    const scim = await seeded();
    const before = dump(scim.core.db);
    const invalid = [
      'userName eq',
      'userName eq "ana@acme.example" or',
      '(userName eq "ana@acme.example"',
      'userName eq "ana@acme.example"; DROP TABLE accounts',
      'userName eq "ana@acme.example" or 1 eq 1',
      "userName eq 'ana@acme.example' or '1'='1'",
      'userName eq ana@acme.example',
      'userName zz "a"',
      'userName eq "a" ) or ( 1 eq 1',
      '1=1',
      '" or ""="',
      'userName eq "\u0000"',
    ];
    for (const filter of invalid) {
      expectRefused(await raw(scim.baseUrl, { path: `/Users?filter=${encodeURIComponent(filter)}`, headers: { Authorization: `Bearer ${scim.secret}` } }), 400, filter, 'invalidFilter');
    }
    // Well-formed filters whose values carry SQL or LIKE syntax match those characters literally: nothing here.
    const literal = [
      'userName eq "ana@acme.example\\" or \\"1\\"=\\"1"',
      "userName eq \"ana@acme.example' OR 1=1 --\"",
      'userName co "%"',
      'userName sw "_"',
      'userName ew "%acme.example"',
      'userName co "\\\\"',
      'displayName co "*"',
      'userName eq "ana@acme.example\') OR (\'1\'=\'1"',
    ];
    for (const filter of literal) {
      const answer = await raw(scim.baseUrl, { path: `/Users?filter=${encodeURIComponent(filter)}`, headers: { Authorization: `Bearer ${scim.secret}` } });
      tried += 1;
      const found = answer.status === 200 ? (JSON.parse(answer.body) as { totalResults: number }).totalResults : 0;
      if (found > 0) accepted += 1;
      expect([200, 400], filter).toContain(answer.status);
      expect(found, filter).toBe(0);
    }
    for (const filter of ['displayName co "%"', 'displayName eq "Sales\\" or \\"1\\"=\\"1"', 'displayName sw "_"']) {
      const answer = await raw(scim.baseUrl, { path: `/Groups?filter=${encodeURIComponent(filter)}`, headers: { Authorization: `Bearer ${scim.secret}` } });
      tried += 1;
      expect(answer.status === 200 ? JSON.parse(answer.body).totalResults : 0, filter).toBe(0);
    }
    expect(dump(scim.core.db)).toBe(before);
  });

  it('stores SQL metacharacters in every string field as text, never running them', async () => {
    const scim = await seeded();
    const tablesBefore = scim.core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    const nasty = (field: string) => `${field}'); DROP TABLE accounts;-- " OR 1=1 % _ \\ \u0000; DELETE FROM scim_tokens`;
    const userName = "o'hara_x+y@acme.example";
    const body = {
      ...userBody(userName),
      externalId: nasty('externalId'),
      displayName: nasty('displayName'),
      nickName: nasty('nickName'),
      title: nasty('title'),
      name: { givenName: nasty('givenName'), familyName: nasty('familyName'), formatted: nasty('formatted') },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: nasty('department'), employeeNumber: nasty('employeeNumber') },
    };
    const created = await scim.post('/Users', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await scim.get(`/Users/${created.body.id}`);
    expect(read.body).toMatchObject({
      userName,
      externalId: body.externalId,
      displayName: body.displayName,
      nickName: body.nickName,
      title: body.title,
      name: body.name,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': body['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    });
    const group = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: nasty('group').replace('\u0000', ''), externalId: nasty('groupExternalId') });
    expect(group.status).toBe(201);
    expect((await scim.get(`/Groups/${group.body.id}`)).body).toMatchObject({ displayName: nasty('group').replace('\u0000', ''), externalId: nasty('groupExternalId') });
    const filtered = await scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(filtered.body.totalResults).toBe(1);
    expect(scim.core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(tablesBefore);
    expect(scim.core.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(3);
    expect(value(scim.core.scim.tokens.list())).toHaveLength(1);
    tried += 2;
  });

  it('answers a burst past the limit with 429 and Retry-After, per token, and lets the token in again after', async () => {
    // The limiter's clock (performance.now) is the test's: a second passes when the test says, not on the wall.
    vi.useFakeTimers({ toFake: ['performance'] });
    onTestFinished(() => void vi.useRealTimers());
    const scim = await seeded({ limits: { rateLimit: { perSecond: 20, burst: 30 } } });
    const before = dump(scim.core.db);
    const answers = await Promise.all(Array.from({ length: 60 }, () => raw(scim.baseUrl, { path: '/Users?count=1', headers: { Authorization: `Bearer ${scim.secret}` } })));
    const limited = answers.filter((answer) => answer.status === 429);
    // The burst, less the three requests that seeded the store.
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(27);
    expect(limited.length).toBeGreaterThan(0);
    for (const answer of limited) {
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(answer.body)).toMatchObject({ status: '429' });
    }
    tried += answers.length;
    // Requests without a token are limited too, by address, before they can fill the log.
    const anonymous = await Promise.all(Array.from({ length: 60 }, () => raw(scim.baseUrl, { path: '/Users' })));
    expect(anonymous.map((answer) => answer.status)).toContain(429);
    expect(anonymous.every((answer) => answer.status === 401 || answer.status === 429)).toBe(true);
    tried += anonymous.length;
    vi.advanceTimersByTime(1100);
    expect((await raw(scim.baseUrl, { path: '/ServiceProviderConfig', headers: { Authorization: `Bearer ${scim.secret}` } })).status).toBe(200);
    expect(dump(scim.core.db)).toBe(before);
    expect(scim.core.scim.log.list({ search: '', outcome: 'failed', offset: 0, limit: 500 }).rows.some((row) => row.status === 429 && row.tokenName === 'Okta')).toBe(true);
  });

  it('drops a client that sends its headers, or its body, too slowly', async () => {
    const scim = await seeded({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutCheckMs: 100 } });
    const before = dump(scim.core.db);
    const { hostname, port } = new URL(scim.baseUrl);
    /** Sends `parts` a while apart and resolves, once the server has closed, with what came back and how many parts it took. */
    const slow = (parts: string[], gapMs: number) =>
      new Promise<{ text: string; sent: number }>((resolve) => {
        const socket = net.connect(Number(port), hostname);
        let text = '';
        let index = 0;
        const timer = setInterval(() => {
          if (index < parts.length && !socket.destroyed) socket.write(parts[index++]!);
        }, gapMs);
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ text, sent: index });
        });
      });
    const headerDrip = ['POST /scim/v2/Users HTTP/1.1\r\n', `Host: ${hostname}:${port}\r\n`, ...Array.from({ length: 60 }, (_, i) => `X-Slow-${i}: ${i}\r\n`)];
    const body = JSON.stringify(userBody('slow@acme.example'));
    const bodyDrip = [
      `POST /scim/v2/Users HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${scim.secret}\r\nContent-Type: application/scim+json\r\nContent-Length: ${body.length}\r\n\r\n`,
      ...body.match(/.{1,4}/g)!,
    ];
    const [headers, bodies] = await Promise.all([slow(headerDrip, 100), slow(bodyDrip, 100)]);
    // Cut off part way: the client still had parts to send (the drips take 6 s and 4 s; the limits are 0.3 s and 0.6 s).
    expect(headers.sent).toBeLessThan(headerDrip.length);
    expect(bodies.sent).toBeLessThan(bodyDrip.length);
    expect(headers.text).not.toMatch(/^HTTP\/1\.1 2/);
    expect(bodies.text).toMatch(/^HTTP\/1\.1 408/);
    tried += 2;
    expect(dump(scim.core.db)).toBe(before);
    expect(scim.core.db.prepare("SELECT count(*) FROM accounts WHERE email = 'slow@acme.example'").pluck().get()).toBe(0);
  });

  it('keeps tokens out of the database, the request log and the console, wherever a client puts them', async () => {
    const output: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
        output.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write);
    }
    const errors = vi.spyOn(console, 'error');
    const scim = await seeded();
    const other = value(scim.core.scim.tokens.create({ name: 'Entra' }, ADMIN)).secret;
    value(scim.core.scim.tokens.revoke(value(scim.core.scim.tokens.findByName('Entra')).id, ADMIN));
    const secrets = [scim.secret, other];
    const auth = { Authorization: `Bearer ${scim.secret}` };
    const requests: Parameters<typeof raw>[1][] = [
      { path: `/Users?access_token=${scim.secret}` },
      { path: `/Users?token=${other}&count=1`, headers: auth },
      { path: `/Users?filter=${encodeURIComponent(`userName eq "${scim.secret}"`)}`, headers: auth },
      { path: `/Users?filter=${encodeURIComponent(`${other} eq "x"`)}`, headers: auth },
      { path: `/Users/${scim.secret}`, headers: auth },
      { path: `/${other}` },
      { path: '/Users', headers: { Authorization: `Bearer ${other}` } },
      { path: '/Users', headers: { Authorization: `Bearer ${scim.secret}`, 'X-Api-Key': scim.secret, Host: 'evil.example' } },
      { method: 'POST', path: '/Users', headers: { ...auth, 'Content-Type': 'application/scim+json' }, body: `{"userName": "${scim.secret}"` },
    ];
    for (const request of requests) await raw(scim.baseUrl, request);
    await scim.core.scim.stop();
    tried += requests.length;

    const log = JSON.stringify(scim.core.scim.log.list({ search: '', outcome: 'all', offset: 0, limit: 500 }));
    expect(log).toContain('roster_scim_[redacted]');
    scim.core.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = [scim.core.db.name, `${scim.core.db.name}-wal`].filter((file) => fs.existsSync(file)).map((file) => fs.readFileSync(file).toString('latin1'));
    const printed = output.join('') + JSON.stringify(errors.mock.calls);
    for (const secret of secrets) {
      const random = secret.slice('roster_scim_'.length);
      for (const [where, text] of [['request log', log], ['database file', files.join('')], ['stdout/stderr', printed]] as const) {
        expect(text.includes(random), `token in ${where}`).toBe(false);
      }
    }
    reportFigures('scim-hostile', { surface: 'SCIM', tried, accepted, notes: { tokenLeaks: 0 } });
  });
});
