// The console's calls one at a time, with nothing else running: each call of
// bench/load.mjs's admin loop (the same channels and inputs) against a real
// `roster server` on a copy of a store, after its start-up backup, a few times
// each, then the report export's first byte, first row and whole time. What a
// call costs on its own, apart from what the server's load adds to it.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** POSTs `body` as JSON; answers status, text, and the times to the headers, to the CSV's second line and to the end (ms). */
function post(agent, base, headers, route, body) {
  return new Promise((resolve, reject) => {
    const begun = performance.now();
    const sent = Buffer.from(JSON.stringify(body));
    const request = http.request({ host: base.hostname, port: base.port, path: route, method: 'POST', agent, headers: { ...headers, 'content-length': sent.length } }, (response) => {
      const firstByte = performance.now() - begun;
      const chunks = [];
      let lines = 0;
      let firstRow = NaN;
      response.on('data', (chunk) => {
        chunks.push(chunk);
        if (!Number.isNaN(firstRow)) return;
        for (const byte of chunk) if (byte === 10) lines += 1;
        if (lines >= 2) firstRow = performance.now() - begun;
      });
      response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8'), firstByte, firstRow, ms: performance.now() - begun }));
    });
    request.on('error', reject);
    request.end(sent);
  });
}

/** Starts `roster server` on `file` (its user data and log in `work`); answers its URL and stop(), once its start-up backup is made. */
async function startServer(cli, file, work) {
  const logFile = path.join(work, 'server.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [cli, 'server', '--db', file, '--port', '0'], { stdio: ['ignore', log, log], cwd: work, env: { ...process.env, ROSTER_USER_DATA_DIR: work } });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    fs.closeSync(log);
  };
  let url = null;
  for (let waited = 0; url === null; waited += 50) {
    url = /Roster server at (\S+) /.exec(fs.readFileSync(logFile, 'utf8'))?.[1] ?? null;
    if (url === null && (child.exitCode !== null || waited > 120_000)) throw new Error(`roster server did not start: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    await sleep(50);
  }
  const backups = path.join(work, 'backups');
  const made = () => fs.existsSync(backups) && fs.readdirSync(backups, { recursive: true }).some((name) => /(^|\/)roster-\d.*\.db$/.test(String(name)));
  for (let waited = 0; !made() && waited < 600_000; waited += 250) await sleep(250);
  return { base: new URL(url), stop };
}

/** min, median and max of a list of milliseconds. */
function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) };
}

/**
 * Times each admin call on a copy of `db` in `work` (`reps` times each; member
 * pages for ids the Licenses pages showed; `exports` report exports) and prints
 * min, median and max per call. Answers the figures.
 */
export async function measureAdminCalls({ cli, db, work, reps = 5, exports = 3, say = console.log }) {
  fs.mkdirSync(work, { recursive: true });
  const file = path.join(work, 'calls.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  execFileSync('sqlite3', [db, `VACUUM INTO '${file.replace(/'/g, "''")}'`]);
  const cliJson = (args) => JSON.parse(execFileSync(process.execPath, [cli, ...args, '--json', '--db', file], { encoding: 'utf8', env: { ...process.env, ROSTER_USER_DATA_DIR: work } }));
  const email = `calls.${Date.now().toString(36)}@load.example`;
  cliJson(['admins', 'add', '--email', email, '--role', 'owner']);
  const token = cliJson(['admins', 'token', 'create', '--email', email, '--name', 'calls']).token;
  // The words load.mjs searches: first names from the store.
  const words = execFileSync('sqlite3', [file, "SELECT DISTINCT lower(substr(name, 1, instr(name, ' ') - 1)) FROM accounts WHERE name LIKE '% %' LIMIT 4"], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);

  const server = await startServer(cli, file, work);
  const agent = new http.Agent({ keepAlive: true });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-roster-contract': '1' };
  const list = (input) => ['seats:list', { offset: 0, limit: 50, sort: { by: 'name', desc: false }, ...input }];
  const calls = {
    seatsUsage: ['seats:usage', {}],
    licensesPage: list({}),
    ...Object.fromEntries(['lastActive', 'since', 'email'].map((by) => [`reSort ${by}`, list({ sort: { by, desc: true } })])),
    ...Object.fromEntries(words.map((word) => [`search ${word}`, list({ filter: { search: word } })])),
  };
  const times = {};
  const accountIds = new Set();
  try {
    for (const [kind, [channel, input]] of Object.entries(calls)) {
      times[kind] = [];
      for (let i = 0; i < reps; i += 1) {
        const answer = await post(agent, server.base, headers, `/api/invoke/${channel}`, input);
        if (!answer.text.startsWith('{"ok":true')) throw new Error(`${kind}: ${answer.status} ${answer.text.slice(0, 300)}`);
        for (const row of JSON.parse(answer.text).value.rows ?? []) if (row.accountId !== null) accountIds.add(row.accountId);
        times[kind].push(answer.ms);
      }
    }
    const ids = [...accountIds];
    times.memberPage = [];
    for (let i = 0; i < Math.max(reps, 10) && ids.length > 0; i += 1) {
      const answer = await post(agent, server.base, headers, '/api/invoke/members:get', { accountId: ids[(i * 7) % ids.length] });
      if (!answer.text.startsWith('{"ok":true')) throw new Error(`memberPage: ${answer.status} ${answer.text.slice(0, 300)}`);
      times.memberPage.push(answer.ms);
    }
    // With exports 0 there are no export timings to print (empty lists, not NaN rows).
    if (exports > 0) Object.assign(times, { exportFirstByte: [], exportFirstRow: [], exportWhole: [] });
    for (let i = 0; i < exports; i += 1) {
      await sleep(500);
      const answer = await post(agent, server.base, headers, '/api/export/report', {});
      if (answer.status !== 200) throw new Error(`export: ${answer.status} ${answer.text.slice(0, 300)}`);
      times.exportFirstByte.push(answer.firstByte);
      times.exportFirstRow.push(answer.firstRow);
      times.exportWhole.push(answer.ms);
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
  const load = os.loadavg()[0];
  say(`Admin calls alone on ${db} (load average ${load.toFixed(2)}): min / median / max`);
  const figures = Object.fromEntries(Object.entries(times).map(([kind, values]) => [kind, spread(values)]));
  for (const [kind, { min, median, max }] of Object.entries(figures)) say(`  ${kind.padEnd(20)} ${min.toFixed(1)} / ${median.toFixed(1)} / ${max.toFixed(1)} ms`);
  return { store: db, load, figures };
}

// node bench/admin-calls.mjs STORE [reps] [exports]
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
  const [db, reps = '5', exports = '3'] = process.argv.slice(2);
  if (!db) throw new Error('usage: node bench/admin-calls.mjs STORE [reps] [exports]');
  const work = path.join(os.tmpdir(), `roster-calls-${process.pid}`);
  try {
    await measureAdminCalls({ cli: process.env.CALLS_CLI ?? path.join(root, 'out/main/cli.js'), db, work, reps: Number(reps), exports: Number(exports) });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
