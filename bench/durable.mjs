// This disk's durable-commit limit, measured the way Roster commits: better-sqlite3,
// WAL, synchronous = FULL, on a new file. One small INSERT per transaction is the
// most commits a second a writer that answers only once its change is durable can
// make here, one commit at a time; SCIM's group commit shares one commit among the
// writes that arrive together, so its creates a second over this figure is what
// group commit gains (above 1: it beats committing each create alone).
// Usage: node bench/durable.mjs [DIR] [SECONDS]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');

/** Commits `rowsPerCommit` small rows a transaction for `seconds` on `file`; answers commits and rows a second. */
function commitLoop(file, seconds, rowsPerCommit) {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, email TEXT NOT NULL, created_at TEXT NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO rows (email, created_at) VALUES (?, ?)');
    let row = 0;
    const commit = db.transaction(() => {
      for (let i = 0; i < rowsPerCommit; i += 1) {
        row += 1;
        insert.run(`user${row}@durable.example`, new Date().toISOString());
      }
    });
    // A few commits first, so the file and its WAL exist before the clock starts.
    for (let i = 0; i < 20; i += 1) commit();
    let commits = 0;
    const started = performance.now();
    const stopAt = started + seconds * 1000;
    while (performance.now() < stopAt) {
      commit();
      commits += 1;
    }
    const elapsed = (performance.now() - started) / 1000;
    return { commits, seconds: elapsed, commitsPerSecond: commits / elapsed, rowsPerSecond: (commits * rowsPerCommit) / elapsed, meanMs: (elapsed * 1000) / commits };
  } finally {
    db.close();
  }
}

/**
 * How many durable commits a second the disk under `dir` takes: `single` with one
 * small INSERT a transaction (the limit for a writer that commits each change on
 * its own), `batched` with 8 a transaction (what 8 clients' writes shared in one
 * commit can reach at most, as far as the disk is concerned). Each on a new file
 * in `dir`, removed after.
 */
export function measureDurableCommits({ dir, seconds = 5 }) {
  const work = fs.mkdtempSync(path.join(dir, 'durable-'));
  try {
    const single = commitLoop(path.join(work, 'single.db'), seconds, 1);
    const batched = commitLoop(path.join(work, 'batched.db'), seconds, 8);
    return { commitsPerSecond: single.commitsPerSecond, single, batched };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = os.tmpdir(), seconds = '5'] = process.argv.slice(2);
  const { single, batched } = measureDurableCommits({ dir, seconds: Number(seconds) });
  const line = (label, run) =>
    `${label}: ${Math.round(run.commitsPerSecond).toLocaleString('en-US')} commits/s (mean ${run.meanMs.toFixed(2)} ms), ${Math.round(run.rowsPerSecond).toLocaleString('en-US')} rows/s`;
  console.log(`load ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  console.log(line('1 row a commit ', single));
  console.log(line('8 rows a commit', batched));
}
