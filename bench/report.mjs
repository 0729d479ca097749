// The report benchmark: `roster report --out FILE` against its floor, both timed as
// wall-clock process start to exit, best of two runs each, taken in turns.
// Roster: `node <cli> report --db <db> --out <file> --as-of <moment>` (one moment for
// both runs), reading the store, applying the Last Active rule, naming each member's
// teams and organizations and writing the CSV through a temporary file it renames.
// The floor: Debian's sqlite3 shell, `.mode csv`, writing into ONE file the reads the
// report needs and nothing more: the members joined to their accounts in email order,
// then the three link tables, the teams and the organizations (no rule, no naming,
// no quoting of formulas, no temporary file). Peak memory of the report process comes
// from /usr/bin/time -f %M when it is installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const FLOOR_READS = [
  'SELECT a.email, a.name, a.last_active_at, a.last_login_at, m.seat_since, m.source FROM members m JOIN accounts a ON a.id = m.account_id ORDER BY a.email_key;',
  'SELECT account_id, team_id FROM team_members;',
  'SELECT account_id, org_id FROM org_memberships;',
  'SELECT team_id, org_id FROM team_orgs;',
  'SELECT id, name, all_orgs FROM teams;',
  'SELECT id, name FROM organizations;',
];

const TIME = '/usr/bin/time';
const hasTime = fs.existsSync(TIME);

/** Runs a command to its exit; answers its wall-clock milliseconds, stdout and stderr. */
function timed(command, args, env) {
  const started = performance.now();
  const run = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${run.status}: ${run.stderr}`);
  return { ms, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Measures the report and its floor on `db` (never written: both only read it).
 * Answers the best of two runs of each, every run, the rows the report wrote,
 * the ratio of the bests and the report's peak resident memory in MB (or null).
 */
export async function measureReport({ cli, db, work, env = process.env }) {
  const folder = fs.mkdtempSync(path.join(work, 'report-'));
  const out = path.join(folder, 'report.csv');
  const floorOut = path.join(folder, 'floor.csv');
  const script = path.join(folder, 'floor.sql');
  fs.writeFileSync(script, ['.mode csv', `.output ${floorOut}`, ...FLOOR_READS, '.output stdout', ''].join('\n'));
  const asOf = `${new Date().toISOString().slice(0, 19)}Z`;
  const reportArgs = [cli, 'report', '--db', db, '--out', out, '--as-of', asOf];
  const rosterRuns = [];
  const floorRuns = [];
  let rows = 0;
  let peakRssMb = null;
  try {
    for (let run = 0; run < 2; run += 1) {
      fs.rmSync(floorOut, { force: true });
      floorRuns.push(timed('sqlite3', [db, `.read ${script}`], env).ms);
      if (fs.statSync(floorOut).size === 0) throw new Error('the floor wrote nothing');
      const report = hasTime ? timed(TIME, ['-f', '%M', process.execPath, ...reportArgs], env) : timed(process.execPath, reportArgs, env);
      rosterRuns.push(report.ms);
      const wrote = /Wrote ([\d,]+) member/.exec(report.stdout);
      if (!wrote) throw new Error(`roster report said: ${report.stdout}`);
      rows = Number(wrote[1].replaceAll(',', ''));
      if (hasTime) {
        const kb = Number(report.stderr.trim().split('\n').at(-1));
        if (Number.isFinite(kb)) peakRssMb = Math.max(peakRssMb ?? 0, kb / 1024);
      }
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const rosterMs = Math.min(...rosterRuns);
  const floorMs = Math.min(...floorRuns);
  return { rosterMs, floorMs, rosterRuns, floorRuns, rows, ratio: rosterMs / floorMs, peakRssMb };
}
