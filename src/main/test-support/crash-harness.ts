import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describeVerification } from '@shared/schemas/audit';
import { verifyAuditChain } from '../audit/verify';
import { openCore } from '../core';
import { openDatabase, type Db } from '../db/open';
import { createRandom } from '../demo/random';

/**
 * The crash-safety harness (docs/RELIABILITY.md): runs crash-worker.ts again
 * and again on one database, kills it with SIGKILL at a random moment each
 * time, reopens the file and checks it. Randomness is seeded, so a failure
 * can be replayed with the same seed.
 */
export interface HarnessOptions {
  worker: string;
  database: string;
  mode: 'import' | 'scim';
  runs: number;
  seed: number;
  /** The negative control: the same writer with every transaction turned into a plain call. */
  unsafe?: boolean;
  /** When to kill, in ms after the worker says it is ready: uniform in [min, max]; 'at-start' kills it as it is spawned. */
  killAfterMs?: [number, number] | 'at-start';
  /** import: events per transaction. */
  batchSize?: number;
  /** import: accounts in each run's file (each signs up, then opens the client on `days` days). */
  accountsPerRun?: number;
  days?: number;
  /** scim: operations each run would do if never killed. */
  operations?: number;
  /** scim: the bearer token the worker uses. */
  token?: string;
  /** Stop at the first run that breaks something (the negative control needs no more). */
  stopOnFailure?: boolean;
}

export interface HarnessReport {
  mode: 'import' | 'scim';
  unsafe: boolean;
  seed: number;
  runs: number;
  kills: number;
  /** Runs that finished before their kill came. */
  completed: number;
  /** Writes the worker reported committed: batches for an import, requests for SCIM. */
  acknowledged: number;
  /** Acknowledged writes (rows for an import, facts for SCIM) missing after a kill. */
  lost: number;
  /** Checks that failed after a kill, each described. */
  problems: string[];
  durationMs: number;
}

/** Everything wrong with a report, including a harness that proved nothing: no kill, or nothing committed. */
export function verdict(report: HarnessReport): string[] {
  const wrong = [...report.problems];
  if (report.kills === 0) wrong.push('no kill happened: the harness proved nothing');
  if (report.acknowledged === 0) wrong.push('nothing was committed: the harness proved nothing');
  return wrong;
}

