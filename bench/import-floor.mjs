// The import's floor: a bare better-sqlite3 loop that reads the same NDJSON file,
// and writes the same rows in the same batches (2,000 events a transaction), on a
// database that `roster init` made (same schema, WAL, synchronous = FULL). No
// checks, no rules, no audit: what any importer of these events must at least do.
// Usage: node bench/import-floor.mjs DB FILE [BATCH]
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');

export async function importFloor(dbFile, eventFile, batchSize = 2000) {
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const signup = db.prepare(`INSERT OR IGNORE INTO accounts (email, email_key, email_domain, name, name_fold, sort_key, created_at)
    VALUES (@email, @key, @domain, @name, @fold, @fold, @at)`);
  const login = db.prepare('UPDATE accounts SET last_login_at = @at WHERE email_key = @key AND (last_login_at IS NULL OR last_login_at < @at)');
  const day = db.prepare('INSERT OR IGNORE INTO activity_days (account_id, day) SELECT id, @day FROM accounts WHERE email_key = @key');
  const active = db.prepare('UPDATE accounts SET last_active_at = @at WHERE email_key = @key AND (last_active_at IS NULL OR last_active_at < @at)');
  const write = db.transaction((events) => {
    for (const event of events) {
      const key = event.email.toLowerCase();
      const at = new Date(event.at).toISOString();
      if (event.type === 'signup') {
        signup.run({ email: event.email, key, domain: key.slice(key.indexOf('@') + 1), name: event.name ?? '', fold: (event.name ?? '').toLowerCase(), at });
      } else if (event.type === 'login') {
        login.run({ key, at });
        // A login since tracking began is a day of activity too, as Roster's import records it (the events are all after it).
        day.run({ key, day: at.slice(0, 10) });
        active.run({ key, at });
      } else {
        day.run({ key, day: at.slice(0, 10) });
        active.run({ key, at });
      }
    }
  });
  let batch = [];
  let pending = '';
  let lines = 0;
  for await (const chunk of fs.createReadStream(eventFile, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = pending + chunk;
    let start = 0;
    for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
      batch.push(JSON.parse(text.slice(start, end)));
      lines += 1;
      start = end + 1;
      if (batch.length === batchSize) {
        write(batch);
        batch = [];
      }
    }
    pending = text.slice(start);
  }
  if (pending.trim()) batch.push(JSON.parse(pending));
  write(batch);
  db.close();
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dbFile, eventFile, batch] = process.argv.slice(2);
  const started = performance.now();
  const lines = await importFloor(dbFile, eventFile, Number(batch ?? 2000));
  console.log(`${lines} events in ${((performance.now() - started) / 1000).toFixed(2)} s`);
}
