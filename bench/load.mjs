// The server under load: a real `roster server` on a copy of a store, an
// identity provider's initial sync sent open-loop at a fixed rate (users in
// waves of 1,000, then each wave's groups PATCHed with its 1,000 users), and
// admins browsing the console at the same time through /api. The sync goes
// through one SCIM token, as a real provider's does, with the server started
// with --scim-rate-limit 1000 (the default 50 a second per token would hold
// a 500-a-second sync back with 429s). Afterwards the store is read with SQL
// (the server stopped) to check that nothing answered as done was lost. The
// load runs on the same machine as the server: plain http, keep-alive agents,
// bodies built before the clock starts.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { random } from './events.mjs';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const WAVE = 1000;
/**
 * A real provider syncs through one token, and a token takes 50 requests a
 * second by default (docs/SCIM.md, Limits): the server is started with
 * --scim-rate-limit 1000, as an enterprise expecting a sync of 500 a second
 * would start it, and the whole sync goes through ONE token.
 */
const SCIM_RATE_LIMIT = 1000;
const THINK_MS = [150, 350];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** p50, p95, p99 and max of a list of milliseconds (nearest rank). */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

/** One HTTP request; answers status, body text, time to the first byte and to the end (ms). */
function send(agent, base, method, route, headers, body, { onFirstByte } = {}) {
  return new Promise((resolve) => {
    const begun = performance.now();
    const request = http.request(
      { host: base.hostname, port: base.port, path: route, method, agent, headers: body ? { ...headers, 'content-length': body.length } : headers },
      (response) => {
        const firstByte = performance.now() - begun;
        onFirstByte?.(firstByte);
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8'), firstByte, ms: performance.now() - begun }));
        response.on('error', (error) => resolve({ status: 0, text: error.message, firstByte, ms: performance.now() - begun }));
      },
    );
    request.on('error', (error) => resolve({ status: 0, text: error.message, firstByte: NaN, ms: performance.now() - begun }));
    request.end(body);
  });
}