/** The rules every committed state must keep, whatever was cut short. */
export function checkInvariants(db: Db, now = new Date()): string[] {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  const foreign = db.pragma('foreign_key_check') as unknown[];
  if (foreign.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(foreign.slice(0, 3))}`);
  const count = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
  const { seats, member_count: memberCount } = db.prepare('SELECT seats, member_count FROM enterprise').get() as { seats: number; member_count: number };
  const members = count('SELECT count(*) FROM members');
  const pending = count(
    `SELECT count(DISTINCT email_key) FROM invitations WHERE status = 'pending' AND expires_at > ?
     AND email_key NOT IN (SELECT a.email_key FROM members m JOIN accounts a ON a.id = m.account_id)`,
    now.toISOString(),
  );
  if (members + pending > seats) problems.push(`seats in use ${members + pending} (${members} members, ${pending} invitations) above the seat count ${seats}`);
  if (memberCount !== members) problems.push(`enterprise.member_count ${memberCount} but ${members} members`);
  const strayTeam = count('SELECT count(*) FROM team_members WHERE account_id NOT IN (SELECT account_id FROM members)');
  if (strayTeam > 0) problems.push(`${strayTeam} team memberships of non-members`);
  const strayOrg = count('SELECT count(*) FROM org_memberships WHERE account_id NOT IN (SELECT account_id FROM members)');
  if (strayOrg > 0) problems.push(`${strayOrg} organization memberships of non-members`);
  const halfUsers = count("SELECT count(*) FROM accounts WHERE email LIKE '%@scim.test' AND id NOT IN (SELECT account_id FROM scim_users)");
  if (halfUsers > 0) problems.push(`${halfUsers} accounts made over SCIM without their SCIM user`);
  const chain = verifyAuditChain(db);
  if (!chain.whole) problems.push(`audit log: ${describeVerification(chain)}`);
  return problems;
}

/** A database with an enterprise whose seats, teams and organizations the worker's writes run into. */
export async function prepareDatabase(database: string, seats: number): Promise<{ token: string }> {
  const core = openCore({ databasePath: database, actor: { type: 'cli', name: 'harness' }, host: { info: { version: 'harness', mode: 'cli', databasePath: database, canChooseDatabase: false } } });
  try {
    const must = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    must(await core.invoke('enterprise:create', { name: 'Crash Test', seats }));
    const org = must(await core.invoke('orgs:create', { name: 'Main' }));
    const team = must(await core.invoke('teams:create', { name: 'Staff' }));
    const ids: number[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(must(await core.invoke('members:add', { email: `staff${i}@manual.test` })).accountId);
    must(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: ids }));
    must(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: ids, role: 'member' }));
    must(await core.invoke('invitations:create', { email: 'pending1@manual.test' }));
    must(await core.invoke('invitations:create', { email: 'pending2@manual.test' }));
    const { secret } = must(core.scim.tokens.create({ name: 'Harness' }, { type: 'cli', name: 'harness' }));
    return { token: secret };
  } finally {
    core.close();
  }
}

interface RunOutcome {
  killed: boolean;
  completed: boolean;
  lines: Record<string, unknown>[];
  stderr: string;
}

/** Starts the worker, kills it when the moment comes, and collects every line it printed. */
function runWorker(args: string[], env: Record<string, string>, killAt: number | 'at-start'): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const lines: Record<string, unknown>[] = [];
    let stderr = '';
    let killed = false;
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) killed = child.kill('SIGKILL');
    };
    if (killAt === 'at-start') kill();
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      lines.push(parsed);
      if (parsed.ready && typeof killAt === 'number') setTimeout(kill, killAt);
    });
    child.once('close', (code, signal) => {
      resolve({ killed: killed && signal === 'SIGKILL', completed: code === 0 && lines.some((line) => line.done), lines, stderr });
    });
  });
}

function eventsFile(dir: string, run: number, accounts: number, days: number): { file: string; lines: number } {
  const file = path.join(dir, `events-${run}.ndjson`);
  const out: string[] = [];
  const today = Date.now();
  for (let i = 0; i < accounts; i += 1) {
    const email = `u${i}@r${run}.import.test`;
    out.push(JSON.stringify({ type: 'signup', email, at: new Date(today - 40 * 86_400_000).toISOString(), name: `User ${i}` }));
    for (let d = 1; d <= days; d += 1) out.push(JSON.stringify({ type: 'open', email, at: new Date(today - d * 86_400_000).toISOString() }));
  }
  fs.writeFileSync(file, `${out.join('\n')}\n`);
  return { file, lines: out.length };
}

/** Rows a run's file has made: every line makes exactly one (an account, or a day of activity). */
function importedRows(db: Db, run: number): number {
  const domain = `r${run}.import.test`;
  const accounts = db.prepare('SELECT count(*) FROM accounts WHERE email_domain = ?').pluck().get(domain) as number;
  const days = db.prepare('SELECT count(*) FROM activity_days d JOIN accounts a ON a.id = d.account_id WHERE a.email_domain = ?').pluck().get(domain) as number;
  return accounts + days;
}

type ScimOp =
  | { op: 'group'; group: string }
  | { op: 'create'; email: string }
  | { op: 'deactivate'; email: string }
  | { op: 'join'; group: string; email: string }
  | { op: 'leave'; group: string; email: string };

/** What SCIM has made, as facts: account:, user:, active: (holds a seat), group:, member:GROUP:EMAIL. */
function scimFacts(db: Db): Set<string> {
  const facts = new Set<string>();
  const add = (prefix: string, sql: string) => (db.prepare(sql).pluck().all() as string[]).forEach((fact) => facts.add(`${prefix}${fact}`));
  add('account:', "SELECT email FROM accounts WHERE email LIKE '%@scim.test'");
  add('user:', "SELECT a.email FROM scim_users s JOIN accounts a ON a.id = s.account_id WHERE a.email LIKE '%@scim.test'");
  add('active:', "SELECT a.email FROM members m JOIN accounts a ON a.id = m.account_id WHERE a.email LIKE '%@scim.test'");
  add('group:', 'SELECT t.name FROM scim_groups g JOIN teams t ON t.id = g.team_id');
  add('member:', "SELECT t.name || ':' || a.email FROM team_members tm JOIN teams t ON t.id = tm.team_id JOIN scim_groups g ON g.team_id = t.id JOIN accounts a ON a.id = tm.account_id");
  return facts;
}

function applyOp(facts: Set<string>, op: ScimOp): Set<string> {
  const next = new Set(facts);
  if (op.op === 'group') next.add(`group:${op.group}`);
  else if (op.op === 'create') ['account:', 'user:', 'active:'].forEach((prefix) => next.add(`${prefix}${op.email}`));
  else if (op.op === 'deactivate') {
    next.delete(`active:${op.email}`);
    for (const fact of facts) if (fact.startsWith('member:') && fact.endsWith(`:${op.email}`)) next.delete(fact);
  } else if (op.op === 'join') next.add(`member:${op.group}:${op.email}`);
  else next.delete(`member:${op.group}:${op.email}`);
  return next;
}

const missing = (expected: Set<string>, actual: Set<string>) => [...expected].filter((fact) => !actual.has(fact));
const same = (a: Set<string>, b: Set<string>) => a.size === b.size && missing(a, b).length === 0;

export async function runHarness(options: HarnessOptions): Promise<HarnessReport> {
  const started = Date.now();
  const random = createRandom(options.seed).next;
  const [minMs, maxMs] = options.killAfterMs === 'at-start' ? [0, 0] : (options.killAfterMs ?? [0, 700]);
  const report: HarnessReport = { mode: options.mode, unsafe: options.unsafe ?? false, seed: options.seed, runs: 0, kills: 0, completed: 0, acknowledged: 0, lost: 0, problems: [], durationMs: 0 };
  const safety = options.unsafe ? 'unsafe' : 'safe';
  const batchSize = options.batchSize ?? 50;
  // import: rows each earlier run's file had made when last checked, which no later run may lose.
  const rowsByRun = new Map<number, number>();
  // scim: the facts every acknowledged write (and every write found committed) has made.
  let model = new Set<string>();

  for (let run = 0; run < options.runs; run += 1) {
    const killAt = options.killAfterMs === 'at-start' ? 'at-start' : minMs + Math.floor(random() * (maxMs - minMs + 1));
    const failuresBefore = report.problems.length;
    let args: string[];
    let events: { file: string; lines: number } | null = null;
    if (options.mode === 'import') {
      events = eventsFile(path.dirname(options.database), run, options.accountsPerRun ?? 2000, options.days ?? 9);
      args = [options.worker, options.database, 'import', events.file, String(batchSize), safety];
    } else {
      args = [options.worker, options.database, 'scim', String(run), String(options.seed), String(options.operations ?? 100_000), safety];
    }
    const outcome = await runWorker(args, { ROSTER_CRASH_TOKEN: options.token ?? '' }, killAt);
    report.runs += 1;
    if (outcome.killed) report.kills += 1;
    else if (outcome.completed) report.completed += 1;
    else report.problems.push(`run ${run}: the worker failed on its own: ${outcome.stderr.slice(0, 500)}`);
    for (const line of outcome.lines) if (line.error) report.problems.push(`run ${run}: the worker reported ${JSON.stringify(line.error)}`);
    const acks = outcome.lines.filter((line) => line.ack);
    report.acknowledged += acks.length;

    const db = openDatabase(options.database);
    try {
      for (const problem of checkInvariants(db)) report.problems.push(`run ${run}: ${problem}`);
      if (events) {
        const acked = acks.length > 0 ? (acks[acks.length - 1]!.ack as { lines: number }).lines : 0;
        const rows = importedRows(db, run);
        if (rows < acked) {
          report.lost += acked - rows;
          report.problems.push(`run ${run}: ${acked} lines acknowledged but only ${rows} rows imported`);
        }
        if (rows % batchSize !== 0 && rows !== events.lines) report.problems.push(`run ${run}: half a batch imported (${rows} rows, batches of ${batchSize})`);
        for (const [earlier, had] of rowsByRun) {
          const now = importedRows(db, earlier);
          if (now !== had) {
            report.lost += Math.max(0, had - now);
            report.problems.push(`run ${run}: run ${earlier}'s ${had} imported rows are now ${now}`);
          }
        }
        rowsByRun.set(run, rows);
      } else {
        for (const line of outcome.lines) if (line.ack) model = applyOp(model, line.ack as ScimOp);
        // The write in flight when the kill came may have committed or not, but never in part.
        const lastIntent = [...outcome.lines].reverse().find((line) => line.intent || line.ack || line.refused || line.error);
        const inFlight = lastIntent?.intent ? (lastIntent.intent as ScimOp) : null;
        const actual = scimFacts(db);
        const after = inFlight ? applyOp(model, inFlight) : null;
        if (after && same(actual, after)) model = after;
        else if (!same(actual, model)) {
          const lost = missing(model, actual).filter((fact) => !after || !missing(model, after).includes(fact));
          const diff = (expected: Set<string>) => `missing ${JSON.stringify(missing(expected, actual).slice(0, 5))}, unexpected ${JSON.stringify(missing(actual, expected).slice(0, 5))}`;
          report.lost += lost.length;
          report.problems.push(
            `run ${run}: the store is neither as acknowledged (${diff(model)}) nor with the write in flight ${JSON.stringify(inFlight)} done (${after ? diff(after) : 'none'})`,
          );
          model = actual;
        }
      }
    } finally {
      db.close();
    }
    if (options.stopOnFailure && report.problems.length > failuresBefore) break;
  }
  report.durationMs = Date.now() - started;
  return report;
}
