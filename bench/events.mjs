// A deterministic NDJSON event file for the import benchmark: `accounts` sign-ups,
// then logins and client opens over the 80 days before `end`, `total` lines in all.
import fs from 'node:fs';

/** A small fast deterministic generator (mulberry32). */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

export function writeEventFile(file, { total = 1_000_000, accounts = 50_000, end = Date.now(), seed = 1 } = {}) {
  const next = random(seed);
  const out = fs.openSync(file, 'w');
  let buffer = '';
  const flush = () => {
    fs.writeSync(out, buffer);
    buffer = '';
  };
  const start = end - 80 * DAY;
  const email = (index) => `user${index}@import.example`;
  for (let index = 0; index < accounts; index += 1) {
    const at = new Date(start - DAY + Math.floor(next() * DAY)).toISOString();
    buffer += `{"type":"signup","email":"${email(index)}","at":"${at}","name":"Imported User ${index}"}\n`;
    if (buffer.length > 1 << 20) flush();
  }
  const rest = total - accounts;
  for (let line = 0; line < rest; line += 1) {
    // Time moves forward through the file, as an exported log would.
    const at = new Date(start + Math.floor(((line + next()) / rest) * (end - start - 60_000))).toISOString();
    const who = email(Math.floor(next() * accounts));
    const type = next() < 0.2 ? 'login' : 'open';
    buffer += `{"type":"${type}","email":"${who}","at":"${at}"}\n`;
    if (buffer.length > 1 << 20) flush();
  }
  flush();
  fs.closeSync(out);
}
