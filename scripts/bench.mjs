#!/usr/bin/env node
// npm run bench: every benchmark of docs/PERFORMANCE.md in one run, each against
// its baseline measured in the same run, then docs/PERFORMANCE.md rewritten with
// the figures. Not part of npm test: it takes about ten minutes and needs
// Debian's sqlite3 shell (apt-get install sqlite3) and Chromium.
//
//   npm run bench                 everything
//   npm run bench -- --only report,ui   some of it (the demo is always made); prints only
//   npm run bench -- --no-write   print, leave docs/PERFORMANCE.md alone
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? new Set(args[args.indexOf('--only') + 1].split(',')) : null;
const wanted = (name) => !only || only.has(name);
const write = !args.includes('--no-write');
const MEMBERS = 100_000;
const EVENTS = 1_000_000;
const cli = path.join(root, 'out', 'main', 'cli.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-bench-'));
const lines = [];
const results = {};

function say(text = '') {
  console.log(text);
  lines.push(text);
}
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const ms = (value) => `${value.toFixed(1)} ms`;
const num = (value) => Math.round(value).toLocaleString('en-US');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const verdict = (met) => (met ? 'met' : 'MISSED');

function roster(...rest) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...rest], { encoding: 'utf8', env: { ...process.env, ROSTER_USER_DATA_DIR: path.join(work, 'user-data') } });
  if (result.status !== 0) throw new Error(`roster ${rest.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return { ms: performance.now() - started, stdout: result.stdout };
}

function sqlite(db, sql) {
  return execFileSync('sqlite3', [db, sql], { encoding: 'utf8' }).trim();
}

function copyDb(from, to) {
  sqlite(from, `VACUUM INTO '${to}'`);
}

// ---------------------------------------------------------------- preparation
function prepare() {
  say(`Roster benchmark, ${new Date().toISOString()}, work folder ${work}`);
  const built = spawnSync(process.execPath, [path.join(root, 'bin', 'roster.cjs'), '--help'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error('The build failed: run npm run build to see why.');
  if (spawnSync('sqlite3', ['-version']).status !== 0) throw new Error("Debian's sqlite3 shell is needed for the report's floor: apt-get install -y sqlite3");
  const peer = path.join(root, 'bench', 'peer');
  if (!fs.existsSync(path.join(peer, 'node_modules', 'scimmy-routers'))) {
    say('Installing the peer SCIM server (bench/peer: scimmy, scimmy-routers, express 4), for the benchmark only...');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: peer, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const node = process.version;
  const sqliteShell = execFileSync('sqlite3', ['-version'], { encoding: 'utf8' }).split(' ')[0];
  results.machine = {
    cpu: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node,
    sqliteShell,
    load: os.loadavg().map((value) => value.toFixed(2)).join(' '),
  };
  say(`Machine: ${results.machine.cpu}, ${results.machine.memory}, ${results.machine.os}; Node ${node}; sqlite3 shell ${sqliteShell}; load ${results.machine.load}`);
}

// ---------------------------------------------------------------- 1. the demo
function demo() {
  say('\n## 1. roster demo --members 100000 --seed 1');
  const db = path.join(work, 'demo.db');
  const made = roster('demo', '--members', String(MEMBERS), '--seed', '1', '--db', db);
  const counts = sqlite(
    db,
    `SELECT (SELECT count(*) FROM members), (SELECT count(*) FROM organizations), (SELECT count(*) FROM teams),
       (SELECT count(*) FROM invitations WHERE status = 'pending'), (SELECT count(*) FROM domains), (SELECT count(*) FROM activity_days),
       (SELECT min(day) FROM activity_days), (SELECT count(*) FROM accounts WHERE last_active_at >= date('now', '-120 days')), (SELECT count(*) FROM audit_events)`,
  ).split('|');
  const [members, orgs, teams, pending, domains, days, firstDay, active, audit] = counts;
  results.demo = { seconds: made.ms / 1000, members: +members, orgs: +orgs, teams: +teams, pending: +pending, domains: +domains, days: +days, firstDay, active: +active, audit: +audit };
  say(`made in ${seconds(made.ms)} (target: about a minute): ${num(+members)} members, ${orgs} organizations, ${num(+teams)} teams, ${num(+pending)} pending invitations, ${domains} domains,`);
  say(`  ${num(+days)} kept days of activity (from ${firstDay}), ${num(+active)} members active in the last 120 days, ${num(+audit)} audit events`);
  return db;
}

// ---------------------------------------------------------------- 2. the report
/** The report's query for the sqlite3 shell: the same rule (RULED, read from the source) and the same columns. */
function floorSql(asOf, out) {
  const source = fs.readFileSync(path.join(root, 'src', 'main', 'report', 'repository.ts'), 'utf8');
  let ruled = /const RULED = `([\s\S]*?)`;/.exec(source)[1];
  const values = { '@asOfDay': `'${asOf.slice(0, 10)}'`, '@asOf': `'${asOf}'`, '@shownDays': '90', '@blankDays': '100', '@trackingSince': "'2025-05-20'" };
  for (const [name, value] of Object.entries(values)) ruled = ruled.replaceAll(name, value);
  return `.headers on
.mode csv
.once ${out}
${ruled}
SELECT email AS "Email", name AS "Name", lastActive AS "Last Active",
  coalesce((SELECT group_concat(name, '; ') FROM (SELECT t.name FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE tm.account_id = r.accountId ORDER BY t.name_key, t.id)), '') AS "Teams",
  coalesce(CASE WHEN EXISTS (SELECT 1 FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE tm.account_id = r.accountId AND t.all_orgs = 1)
    THEN (SELECT group_concat(name, '; ') FROM (SELECT name FROM organizations ORDER BY name_key, id))
    ELSE (SELECT group_concat(name, '; ') FROM (SELECT o.name FROM (
        SELECT om.org_id AS id FROM org_memberships om WHERE om.account_id = r.accountId
        UNION SELECT tor.org_id FROM team_members tm JOIN team_orgs tor ON tor.team_id = tm.team_id WHERE tm.account_id = r.accountId) reach
      JOIN organizations o ON o.id = reach.id ORDER BY o.name_key, o.id)) END, '') AS "Organizations",
  substr(seatSince, 1, 10) AS "Seat Since",
  CASE seatSource WHEN 'manual' THEN 'Added by hand' WHEN 'invitation' THEN 'Invitation' WHEN 'domain_capture' THEN 'Domain capture' WHEN 'scim' THEN 'SCIM' ELSE 'Import' END AS "Seat Source",
  daysInactive AS "Days Inactive"
FROM ruled r ORDER BY email_key;
`;
}

function report(demoDb) {
  say('\n## 2. roster report vs the sqlite3 shell exporting the same query (the floor)');
  const asOf = new Date().toISOString().slice(0, 19) + '.000Z';
  const floorFile = path.join(work, 'floor.csv');
  const ours = path.join(work, 'report.csv');
  const script = path.join(work, 'floor.sql');
  fs.writeFileSync(script, floorSql(asOf, floorFile));
  const runs = { roster: [], floor: [] };
  for (let round = 0; round < 3; round += 1) {
    runs.roster.push(roster('report', '--db', demoDb, '--out', ours, '--as-of', asOf).ms);
    const started = performance.now();
    execFileSync('sqlite3', [demoDb], { input: fs.readFileSync(script) });
    runs.floor.push(performance.now() - started);
  }
  const count = (file) => fs.readFileSync(file, 'utf8').split('\r\n').filter(Boolean).length - 1;
  const rows = { roster: count(ours), floor: count(floorFile) };
  const ratio = median(runs.roster) / median(runs.floor);
  results.report = { rosterMs: median(runs.roster), floorMs: median(runs.floor), ratio, rows, runs };
  say(`roster report: ${seconds(median(runs.roster))} (median of 3; ${runs.roster.map(seconds).join(', ')}), ${num(rows.roster)} rows`);
  say(`sqlite3 shell:  ${seconds(median(runs.floor))} (median of 3; ${runs.floor.map(seconds).join(', ')}), ${num(rows.floor)} rows`);
  say(`ratio ${ratio.toFixed(2)}x the floor (target at most 1.5x): ${verdict(ratio <= 1.5)}`);
}

// ---------------------------------------------------------------- 3. the import
async function importBench() {
  say(`\n## 3. roster import of ${num(EVENTS)} NDJSON events vs a bare better-sqlite3 loop (same rows, same batches of 2,000)`);
  const { writeEventFile } = await import('../bench/events.mjs');
  const { importFloor } = await import('../bench/import-floor.mjs');
  const file = path.join(work, 'events.ndjson');
  writeEventFile(file, { total: EVENTS, accounts: 50_000, end: Date.now() - 60 * 60_000 });
  const floorDb = path.join(work, 'import-floor.db');
  const ourDb = path.join(work, 'import.db');
  for (const db of [floorDb, ourDb]) roster('init', '--name', 'Import bench', '--seats', '200000', '--db', db);
  let started = performance.now();
  await importFloor(floorDb, file, 2000);
  const floorMs = performance.now() - started;
  const ours = roster('import', file, '--db', ourDb);
  const same = sqlite(ourDb, 'SELECT count(*) FROM activity_days') === sqlite(floorDb, 'SELECT count(*) FROM activity_days');
  const rate = (EVENTS / ours.ms) * 1000;
  const floorRate = (EVENTS / floorMs) * 1000;
  results.import = { rosterMs: ours.ms, floorMs, rate, floorRate, ratio: rate / floorRate, same };
  say(`roster import: ${seconds(ours.ms)}, ${num(rate)} events/s`);
  say(`bare loop:     ${seconds(floorMs)}, ${num(floorRate)} events/s (same activity rows: ${same ? 'yes' : 'NO'})`);
  say(`rate ${(rate / floorRate).toFixed(2)}x the floor's (target at least 0.5x): ${verdict(rate / floorRate >= 0.5)}`);
}

