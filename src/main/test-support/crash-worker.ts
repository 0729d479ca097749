// A process doing real work for the crash-safety harness (crash-harness.ts),
// which kills it with SIGKILL at a random moment. It prints one JSON line per
// step: "ready" once the store is open, an "intent" before each write and an
// "ack" only once the write has committed (stdout to a pipe is synchronous on
// Linux, so a printed ack has left the process before the next write starts).
//   node crash-worker.cjs <database> import <events file> <batch size> <safe|unsafe>
//   node crash-worker.cjs <database> scim <run> <seed> <operations> <safe|unsafe>   (token in ROSTER_CRASH_TOKEN)
// unsafe: the negative control. Every better-sqlite3 transaction becomes a plain
// call, so each statement commits on its own: the same writer, without transactions.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCore, type Core } from '../core';
import { createRandom } from '../demo/random';

const [databasePath, mode, ...rest] = process.argv.slice(2) as [string, 'import' | 'scim', ...string[]];
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

function withoutTransactions(): void {
  Database.prototype.transaction = function transaction(fn: (...args: unknown[]) => unknown) {
    const run = (...args: unknown[]) => fn(...args);
    return Object.assign(run, { deferred: run, immediate: run, exclusive: run, default: run });
  } as unknown as Database.Database['transaction'];
}

function open(): Core {
  return openCore({
    databasePath,
    actor: { type: 'cli', name: 'crash-worker' },
    host: { info: { version: 'worker', mode: 'cli', databasePath, canChooseDatabase: false } },
  });
}

async function importEvents(file: string, batchSize: number): Promise<void> {
  const core = open();
  say({ ready: true });
  const result = await core.services.importer.run(
    { fileName: path.basename(file), totalBytes: null, open: () => fs.createReadStream(file) },
    { type: 'import', name: path.basename(file) },
    { batchSize, onProgress: (progress) => say({ ack: { lines: progress.lines } }) },
  );
  say(result.ok ? { done: true } : { error: result.error.message });
  core.close();
}

/** A stream of SCIM creates, deactivations and group PATCHes, over HTTP, against this process's own server. */
async function scimStream(run: number, seed: number, operations: number): Promise<void> {
  const core = open();
  // The per-token rate limit is off here, as in the benchmark: the harness is about what survives a kill,
  // and a writer as fast as this one would otherwise be told to slow down (the limit has its own tests).
  const started = await core.scim.start('127.0.0.1', 0, { limits: { rateLimit: { perSecond: Infinity, burst: Infinity } } });
  if (!started.ok) throw new Error(started.error.message);
  const base = started.value.baseUrl!;
  const token = process.env.ROSTER_CRASH_TOKEN!;
  const random = createRandom(seed * 1000 + run).next;
  const pick = <T>(items: T[]): T | undefined => items[Math.floor(random() * items.length)];

  async function send(method: string, url: string, body: unknown): Promise<{ status: number; body: { id?: string; detail?: string } | null }> {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  // What the store holds now: earlier runs' users and groups, by SCIM id.
  const active = core.db
    .prepare("SELECT a.scim_id AS id, a.email FROM scim_users s JOIN accounts a ON a.id = s.account_id JOIN members m ON m.account_id = a.id WHERE a.email LIKE '%@scim.test'")
    .all() as { id: string; email: string }[];
  const groups = core.db.prepare('SELECT t.scim_id AS id, t.name FROM scim_groups g JOIN teams t ON t.id = g.team_id').all() as { id: string; name: string }[];
  const membersOf = core.db.prepare('SELECT a.email FROM team_members tm JOIN teams t ON t.id = tm.team_id JOIN accounts a ON a.id = tm.account_id WHERE t.scim_id = ?').pluck();
  const groupMembers = new Map(groups.map((group) => [group.id, new Set(membersOf.all(group.id) as string[])]));
  say({ ready: true });

  const schemas = { user: 'urn:ietf:params:scim:schemas:core:2.0:User', group: 'urn:ietf:params:scim:schemas:core:2.0:Group', patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp' };
  const patch = (...Operations: unknown[]) => ({ schemas: [schemas.patch], Operations });
  let created = 0;
  let full = false;

  for (let step = 0; step < operations; step += 1) {
    const roll = random();
    let op: Record<string, string>;
    let request: [string, string, unknown];
    if (groups.length < 3) {
      const name = `Crash Group ${run}-${groups.length}`;
      op = { op: 'group', group: name };
      request = ['POST', '/Groups', { schemas: [schemas.group], displayName: name }];
    } else if ((roll < 0.45 && !full) || active.length === 0) {
      const email = `r${run}-u${created++}@scim.test`;
      op = { op: 'create', email };
      request = ['POST', '/Users', { schemas: [schemas.user], userName: email, name: { givenName: `U${created}`, familyName: `Run ${run}` }, emails: [{ value: email, primary: true }], active: true }];
    } else if (roll < 0.6 || full) {
      full = false;
      const user = pick(active)!;
      op = { op: 'deactivate', email: user.email };
      request = ['PATCH', `/Users/${user.id}`, patch({ op: 'replace', path: 'active', value: false })];
    } else {
      const group = pick(groups)!;
      const inGroup = groupMembers.get(group.id)!;
      const leaving = roll > 0.85 ? pick(active.filter((user) => inGroup.has(user.email))) : undefined;
      const joining = leaving ? undefined : pick(active.filter((user) => !inGroup.has(user.email)));
      if (leaving) {
        op = { op: 'leave', group: group.name, email: leaving.email };
        request = ['PATCH', `/Groups/${group.id}`, patch({ op: 'remove', path: `members[value eq "${leaving.id}"]` })];
      } else if (joining) {
        op = { op: 'join', group: group.name, email: joining.email };
        request = ['PATCH', `/Groups/${group.id}`, patch({ op: 'add', path: 'members', value: [{ value: joining.id }] })];
      } else continue;
    }

    say({ intent: op });
    const answer = await send(...request);
    if (answer.status === 403 && op.op === 'create' && /no free seats/i.test(answer.body?.detail ?? '')) {
      // No free seat: nothing was written. The next step deactivates someone.
      full = true;
      say({ refused: op });
      continue;
    }
    if (answer.status >= 300) {
      say({ error: { op, status: answer.status, detail: answer.body?.detail ?? null } });
      continue;
    }
    say({ ack: op });
    if (op.op === 'group') {
      const id = answer.body!.id!;
      groups.push({ id, name: op.group! });
      groupMembers.set(id, new Set());
    } else if (op.op === 'create') {
      active.push({ id: answer.body!.id!, email: op.email! });
    } else if (op.op === 'deactivate') {
      active.splice(active.findIndex((user) => user.email === op.email), 1);
      for (const members of groupMembers.values()) members.delete(op.email!);
    } else {
      const members = groupMembers.get(groups.find((group) => group.name === op.group)!.id)!;
      if (op.op === 'join') members.add(op.email!);
      else members.delete(op.email!);
    }
  }
  say({ done: true });
  await core.scim.stop();
  core.close();
}

const unsafe = rest[rest.length - 1] === 'unsafe';
if (unsafe) withoutTransactions();
if (mode === 'import') void importEvents(rest[0]!, Number(rest[1]));
else void scimStream(Number(rest[0]), Number(rest[1]), Number(rest[2]));
