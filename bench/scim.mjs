// The SCIM benchmark: the same work against Roster (`roster scim serve`) and the
// peer (bench/peer/server.mjs: SCIMMY on Express 4, in memory), over loopback,
// keep-alive, 8 clients at once. Each server is its own process, started here.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { random } from './events.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CLIENTS = 8;
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Starts a server process whose first line is "SCIM 2.0 at URL"; answers its URL and a stop(). */
export function startServer(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    const onData = (data) => {
      output += data;
      const match = /SCIM 2\.0 at (\S+)/.exec(output);
      if (match) {
        child.stdout.off('data', onData);
        resolve({
          url: match[1],
          pid: child.pid,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (data) => (output += data));
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited (${code}): ${output}`)));
  });
}

export function client(baseUrl, token) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  return {
    request(method, route, body) {
      return new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const request = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: `${url.pathname}${route}`,
            method,
            agent,
            headers: {
              authorization: `Bearer ${token}`,
              accept: 'application/scim+json',
              ...(payload === undefined ? {} : { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(payload) }),
            },
          },
          (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              if (response.statusCode >= 400) reject(new Error(`${method} ${route}: ${response.statusCode} ${text.slice(0, 300)}`));
              else resolve(text === '' ? null : JSON.parse(text));
            });
          },
        );
        request.on('error', reject);
        request.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/**
 * Runs `count` requests made by `make(i)`, CLIENTS at a time; answers throughput and
 * latencies. With `budgetSeconds`, no request starts after that long: a slow server
 * is measured on the requests it finished (`count` says how many).
 */
export async function run(count, make, budgetSeconds = Infinity) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  const stopAt = started + budgetSeconds * 1000;
  let failed = 0;
  let firstFailure = null;
  async function worker() {
    for (let i = next++; i < count && performance.now() < stopAt; i = next++) {
      const begun = performance.now();
      try {
        await make(i);
        latencies.push(performance.now() - begun);
      } catch (error) {
        // A refused or reset request counts against the server, and the run goes on.
        failed += 1;
        firstFailure ??= error.message;
      }
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  const seconds = (performance.now() - started) / 1000;
  if (failed > 0) console.error(`  ${failed} requests failed, the first: ${firstFailure}`);
  count = latencies.length;
  if (count === 0) return { count, failed, seconds, perSecond: 0, meanMs: NaN, p50Ms: NaN, p95Ms: NaN };
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(count - 1, Math.floor(q * count))];
  return { count, failed, seconds, perSecond: count / seconds, meanMs: latencies.reduce((a, b) => a + b, 0) / count, p50Ms: at(0.5), p95Ms: at(0.95) };
}

export const userBody = (email, index) => ({
  schemas: [USER_SCHEMA],
  userName: email,
  name: { givenName: 'Bench', familyName: `User ${index}` },
  displayName: `Bench User ${index}`,
  emails: [{ value: email, type: 'work', primary: true }],
  active: true,
});

/**
 * Filter, page and PATCH at one scale: `members` users exist already (their userNames
 * in `userNames`); a new group gets `patches` members added one PATCH at a time.
 */
export async function measureAtScale(api, { userNames, userIds, patches, lookups = 2000, pages = 300, seed = 7, budgetSeconds = Infinity }) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const filter = await run(lookups, async () => {
    const found = await api.request('GET', `/Users?filter=${encodeURIComponent(`userName eq "${pick(userNames)}"`)}`);
    if (found.totalResults !== 1) throw new Error(`filter found ${found.totalResults}`);
  }, budgetSeconds);
  const total = userNames.length;
  const list = await run(pages, async () => {
    const startIndex = 1 + Math.floor(next() * Math.max(1, total - 100));
    const page = await api.request('GET', `/Users?startIndex=${startIndex}&count=100`);
    if (page.Resources.length === 0) throw new Error('empty page');
  }, budgetSeconds);
  const group = await api.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `Bench group ${seed}-${Date.now()}` });
  const chosen = userIds.slice(0, patches);
  const patch = await run(chosen.length, (i) =>
    api.request('PATCH', `/Groups/${group.id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'add', path: 'members', value: [{ value: chosen[i] }] }] }),
  budgetSeconds);
  return { filter, list, patch };
}

/** Every user's id and userName, a page at a time (or, for the peer's seeded users, as it made them). */
export async function allUsers(api) {
  const ids = [];
  const names = [];
  const first = await api.request('GET', '/Users?startIndex=1&count=1');
  if (first.Resources[0]?.id === 'seed-0') {
    for (let index = 0; index < first.totalResults; index += 1) {
      ids.push(`seed-${index}`);
      names.push(`member${index}@peer.example`);
    }
    return { ids, names };
  }
  for (;;) {
    const page = await api.request('GET', `/Users?startIndex=${ids.length + 1}&count=1000&attributes=userName`);
    for (const user of page.Resources) {
      ids.push(user.id);
      names.push(user.userName);
    }
    if (page.Resources.length === 0 || ids.length >= page.totalResults) return { ids, names };
  }
}

/**
 * Every SCIM user's id and userName read straight from a Roster database (members and
 * the accounts the provider wrote, in id order, as /Users lists them): at 1,000,000
 * users, a second or two, where paging /Users a thousand at a time is a thousand
 * requests. Read-only; the server may have the file open.
 */
export function usersOfDb(file) {
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(`SELECT a.scim_id, coalesce(s.user_name, a.email) FROM accounts a LEFT JOIN scim_users s ON s.account_id = a.id
        WHERE EXISTS (SELECT 1 FROM members m WHERE m.account_id = a.id) OR s.account_id IS NOT NULL ORDER BY a.id`)
      .raw()
      .all();
    return { ids: rows.map((row) => row[0]), names: rows.map((row) => row[1]) };
  } finally {
    db.close();
  }
}

export const peerServerPath = path.join(here, 'peer', 'server.mjs');
