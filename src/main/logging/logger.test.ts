import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOG_FILE_NAME, openLog } from './logger';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-log-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const SCIM_TOKEN = 'roster_scim_Q2hpY2tlbkZpbmdlcnNBbmRHcmF2eQ';
const SESSION_COOKIE = 'b7d1e0c4a9f2335e8c61';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LWlkcC10b2tlbg';
const BASIC = 'YWRtaW46aHVudGVyMg';
const PASSWORD = 'hunter2-correct-horse';
const SESSION_KEY = 'f00dfacecafe1234beef';

describe('the log file', () => {
  it('is roster.log in the user-data folder, made on the first line', () => {
    const dir = path.join(tempDir(), 'Roster');
    const log = openLog({ source: 'cli', dir });
    expect(log.file).toBe(path.join(dir, LOG_FILE_NAME));
    expect(fs.existsSync(log.file)).toBe(false);
    log.error(new Error('disk on fire'), 'orgs:list');
    const [line] = fs.readFileSync(log.file, 'utf8').trim().split('\n').map((text) => JSON.parse(text));
    expect(line).toMatchObject({ level: 'error', source: 'cli', where: 'orgs:list', msg: 'orgs:list: disk on fire', err: { message: 'disk on fire' } });
    expect(line.err.stack).toContain('logger.test.ts');
  });

  it('never holds a token, a cookie, a password or an authorization header, wherever an error carries one', () => {
    const log = openLog({ source: 'browser', dir: tempDir() });
    const error = Object.assign(new Error(`request for ${SCIM_TOKEN} with Bearer ${BEARER} and cookie: roster_session_8080=${SESSION_COOKIE}`), {
      headers: { authorization: `Bearer ${BEARER}`, cookie: `roster_session_8080=${SESSION_COOKIE}`, 'X-Roster-Session': SESSION_KEY },
      request: { url: `/api/invoke/x?token=${SCIM_TOKEN}#key=${SESSION_KEY}`, headers: { Authorization: `Basic ${BASIC}`, 'Set-Cookie': [`s=${SESSION_COOKIE}`] } },
      password: PASSWORD,
      config: { body: `{"password":"${PASSWORD}"}` },
    });
    error.stack = `${error.stack}\n    sent Authorization: Bearer ${BEARER}\n    password=${PASSWORD}`;
    log.error(error, 'scim');
    log.logger.warn({ req: { headers: { cookie: `a=${SESSION_COOKIE}`, authorization: `Bearer ${SCIM_TOKEN}` } }, accessToken: SCIM_TOKEN }, 'refused');
    log.error(`a thrown string with ${encodeURIComponent(SCIM_TOKEN)}`, 'daily backup');

    const text = fs.readFileSync(log.file, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(3);
    for (const secret of [SCIM_TOKEN.slice('roster_scim_'.length), SESSION_COOKIE, BEARER, BASIC, PASSWORD, SESSION_KEY]) {
      expect(text, `${secret} in the log`).not.toContain(secret);
    }
    // What happened is still there, with the secrets marked.
    expect(text).toContain('[redacted]');
    expect(text).toContain('request for roster_scim_[redacted] with Bearer [redacted] and cookie: [redacted]');
  });

  it('rotates before a line would take it past the size, keeping the newest old files', () => {
    const dir = tempDir();
    const log = openLog({ source: 'app', dir, maxBytes: 1000, keep: 2 });
    for (let index = 0; index < 40; index += 1) log.logger.info({ index }, 'x'.repeat(100));
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['roster.log', 'roster.log.1', 'roster.log.2']);
    for (const file of files) expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(1000);
    const indexes = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line).index as number);
    // Newest in roster.log, then .1, then .2; the oldest lines are gone.
    expect(indexes('roster.log').at(-1)).toBe(39);
    expect(indexes('roster.log.1').at(-1)).toBe(indexes('roster.log')[0]! - 1);
    expect(indexes('roster.log.2').at(-1)).toBe(indexes('roster.log.1')[0]! - 1);
    expect(indexes('roster.log.2')[0]).toBeGreaterThan(0);
  });

  it('loses a line, never the work, when the folder cannot be written', () => {
    const blocker = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const log = openLog({ source: 'cli', dir: blocker });
    expect(() => log.error(new Error('x'), 'orgs:list')).not.toThrow();
  });
});