// ---------------------------------------------------------------- 4. SCIM
async function scimBench(demoDb) {
  say('\n## 4. SCIM over loopback, keep-alive, 8 clients: Roster vs the peer (SCIMMY + scimmy-routers on Express 4, in memory)');
  const scim = await import('../bench/scim.mjs');
  const token = (db) => JSON.parse(roster('scim', 'token', 'create', '--name', `bench-${Date.now()}`, '--db', db, '--json').stdout).token;
  const rosterServer = (db) => scim.startServer(process.execPath, [cli, 'scim', 'serve', '--port', '0', '--rate-limit', '0', '--db', db]);
  const peerServer = (users) => scim.startServer(process.execPath, [scim.peerServerPath, '0'], { env: { ...process.env, PEER_USERS: String(users) } });
  const CREATE = 10_000;
  // The peer is far slower at some of this: it gets a time budget per measurement, and its figures are over what it finished.
  const budget = { roster: Infinity, peer: 30 };

  async function fresh(name, server, secret) {
    const api = scim.client(server.url, secret);
    const create = async (from, to) =>
      scim.run(to - from, (i) => api.request('POST', '/Users', scim.userBody(`bench${from + i}@scim.example`, from + i)), name === 'peer' ? 60 : Infinity);
    const first = await create(0, 1000);
    const users = await scim.allUsers(api);
    const small = await scim.measureAtScale(api, { userNames: users.names, userIds: users.ids, patches: 1000, budgetSeconds: budget[name] });
    const rest = await create(1000, CREATE);
    api.close();
    await server.stop();
    const made = first.count + rest.count;
    return { create: { count: made, failed: first.failed + rest.failed, perSecond: made / (first.seconds + rest.seconds), meanMs: (first.meanMs * first.count + rest.meanMs * rest.count) / made }, small };
  }

  async function large(name, server, secret) {
    const api = scim.client(server.url, secret);
    const users = await scim.allUsers(api);
    const big = await scim.measureAtScale(api, { userNames: users.names, userIds: users.ids, patches: 10_000, budgetSeconds: budget[name], seed: 11 });
    api.close();
    await server.stop();
    return { members: users.ids.length, big };
  }

  const freshDb = path.join(work, 'scim.db');
  roster('init', '--name', 'SCIM bench', '--seats', '200000', '--db', freshDb);
  const ours = await fresh('roster', await rosterServer(freshDb), token(freshDb));
  const theirs = await fresh('peer', await peerServer(0), 'peer-token');
  const bigDb = path.join(work, 'scim-100k.db');
  copyDb(demoDb, bigDb);
  Object.assign(ours, await large('roster', await rosterServer(bigDb), token(bigDb)));
  Object.assign(theirs, await large('peer', await peerServer(MEMBERS), 'peer-token'));
  results.scim = { roster: ours, peer: theirs };

  const createRatio = ours.create.perSecond / theirs.create.perSecond;
  say(`create ${num(CREATE)} users: Roster ${num(ours.create.perSecond)}/s (mean ${ms(ours.create.meanMs)}), peer ${num(theirs.create.perSecond)}/s over ${num(theirs.create.count)} (mean ${ms(theirs.create.meanMs)}; ${theirs.create.failed} failed)`);
  say(`  ratio ${createRatio.toFixed(2)}x the peer (target at least 5x): ${verdict(createRatio >= 5)}`);
  for (const [key, label] of [['filter', 'filter userName eq'], ['list', 'list a page of 100'], ['patch', 'PATCH-add one member']]) {
    const [a, b] = [ours.small[key], ours.big[key]];
    const [c, d] = [theirs.small[key], theirs.big[key]];
    const growth = b.meanMs / a.meanMs;
    say(`${label}: Roster ${ms(a.meanMs)} at 1,000 -> ${ms(b.meanMs)} at ${num(ours.members)} (${growth.toFixed(2)}x; target within 2x: ${verdict(growth <= 2)}); ${num(a.perSecond)}/s -> ${num(b.perSecond)}/s`);
    say(`  peer: ${ms(c.meanMs)} -> ${ms(d.meanMs)} (${(d.meanMs / c.meanMs).toFixed(2)}x; ${num(c.count)} and ${num(d.count)} requests in its budget, ${c.failed + d.failed} failed); Roster is ${(d.meanMs / b.meanMs).toFixed(1)}x faster at ${num(ours.members)}`);
    results.scim[key] = { growth, met: growth <= 2 };
  }
  results.scim.createRatio = createRatio;
}

