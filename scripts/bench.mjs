#!/usr/bin/env node
// npm run bench: every benchmark of docs/PERFORMANCE.md in one run, each against
// its baseline measured in the same run, then docs/PERFORMANCE.md rewritten with
// the figures. Not part of npm test: it takes about forty minutes (most of it
// making and copying the million-member demo) and needs Debian's sqlite3 shell
// (apt-get install sqlite3) and Chromium.
//
//   npm run bench                 everything
//   npm run bench -- --only report,ui   some of it (the demos are always made); prints only
//   npm run bench -- --no-write   print, leave docs/PERFORMANCE.md alone
//   npm run bench -- --base 5000 --large 20000   the two demos at other sizes, to try the benchmark itself (prints only)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? new Set(args[args.indexOf('--only') + 1].split(',')) : null;
const wanted = (name) => !only || only.has(name);
const write = !args.includes('--no-write') && !args.includes('--large') && !args.includes('--base');
const MEMBERS = args.includes('--base') ? Number(args[args.indexOf('--base') + 1]) : 100_000;
const LARGE = args.includes('--large') ? Number(args[args.indexOf('--large') + 1]) : 1_000_000;
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

/** A copy of a closed store to work on (the app may write to it): the file as it is, or, if a WAL is left beside it, SQLite's own copy. */
function copyDb(from, to) {
  if ((fs.statSync(`${from}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0) sqlite(from, `VACUUM INTO '${to}'`);
  else fs.copyFileSync(from, to);
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

// ---------------------------------------------------------------- 1. the demos
/** `roster demo --members N` into a new file, timed, and what it made. */
function makeDemo(members, file) {
  const db = path.join(work, file);
  const made = roster('demo', '--members', String(members), '--seed', '1', '--db', db);
  const counts = sqlite(
    db,
    `SELECT (SELECT count(*) FROM members), (SELECT count(*) FROM organizations), (SELECT count(*) FROM teams),
       (SELECT count(*) FROM invitations WHERE status = 'pending'), (SELECT count(*) FROM domains), (SELECT count(*) FROM activity_days),
       (SELECT min(day) FROM activity_days), (SELECT count(*) FROM accounts WHERE last_active_at >= date('now', '-120 days')), (SELECT count(*) FROM audit_events),
       (SELECT max(n) FROM (SELECT count(*) AS n FROM team_members GROUP BY team_id))`,
  ).split('|');
  const [count, orgs, teams, pending, domains, days, firstDay, active, audit, largestTeam] = counts;
  const bytes = fs.statSync(db).size;
  const result = { db, seconds: made.ms / 1000, members: +count, orgs: +orgs, teams: +teams, pending: +pending, domains: +domains, days: +days, firstDay, active: +active, audit: +audit, largestTeam: +largestTeam, bytes };
  say(`--members ${members}: made in ${seconds(made.ms)}, a ${(bytes / 2 ** 30).toFixed(2)} GiB file: ${num(+count)} members, ${num(+orgs)} organizations, ${num(+teams)} teams (the largest ${num(+largestTeam)} members), ${num(+pending)} pending invitations, ${domains} domains,`);
  say(`  ${num(+days)} kept days of activity (from ${firstDay}), ${num(+active)} members active in the last 120 days, ${num(+audit)} audit events`);
  return result;
}

function demos() {
  say(`\n## 1. roster demo --members ${MEMBERS} and --members ${LARGE} (--seed 1)`);
  results.demo = makeDemo(MEMBERS, 'demo.db');
  results.large = makeDemo(LARGE, 'large.db');
  const met = results.large.seconds < 600;
  say(`the ${num(LARGE)}-member demo in ${seconds(results.large.seconds * 1000)} (target under 10 minutes): ${verdict(met)}; ${(results.large.seconds / results.demo.seconds).toFixed(1)}x the time of ${num(MEMBERS)}`);
  return { demoDb: results.demo.db, largeDb: results.large.db };
}

// ---------------------------------------------------------------- 2. the report
async function report(demoDb, largeDb) {
  say('\n## 2. roster report --out FILE vs the sqlite3 shell writing the reads it needs to one CSV file (the floor), best of two each');
  const { measureReport } = await import('../bench/report.mjs');
  const env = { ...process.env, ROSTER_USER_DATA_DIR: path.join(work, 'user-data') };
  const sizes = [[MEMBERS, demoDb], [LARGE, largeDb]];
  results.report = {};
  for (const [members, db] of sizes) {
    const measured = await measureReport({ cli, db, work, env });
    results.report[members] = { ...measured, perMemberUs: (measured.rosterMs * 1000) / members };
    say(`${num(members)} members: roster report ${seconds(measured.rosterMs)} (${measured.rosterRuns.map(seconds).join(', ')}), ${num(measured.rows)} rows; sqlite3 shell ${seconds(measured.floorMs)} (${measured.floorRuns.map(seconds).join(', ')})`);
    say(`  ratio ${measured.ratio.toFixed(2)}x the floor (target at most 2x): ${verdict(measured.ratio <= 2)}; ${results.report[members].perMemberUs.toFixed(2)} µs a member${measured.peakRssMb ? `; peak memory ${Math.round(measured.peakRssMb)} MB` : ''}`);
  }
  const flat = results.report[LARGE].perMemberUs / results.report[MEMBERS].perMemberUs;
  results.report.flat = flat;
  say(`cost per member at ${num(LARGE)} / at ${num(MEMBERS)}: ${flat.toFixed(2)}x (target within 1.3x): ${verdict(flat <= 1.3)}`);
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
async function scimBench(largeDb) {
  say(`\n## 4. SCIM over loopback, keep-alive, 8 clients: Roster at 1,000 and ${num(LARGE)} members, the peer (SCIMMY + scimmy-routers on Express 4, in memory) at 1,000 and ${num(MEMBERS)}`);
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

  async function large(name, server, secret, db) {
    const api = scim.client(server.url, secret);
    // Roster's users are read from the file (paging a million through /Users would be the benchmark); the peer's as it made them.
    const users = db ? scim.usersOfDb(db) : await scim.allUsers(api);
    const big = await scim.measureAtScale(api, { userNames: users.names, userIds: users.ids, patches: 10_000, budgetSeconds: budget[name], seed: 11 });
    api.close();
    await server.stop();
    return { members: users.ids.length, big };
  }

  const freshDb = path.join(work, 'scim.db');
  roster('init', '--name', 'SCIM bench', '--seats', '200000', '--db', freshDb);
  const ours = await fresh('roster', await rosterServer(freshDb), token(freshDb));
  const theirs = await fresh('peer', await peerServer(0), 'peer-token');
  const bigDb = path.join(work, 'scim-large.db');
  copyDb(largeDb, bigDb);
  Object.assign(ours, await large('roster', await rosterServer(bigDb), token(bigDb), bigDb));
  fs.rmSync(bigDb, { force: true });
  // The peer holds its users in memory and filters by walking them: it is measured at 100,000, as before.
  Object.assign(theirs, await large('peer', await peerServer(MEMBERS), 'peer-token'));
  const { measureDurableCommits } = await import('../bench/durable.mjs');
  const durable = measureDurableCommits({ dir: work, seconds: 5 });
  results.scim = { roster: ours, peer: theirs, durable };

  const createRatio = ours.create.perSecond / theirs.create.perSecond;
  say(`create ${num(CREATE)} users: Roster ${num(ours.create.perSecond)}/s (mean ${ms(ours.create.meanMs)}), peer ${num(theirs.create.perSecond)}/s over ${num(theirs.create.count)} (mean ${ms(theirs.create.meanMs)}; ${theirs.create.failed} failed)`);
  say(`  ${createRatio.toFixed(2)}x the peer; this disk's durable-commit limit (one small INSERT a transaction, WAL, synchronous = FULL): ${num(durable.single.commitsPerSecond)} commits/s (8 rows a commit: ${num(durable.batched.commitsPerSecond)} commits/s)`);
  const bound = ours.create.perSecond < durable.single.commitsPerSecond
    ? "below what this disk commits one at a time: Roster's creates are bound by the CPU here (HTTP and each create's own work), not by the disk's commits"
    : 'above what this disk commits one at a time: group commit shares commits among the creates that arrive together';
  say(`  Roster's creates/s are ${(ours.create.perSecond / durable.single.commitsPerSecond).toFixed(2)}x the disk's one-at-a-time commits, ${bound}`);
  for (const [key, label] of [['filter', 'filter userName eq'], ['list', 'list a page of 100'], ['patch', 'PATCH-add one member']]) {
    const [a, b] = [ours.small[key], ours.big[key]];
    const [c, d] = [theirs.small[key], theirs.big[key]];
    const growth = b.meanMs / a.meanMs;
    say(`${label}: Roster ${ms(a.meanMs)} at 1,000 -> ${ms(b.meanMs)} at ${num(ours.members)} (${growth.toFixed(2)}x; target within 2x: ${verdict(growth <= 2)}); ${num(a.perSecond)}/s -> ${num(b.perSecond)}/s`);
    say(`  peer: ${ms(c.meanMs)} at 1,000 -> ${ms(d.meanMs)} at ${num(MEMBERS)} (${(d.meanMs / c.meanMs).toFixed(2)}x; ${num(c.count)} and ${num(d.count)} requests in its budget, ${c.failed + d.failed} failed)`);
    results.scim[key] = { growth, met: growth <= 2 };
  }
  results.scim.createRatio = createRatio;
}

// ---------------------------------------------------------------- 5. UI and memory
async function uiBench(largeDb) {
  say(`\n## 5. The UI in browser mode (Chromium, Playwright) with ${num(LARGE)} members, and memory (medians of 5)`);
  const { measureUi } = await import('../bench/ui.mjs');
  const db = path.join(work, 'ui.db');
  copyDb(largeDb, db);
  const ui = await measureUi({ root, dbPath: db, workDir: work });
  fs.rmSync(db, { force: true });
  results.ui = ui;
  const { firstScreen, licenses, teams, team } = ui;
  say(`first screen, a cold page load to Licenses' first rows: ${ms(firstScreen.firstRowsMs)} (target under 1.5 s): ${verdict(firstScreen.firstRowsMs < 1500)}; the app ready at ${ms(firstScreen.readyMs)}`);
  const slowest = firstScreen.alone.slice(0, 3).map((call) => `${call.channel} ${call.ms} ms`).join(', ');
  say(`  ${firstScreen.calls.length} calls at start; the slowest, each alone: ${slowest}`);
  const screens = [
    ['Licenses', licenses, licenses.navigation.medianMs],
    [`Teams (${num(teams.count)} teams)`, teams, teams.firstMs],
    [`${team.name} (${num(team.members)} members)`, team, team.firstMs],
  ];
  for (const [label, screen, first] of screens) {
    const met = first < 1000 && screen.resort.medianMs < 500 && screen.search.medianMs < 300 && screen.domRows < 200;
    say(`${label}: first rows ${ms(first)}${screen === licenses ? ' (navigating there)' : ' (first visit)'}, re-sort ${ms(screen.resort.medianMs)}, search ${ms(screen.search.medianMs)}, ${screen.domRows} rows in the DOM (targets 1 s, 0.5 s, 0.3 s, under 200): ${verdict(met)}`);
  }
  say(`  Teams on later visits: ${ms(teams.navigation.medianMs)}; ${team.name} on later visits: ${ms(team.navigation.medianMs)}`);
  say(`peak resident memory of the process holding the store (browser mode), after all of it: ${ui.memory.peakMb.toFixed(0)} MB (target under 300 MB): ${verdict(ui.memory.peakMb < 300)}`);
}

// ---------------------------------------------------------------- 6. the server under load
async function loadBench(largeDb) {
  say(`\n## 6. roster server on the ${num(LARGE)}-member store: an identity provider's initial sync at 500 SCIM requests a second for 60 s, five admins browsing`);
  const { measureLoad } = await import('../bench/load.mjs');
  const loadWork = path.join(work, 'load');
  fs.mkdirSync(loadWork, { recursive: true });
  const load = await measureLoad({ cli, db: largeDb, work: loadWork, rate: 500, seconds: 60, admins: 5, say });
  fs.rmSync(loadWork, { recursive: true, force: true });
  results.load = load;
  const failed = load.scim.sent - (load.scim.statuses['201'] ?? 0) - (load.scim.statuses['200'] ?? 0) - (load.scim.statuses['204'] ?? 0);
  const lost = load.check.missingUsers + load.check.missingMembers + load.check.extraMembers;
  say(`admin calls p99 ${ms(load.admin.overall.p99)} (target under 100 ms): ${verdict(load.admin.overall.p99 < 100)}; SCIM answers other than 200/201/204: ${failed} (target none): ${verdict(failed === 0)}; changes lost: ${lost} (target none): ${verdict(lost === 0)}`);
}

// ---------------------------------------------------------------- the document
/** One table row per target: what it is, the figure, its baseline, and met or missed (with by how much). */
function standings() {
  const rows = [];
  const row = (target, figure, baseline, met, detail = '') => rows.push(`| ${target} | ${figure} | ${baseline} | ${met ? 'met' : '**missed**'}${detail ? `, ${detail}` : ''} |`);
  const { demo, large, report: rep, import: imp, scim, ui, load } = results;
  if (large) row(`demo of ${num(LARGE)} members in under 10 minutes`, seconds(large.seconds * 1000), `${num(MEMBERS)}: ${seconds(demo.seconds * 1000)}`, large.seconds < 600);
  if (rep) {
    for (const members of [MEMBERS, LARGE]) row(`report at most 2x the sqlite3 shell's reads, ${num(members)} members`, seconds(rep[members].rosterMs), seconds(rep[members].floorMs), rep[members].ratio <= 2, `${rep[members].ratio.toFixed(2)}x`);
    row(`report's cost per member flat from ${num(MEMBERS)} to ${num(LARGE)} (within 1.3x)`, `${rep[LARGE].perMemberUs.toFixed(2)} µs`, `${rep[MEMBERS].perMemberUs.toFixed(2)} µs`, rep.flat <= 1.3, `${rep.flat.toFixed(2)}x`);
  }
  if (imp) row('import at least half the bare loop\'s rate', `${num(imp.rate)} events/s`, `${num(imp.floorRate)} events/s`, imp.ratio >= 0.5, `${imp.ratio.toFixed(2)}x`);
  if (scim) {
    row('SCIM create, reported beside the peer and the disk', `${num(scim.roster.create.perSecond)} users/s`, `peer ${num(scim.peer.create.perSecond)}/s; disk ${num(scim.durable.single.commitsPerSecond)} commits/s`, true, 'no target');
    for (const [key, label] of [['filter', 'filter'], ['list', 'page of 100'], ['patch', 'PATCH-add']]) {
      row(`SCIM ${label} at ${num(LARGE)} within 2x of 1,000`, ms(scim.roster.big[key].meanMs), ms(scim.roster.small[key].meanMs), scim[key].met, `${scim[key].growth.toFixed(2)}x`);
    }
  }
  if (ui) {
    row(`first screen under 1.5 s at ${num(LARGE)}`, ms(ui.firstScreen.firstRowsMs), 'none', ui.firstScreen.firstRowsMs < 1500);
    for (const [label, screen, first] of [['Licenses', ui.licenses, ui.licenses.navigation.medianMs], ['Teams', ui.teams, ui.teams.firstMs], [`${ui.team.name} (${num(ui.team.members)} members)`, ui.team, ui.team.firstMs]]) {
      row(`${label}: first rows under 1 s, re-sort under 0.5 s, search under 0.3 s, under 200 rows`, `${ms(first)}, ${ms(screen.resort.medianMs)}, ${ms(screen.search.medianMs)}, ${screen.domRows} rows`, 'none', first < 1000 && screen.resort.medianMs < 500 && screen.search.medianMs < 300 && screen.domRows < 200);
    }
    row('peak memory of the process holding the store under 300 MB', `${ui.memory.peakMb.toFixed(0)} MB`, 'none', ui.memory.peakMb < 300);
  }
  if (load) {
    const failed = load.scim.sent - (load.scim.statuses['201'] ?? 0) - (load.scim.statuses['200'] ?? 0) - (load.scim.statuses['204'] ?? 0);
    const lost = load.check.missingUsers + load.check.missingMembers + load.check.extraMembers;
    row('under a 500/s SCIM sync: admin calls p99 under 100 ms', ms(load.admin.overall.p99), 'none', load.admin.overall.p99 < 100, `p50 ${ms(load.admin.overall.p50)}`);
    row('under a 500/s SCIM sync: no SCIM error, nothing lost', `${failed} failed, ${lost} lost of ${num(load.scim.sent)}`, 'none', failed === 0 && lost === 0);
  }
  return `## Where each target stands (the run above)

| target | figure | baseline | verdict |
| --- | --- | --- | --- |
${rows.join('\n')}
`;
}

function document() {
  const notes = fs.readFileSync(path.join(root, 'bench', 'PERFORMANCE.notes.md'), 'utf8');
  const text = `# Performance

Roster at the size of the largest enterprises: 1,000,000 members, 5,000
organizations, 20,000 teams (and 100,000 members beside it, to show how each
figure grows). Every figure of the run and its table below comes from one run of \`npm run bench\` on the
machine named; each benchmark ran against its baseline in the same run.
Regenerate this page with \`npm run bench\` (about forty minutes).

## The run

- Date: ${new Date().toISOString().slice(0, 10)}
- Machine: ${results.machine.cpu}, ${results.machine.memory}, ${results.machine.os}
- Node ${results.machine.node}; better-sqlite3's SQLite; Debian's sqlite3 shell ${results.machine.sqliteShell}
- Load average when it started: ${results.machine.load} (1, 5 and 15 minutes; the benchmark's processes share the machine's two cores with whatever else runs)

\`\`\`text
${lines.join('\n')}
\`\`\`

${standings()}
${notes}`;
  fs.writeFileSync(path.join(root, 'docs', 'PERFORMANCE.md'), text);
  console.log(`\nWrote docs/PERFORMANCE.md`);
}

/** Runs one benchmark; a failure is said in the output (and the page) and the others still run. */
async function section(name, run) {
  if (!wanted(name)) return;
  try {
    await run();
  } catch (error) {
    process.exitCode = 1;
    say(`this benchmark FAILED: ${String(error.stack ?? error).split('\n').slice(0, 6).join('\n  ')}`);
  }
}

try {
  prepare();
  const { demoDb, largeDb } = demos();
  await section('report', () => report(demoDb, largeDb));
  await section('import', () => importBench());
  await section('scim', () => scimBench(largeDb));
  await section('ui', () => uiBench(largeDb));
  await section('load', () => loadBench(largeDb));
  console.log(`\n${standings()}`);
  if (write && !only) document();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