function cliJson(cli, args) {
  return JSON.parse(execFileSync(process.execPath, [cli, ...args, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** Starts `roster server` on `file`, its log to a file (as journald would take it); answers its URL, pid and stop(). */
async function startServer(cli, file, logFile) {
  const log = fs.openSync(logFile, 'w');
  // LOAD_SERVER_NODE_ARGS (such as --cpu-prof) goes to the server's node, to find where its time goes.
  const nodeArgs = (process.env.LOAD_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // Its backups folder is the work folder's, not the user's own.
  const env = { ...process.env, ROSTER_USER_DATA_DIR: path.dirname(logFile) };
  const child = spawn(process.execPath, [...nodeArgs, cli, 'server', '--db', file, '--port', '0', '--scim-rate-limit', String(SCIM_RATE_LIMIT)], { stdio: ['ignore', log, log], cwd: path.dirname(logFile), env });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (let waited = 0; ; waited += 50) {
    const match = /Roster server at (\S+) /.exec(fs.readFileSync(logFile, 'utf8'));
    if (match) {
      return {
        url: new URL(match[1]),
        pid: child.pid,
        stop: async () => {
          child.kill('SIGTERM');
          const code = await exited;
          fs.closeSync(log);
          return code;
        },
      };
    }
    if (child.exitCode !== null || waited > 120_000) throw new Error(`roster server did not start: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    await sleep(50);
  }
}

/**
 * A server started on a store with no backup makes its daily one at once (in a
 * worker): the load starts once it is made, as on a server that has run for a
 * day. Answers the seconds waited.
 */
async function startUpBackup(work) {
  const begun = performance.now();
  const folder = path.join(work, 'backups');
  const made = () => fs.existsSync(folder) && fs.readdirSync(folder, { recursive: true }).some((name) => /(^|\/)roster-\d.*\.db$/.test(String(name)));
  while (!made() && performance.now() - begun < 600_000) await sleep(250);
  return (performance.now() - begun) / 1000;
}

/** CPU seconds a process has used so far (user + system), from /proc. */
function processCpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The server's main thread (the one taking SCIM and the API): seconds on a CPU, and seconds ready but waiting for one. */
function mainThreadSchedule(pid) {
  const [onCpu, waiting] = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
  return { onCpu: onCpu / 1e9, waiting: waiting / 1e9 };
}

/**
 * The identity provider's initial sync, open-loop: request i leaves at i/rate
 * seconds whether or not the earlier ones were answered. A wave is a new
 * department group (POST /Groups), 1,000 users (POST /Users), then two group
 * PATCHes of those 1,000: the department's and the all-staff group's. A PATCH
 * names the users' ids, so it leaves at its time or once its wave's creates
 * are answered, whichever is later (the wait is reported).
 */
async function initialSync({ base, tokens, rate, seconds, allStaffId, runTag }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const headersOf = tokens.map((token) => ({ authorization: `Bearer ${token}`, accept: 'application/scim+json', 'content-type': 'application/scim+json' }));
  const total = Math.round(rate * seconds);
  const perWave = WAVE + 3;
  // Every body but the PATCHes' (which name ids only known once answered) is made before the clock starts.
  const bodies = Array.from({ length: total }, (_, i) => {
    const wave = Math.floor(i / perWave);
    const slot = i % perWave;
    if (slot === 0) return Buffer.from(JSON.stringify({ schemas: [GROUP_SCHEMA], displayName: `Load ${runTag} department ${wave}` }));
    if (slot > WAVE) return null;
    const n = wave * WAVE + slot - 1;
    const email = `load.${runTag}.${n}@sync.example`;
    return Buffer.from(
      JSON.stringify({ schemas: [USER_SCHEMA], userName: email, name: { givenName: 'Load', familyName: `User ${n}` }, emails: [{ value: email, type: 'work', primary: true }], active: true }),
    );
  });
  const waves = [];
  const waveOf = (index) => (waves[index] ??= { groupId: null, group: null, ids: [], pending: WAVE, done: null, settle: null });
  const kinds = { createUser: [], createGroup: [], patchGroup: [] };
  const statuses = {};
  const failures = [];
  const created = [];
  /** Group scim id -> the user ids its PATCHes (answered 2xx) added. */
  const added = new Map();
  let sent = 0;
  let answered = 0;
  let maxLag = 0;
  let maxPatchHold = 0;
  const inFlight = [];

  const record = (kind, answer) => {
    answered += 1;
    kinds[kind].push(answer.ms);
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    if (answer.status === 0 || answer.status >= 400) failures.push(`${kind} ${answer.status} ${answer.text.slice(0, 200)}`);
  };

  async function fire(i, lag) {
    const wave = Math.floor(i / perWave);
    const slot = i % perWave;
    const headers = headersOf[i % headersOf.length];
    const state = waveOf(wave);
    if (slot === 0) {
      const answer = await send(agent, base, 'POST', '/scim/v2/Groups', headers, bodies[i]);
      record('createGroup', answer);
      if (answer.status === 201) state.groupId = JSON.parse(answer.text).id;
      return;
    }
    if (slot <= WAVE) {
      const answer = await send(agent, base, 'POST', '/scim/v2/Users', headers, bodies[i]);
      record('createUser', answer);
      if (answer.status === 201) {
        const id = JSON.parse(answer.text).id;
        state.ids.push(id);
        created.push(id);
      }
      state.pending -= 1;
      if (state.pending === 0) state.settle?.();
      return;
    }
    const held = performance.now();
    if (state.pending > 0) await (state.done ??= new Promise((resolve) => (state.settle = resolve)));
    maxPatchHold = Math.max(maxPatchHold, performance.now() - held + lag);
    const groupId = slot === WAVE + 1 ? state.groupId : allStaffId;
    if (groupId === null) return;
    const ids = [...state.ids];
    const body = Buffer.from(JSON.stringify({ schemas: [PATCH_SCHEMA], Operations: [{ op: 'add', path: 'members', value: ids.map((value) => ({ value })) }] }));
    const answer = await send(agent, base, 'PATCH', `/scim/v2/Groups/${groupId}`, headers, body);
    record('patchGroup', answer);
    if (answer.status === 200 || answer.status === 204) {
      const members = added.get(groupId) ?? new Set();
      for (const id of ids) members.add(id);
      added.set(groupId, members);
    }
  }

  const started = performance.now();
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && started + (sent * 1000) / rate <= now) {
        const lag = now - (started + (sent * 1000) / rate);
        maxLag = Math.max(maxLag, lag);
        inFlight.push(fire(sent, lag));
        sent += 1;
      }
      if (sent < total) setTimeout(tick, Math.max(0, started + (sent * 1000) / rate - performance.now()));
      else resolve();
    };
    tick();
  });
  const sentFor = (performance.now() - started) / 1000;
  await Promise.all(inFlight);
  agent.destroy();
  return {
    sent,
    answered,
    sentForSeconds: sentFor,
    allAnsweredSeconds: (performance.now() - started) / 1000,
    maxSendLagMs: maxLag,
    maxPatchHoldMs: maxPatchHold,
    statuses,
    failures: failures.slice(0, 5),
    failureCount: failures.length,
    latency: Object.fromEntries(Object.entries(kinds).map(([kind, list]) => [kind, summary(list)])),
    created,
    added,
  };
}

/**
 * An admin at the console, a closed loop with a short think time: the Licenses
 * page (usage and its first page), a re-sort, a search, a member's page, and
 * now and then the activity report's export (its time to the first byte is
 * the admin's call; the download goes on beside the browsing, one at a time
 * per admin, at most one every `exportEveryMs`).
 */
async function adminLoop({ base, token, until, seed, calls, exports, searchWords, exportEveryMs, firstExportMs }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-roster-contract': '1' };
  const next = random(seed);
  const invoke = async (kind, channel, input) => {
    const answer = await send(agent, base, 'POST', `/api/invoke/${channel}`, headers, Buffer.from(JSON.stringify(input ?? {})));
    calls.push({ kind, ms: answer.ms, ok: answer.status === 200 && answer.text.startsWith('{"ok":true') });
    return answer.status === 200 ? JSON.parse(answer.text) : null;
  };
  const think = () => sleep(THINK_MS[0] + next() * (THINK_MS[1] - THINK_MS[0]));
  let download = null;
  let nextExport = performance.now() + firstExportMs;
  while (performance.now() < until) {
    await invoke('seatsUsage', 'seats:usage');
    const page = await invoke('licensesPage', 'seats:list', { sort: { by: 'name', desc: false }, offset: 0, limit: 50 });
    await think();
    await invoke('reSort', 'seats:list', { sort: { by: ['lastActive', 'since', 'email'][Math.floor(next() * 3)], desc: true }, offset: 0, limit: 50 });
    await think();
    const word = searchWords[Math.floor(next() * searchWords.length)];
    const found = await invoke('search', 'seats:list', { filter: { search: word }, sort: { by: 'name', desc: false }, offset: 0, limit: 50 });
    await think();
    const rows = [...(found?.value?.rows ?? []), ...(page?.value?.rows ?? [])].filter((row) => row.accountId !== null);
    const row = rows[Math.floor(next() * rows.length)];
    if (row) await invoke('memberPage', 'members:get', { accountId: row.accountId });
    await think();
    if (download === null && performance.now() >= nextExport) {
      nextExport = performance.now() + exportEveryMs;
      const body = Buffer.from('{}');
      download = send(agent, base, 'POST', '/api/export/report', headers, body, {
        onFirstByte: (ms) => calls.push({ kind: 'exportFirstByte', ms, ok: true }),
      }).then((answer) => {
        exports.push({ ms: answer.ms, ok: answer.status === 200, bytes: answer.text.length });
        download = null;
      });
      await think();
    }
  }
  await download;
  agent.destroy();
}

/** Reads the stopped server's file: every user answered 201 is there, and every group holds exactly what its PATCHes added. */
function checkStore(file, work, { created, added }) {
  const quote = (text) => `'${text.replace(/'/g, "''")}'`;
  const lines = ['CREATE TEMP TABLE want_users (id TEXT PRIMARY KEY);', 'CREATE TEMP TABLE want_members (g TEXT, u TEXT, PRIMARY KEY (g, u));'];
  for (let i = 0; i < created.length; i += 500) lines.push(`INSERT INTO want_users VALUES ${created.slice(i, i + 500).map((id) => `(${quote(id)})`).join(',')};`);
  for (const [group, members] of added) {
    const list = [...members];
    for (let i = 0; i < list.length; i += 500) lines.push(`INSERT INTO want_members VALUES ${list.slice(i, i + 500).map((id) => `(${quote(group)},${quote(id)})`).join(',')};`);
  }
  const groups = [...added.keys()].map(quote).join(',') || "''";
  lines.push(
    `SELECT 'missingUsers', count(*) FROM want_users w WHERE NOT EXISTS (SELECT 1 FROM accounts a JOIN scim_users s ON s.account_id = a.id WHERE a.scim_id = w.id);`,
    `SELECT 'missingMembers', count(*) FROM want_members w WHERE NOT EXISTS (SELECT 1 FROM scim_group_members m JOIN teams t ON t.id = m.team_id JOIN accounts a ON a.id = m.account_id WHERE t.scim_id = w.g AND a.scim_id = w.u);`,
    `SELECT 'extraMembers', count(*) FROM scim_group_members m JOIN teams t ON t.id = m.team_id JOIN accounts a ON a.id = m.account_id WHERE t.scim_id IN (${groups}) AND NOT EXISTS (SELECT 1 FROM want_members w WHERE w.g = t.scim_id AND w.u = a.scim_id);`,
    `SELECT 'membersWithoutAccess', count(*) FROM want_members w JOIN teams t ON t.scim_id = w.g JOIN accounts a ON a.scim_id = w.u WHERE NOT EXISTS (SELECT 1 FROM team_members tm WHERE tm.team_id = t.id AND tm.account_id = a.id);`,
  );
  const script = path.join(work, 'check.sql');
  fs.writeFileSync(script, lines.join('\n'));
  const out = execFileSync('sqlite3', ['-readonly', file, `.read ${script}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const found = Object.fromEntries(out.trim().split('\n').map((line) => line.split('|')).map(([name, count]) => [name, Number(count)]));
  return { usersAnswered201: created.length, groupsPatched: added.size, membersAdded: [...added.values()].reduce((sum, set) => sum + set.size, 0), ...found };
}

const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '-');
const line = (name, s) => `  ${name.padEnd(16)} n=${String(s.count).padStart(6)}  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`;

/**
 * Runs the whole measurement on a copy of `db` in `work` and prints it; the
 * `roster` command line is `cli` (out/main/cli.js). Answers the figures.
 */
export async function measureLoad({ cli, db, work, rate = 500, seconds = 60, admins = 5, exportEverySeconds = 30, say = console.log }) {
  fs.mkdirSync(work, { recursive: true });
  const file = path.join(work, 'load.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  say(`Copying ${db} to ${file}...`);
  execFileSync('sqlite3', [db, `VACUUM INTO '${file.replace(/'/g, "''")}'`]);
  const runTag = Date.now().toString(36);

  // Seats for every user the sync makes, tokens for the provider and the admins: all through the command line.
  const usage = cliJson(cli, ['seats', '--db', file]);
  for (const stale of fs.readdirSync(work).filter((name) => name === 'backups')) fs.rmSync(path.join(work, stale), { recursive: true, force: true });
  cliJson(cli, ['seats', '--set', String(usage.seats + Math.ceil(rate * seconds) + WAVE), '--db', file]);
  const tokenCount = 1;
  const scimTokens = [cliJson(cli, ['scim', 'token', 'create', '--name', `load-${runTag}`, '--db', file]).token];
  const adminTokens = [];
  for (let i = 0; i < admins; i += 1) {
    const email = `admin${i}.${runTag}@load.example`;
    cliJson(cli, ['admins', 'add', '--email', email, '--role', i === 0 ? 'owner' : 'admin', '--db', file]);
    adminTokens.push(cliJson(cli, ['admins', 'token', 'create', '--email', email, '--name', 'load', '--db', file]).token);
  }
  const searchWords = execFileSync('sqlite3', [file, "SELECT DISTINCT lower(substr(name, 1, instr(name, ' ') - 1)) FROM accounts WHERE name LIKE '% %' LIMIT 40"], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean);

  const server = await startServer(cli, file, path.join(work, 'server.log'));
  const base = server.url;
  const backupSeconds = await startUpBackup(work);
  say(`roster server at ${base.href} on ${file} (its start-up backup made in ${backupSeconds.toFixed(1)} s); ${rate} SCIM requests/s for ${seconds} s through ${tokenCount} token (--scim-rate-limit ${SCIM_RATE_LIMIT}), ${admins} admins`);
  const allStaff = await send(new http.Agent(), base, 'POST', '/scim/v2/Groups', { authorization: `Bearer ${scimTokens[0]}`, 'content-type': 'application/scim+json' }, Buffer.from(JSON.stringify({ schemas: [GROUP_SCHEMA], displayName: `Load ${runTag} all staff` })));
  if (allStaff.status !== 201) throw new Error(`The all-staff group was refused: ${allStaff.status} ${allStaff.text}`);
  const allStaffId = JSON.parse(allStaff.text).id;

  const cpuBefore = process.cpuUsage();
  const serverCpuBefore = processCpuSeconds(server.pid);
  const scheduleBefore = mainThreadSchedule(server.pid);
  const wallStart = performance.now();
  const calls = [];
  const exports = [];
  const until = performance.now() + seconds * 1000;
  const [sync] = await Promise.all([
    initialSync({ base, tokens: scimTokens, rate, seconds, allStaffId, runTag }),
    ...adminTokens.map((token, i) => adminLoop({ base, token, until, seed: 11 + i, calls, exports, searchWords, exportEveryMs: exportEverySeconds * 1000, firstExportMs: (i * exportEverySeconds * 1000) / admins })),
  ]);
  const wall = (performance.now() - wallStart) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpu = processCpuSeconds(server.pid) - serverCpuBefore;
  const scheduleAfter = mainThreadSchedule(server.pid);
  const mainThread = { onCpuSeconds: scheduleAfter.onCpu - scheduleBefore.onCpu, waitingForCpuSeconds: scheduleAfter.waiting - scheduleBefore.waiting, wallSeconds: 0 };
  const load = os.loadavg()[0];
  const code = await server.stop();

  const byKind = {};
  for (const call of calls) (byKind[call.kind] ??= []).push(call.ms);
  const admin = {
    overall: summary(calls.map((call) => call.ms)),
    failed: calls.filter((call) => !call.ok).length,
    ...Object.fromEntries(Object.entries(byKind).map(([kind, list]) => [kind, summary(list)])),
    exportFull: summary(exports.map((done) => done.ms)),
    exportsFailed: exports.filter((done) => !done.ok).length,
  };
  const check = checkStore(file, work, sync);
  const cores = os.cpus().length;
  const result = {
    store: db,
    rate,
    seconds,
    admins,
    exportEverySeconds,
    scimTokens: tokenCount,
    scim: { sent: sync.sent, answered: sync.answered, statuses: sync.statuses, failureCount: sync.failureCount, failures: sync.failures, latency: sync.latency, sentForSeconds: sync.sentForSeconds, allAnsweredSeconds: sync.allAnsweredSeconds, maxSendLagMs: sync.maxSendLagMs, maxPatchHoldMs: sync.maxPatchHoldMs },
    admin,
    check,
    serverExit: code,
    cpu: { cores, loadGeneratorShare: (cpu.user + cpu.system) / 1e6 / wall / cores, serverShare: serverCpu / wall / cores, serverMainThread: { ...mainThread, wallSeconds: wall }, loadAverageAtEnd: load },
  };

  say(`SCIM: ${sync.sent} sent in ${sync.sentForSeconds.toFixed(1)} s (send lag max ${ms(sync.maxSendLagMs)}), ${sync.answered} answered by ${sync.allAnsweredSeconds.toFixed(1)} s; by status ${JSON.stringify(sync.statuses)}`);
  for (const [kind, s] of Object.entries(sync.latency)) say(line(kind, s));
  if (sync.failureCount > 0) say(`  ${sync.failureCount} failed, e.g. ${sync.failures[0]}`);
  say(`  PATCH held for its wave's creates: at most ${ms(sync.maxPatchHoldMs)}`);
  say(`Admins (${admins}, closed loops, think ${THINK_MS.join('-')} ms, an export each every ${exportEverySeconds} s): ${calls.length} calls, ${admin.failed} failed`);
  for (const [kind, list] of Object.entries(byKind)) say(line(kind, summary(list)));
  say(line('all admin calls', admin.overall));
  say(line('export (whole)', admin.exportFull) + `  (${exports.length} exports, ${admin.exportsFailed} failed)`);
  say(`No change lost: ${check.usersAnswered201} users answered 201, ${check.missingUsers} missing; ${check.groupsPatched} groups, ${check.membersAdded} members added, ${check.missingMembers} missing, ${check.extraMembers} extra, ${check.membersWithoutAccess} without the team's access`);
  say(`CPU (${cores} cores): load generator ${(result.cpu.loadGeneratorShare * 100).toFixed(0)}%, server ${(result.cpu.serverShare * 100).toFixed(0)}%; load average ${load.toFixed(2)}; server exit ${code}`);
  say(`  the server's main thread, over ${wall.toFixed(1)} s: ${mainThread.onCpuSeconds.toFixed(1)} s on a CPU, ${mainThread.waitingForCpuSeconds.toFixed(1)} s ready and waiting for one`);
  return result;
}

// node bench/load.mjs STORE [rate] [seconds] [admins] [exportEverySeconds]: the measurement on its own (LOAD_JSON=FILE keeps the figures).
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
  const [db, rate = '500', seconds = '60', admins = '5', exportEverySeconds = '30'] = process.argv.slice(2);
  if (!db) throw new Error('usage: node bench/load.mjs STORE [rate] [seconds] [admins]');
  const work = path.join(os.tmpdir(), `roster-load-${process.pid}`);
  try {
    const result = await measureLoad({ cli: process.env.LOAD_CLI ?? path.join(root, 'out/main/cli.js'), db, work, rate: Number(rate), seconds: Number(seconds), admins: Number(admins), exportEverySeconds: Number(exportEverySeconds) });
    if (process.env.LOAD_JSON) fs.writeFileSync(process.env.LOAD_JSON, JSON.stringify(result, null, 2));
  } finally {
    // The store's copy and its backups: 8 GB at a million members.
    fs.rmSync(work, { recursive: true, force: true });
  }
}