// ---------------------------------------------------------------- 5. UI and memory
async function uiBench(demoDb) {
  say('\n## 5. The UI in browser mode (Chromium, Playwright) with 100,000 members, and memory');
  const { measureUi } = await import('../bench/ui.mjs');
  const db = path.join(work, 'ui.db');
  copyDb(demoDb, db);
  const ui = await measureUi({ root, dbPath: db, workDir: work });
  results.ui = ui;
  const rows = Math.max(ui.domRows.licenses, ui.domRows.teams);
  say(`first Licenses rows after navigating there: ${ms(ui.navigationMs)} (median of 5; target under 1 s): ${verdict(ui.navigationMs < 1000)}; cold page load to first rows ${ms(ui.coldMs)}`);
  say(`re-sort by Last Active: ${ms(ui.resortMs)} (target under 0.5 s): ${verdict(ui.resortMs < 500)}`);
  say(`search by email (typed pause included): ${ms(ui.searchMs)} (target under 0.3 s): ${verdict(ui.searchMs < 300)}`);
  say(`rows in the DOM: Licenses ${ui.domRows.licenses}, Teams (2,000 teams) ${ui.domRows.teams} (target under 200): ${verdict(rows < 200)}`);
  say(`peak resident memory of the process holding the store (browser mode, Licenses open): ${ui.memory.peakMb.toFixed(0)} MB (target under 300 MB): ${verdict(ui.memory.peakMb < 300)}`);
}

// ---------------------------------------------------------------- the document
function document() {
  const notes = fs.readFileSync(path.join(root, 'bench', 'PERFORMANCE.notes.md'), 'utf8');
  const text = `# Performance

Roster at the size of the largest enterprises: 100,000 members, 500 organizations,
2,000 teams. Every figure below comes from one run of \`npm run bench\` on the
machine named; each benchmark ran against its baseline in the same run.
Regenerate this page with \`npm run bench\` (about ten minutes).

## The run

- Date: ${new Date().toISOString().slice(0, 10)}
- Machine: ${results.machine.cpu}, ${results.machine.memory}, ${results.machine.os}
- Node ${results.machine.node}; better-sqlite3's SQLite; Debian's sqlite3 shell ${results.machine.sqliteShell}
- Load average when it started: ${results.machine.load} (1, 5 and 15 minutes; the benchmark's processes share the machine's two cores with whatever else runs)

\`\`\`text
${lines.join('\n')}
\`\`\`

${notes}`;
  fs.writeFileSync(path.join(root, 'docs', 'PERFORMANCE.md'), text);
  console.log(`\nWrote docs/PERFORMANCE.md`);
}

try {
  prepare();
  const demoDb = demo();
  if (wanted('report')) report(demoDb);
  if (wanted('import')) await importBench();
  if (wanted('scim')) await scimBench(demoDb);
  if (wanted('ui')) await uiBench(demoDb);
  if (write && !only) document();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
