import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { saveLogin } from './credentials';
import { chooseServer, expiredSignIn, needsSignIn } from './target';

// Where a client calls, the one rule of the command line and browser mode: the options, then the environment, then
// the sign-in `roster login` kept for that server; bad usage named.

const SERVER = 'https://roster.example.com';
const NOW = new Date('2026-12-07T12:00:00.000Z');
const login = (token: string, expiresAt = '2027-01-06T12:00:00.000Z') => ({ token, email: 'ana@acme.example', role: 'admin' as const, expiresAt, savedAt: '2026-12-07T11:00:00.000Z' });

/** A config folder of its own, with the sign-ins given kept in it. */
function configWith(logins: Record<string, ReturnType<typeof login>> = {}): NodeJS.ProcessEnv {
  const env = { ROSTER_USER_DATA_DIR: path.join(tempDir(), 'config') };
  for (const [server, saved] of Object.entries(logins)) saveLogin(env, server, saved);
  return env;
}

describe('the server to work on', () => {
  it('is none without --server or ROSTER_SERVER', () => {
    expect(chooseServer({}, configWith({ [SERVER]: login('kept') }), NOW)).toBeNull();
  });

  it('takes --token, else ROSTER_TOKEN, else the sign-in kept for that server', () => {
    const env = configWith({ [`${SERVER}/some/path`]: login('kept') });
    const server = new URL(SERVER);
    expect(chooseServer({ server: SERVER, token: 't1' }, { ...env, ROSTER_TOKEN: 't2' }, NOW)).toEqual({ server, token: 't1', saved: null });
    expect(chooseServer({}, { ...env, ROSTER_SERVER: SERVER, ROSTER_TOKEN: 't2' }, NOW)).toEqual({ server, token: 't2', saved: null });
    expect(chooseServer({ server: `${SERVER}/any` }, env, NOW)).toEqual({ server: new URL(`${SERVER}/any`), token: 'kept', saved: login('kept') });
    expect(chooseServer({}, { ...env, ROSTER_SERVER: SERVER }, NOW)).toMatchObject({ token: 'kept' });
    // Another server's sign-in is not this one's.
    expect(chooseServer({ server: 'https://other.example.com' }, env, NOW)).toEqual({ server: new URL('https://other.example.com'), token: null, expired: null });
    const ca = path.join(tempDir(), 'ca.pem');
    fs.writeFileSync(ca, 'PEM');
    expect(chooseServer({ server: SERVER, token: 't', ca }, {}, NOW)).toMatchObject({ ca: Buffer.from('PEM') });
    expect(chooseServer({ server: SERVER, ca }, env, NOW)).toMatchObject({ token: 'kept', ca: Buffer.from('PEM') });
  });

  it('gives no token for a kept sign-in that has run out, and says so the same way everywhere', () => {
    const expired = login('old', '2026-12-07T11:59:59.000Z');
    const server = new URL(SERVER);
    expect(chooseServer({ server: SERVER }, configWith({ [SERVER]: expired }), NOW)).toEqual({ server, token: null, expired });
    expect(expiredSignIn(server, expired)).toBe(
      'Your sign-in to https://roster.example.com (ana@acme.example) expired at 2026-12-07T11:59:59.000Z: run "roster login --server https://roster.example.com" again.',
    );
    expect(needsSignIn(server)).toBe('--server needs a sign-in: run "roster login --server https://roster.example.com", or give an API token with --token T or ROSTER_TOKEN');
  });

  it('names what is wrong with the options', () => {
    expect(chooseServer({ token: 't' }, {}, NOW)).toEqual({ error: '--token goes with --server URL (or ROSTER_SERVER)' });
    expect(chooseServer({ ca: 'ca.pem' }, {}, NOW)).toEqual({ error: '--ca goes with --server URL (or ROSTER_SERVER)' });
    expect(chooseServer({ server: SERVER, token: 't', db: 'x.db' }, {}, NOW)).toEqual({ error: expect.stringContaining('--db and --server') });
    expect(chooseServer({ server: 'roster.example.com', token: 't' }, {}, NOW)).toEqual({ error: expect.stringContaining('must be an address') });
    expect(chooseServer({ server: 'ftp://roster.example.com', token: 't' }, {}, NOW)).toEqual({ error: expect.stringContaining('must start with https://') });
    expect(chooseServer({ server: SERVER, token: 't', ca: '/nowhere/ca.pem' }, {}, NOW)).toEqual({ error: expect.stringContaining('--ca /nowhere/ca.pem cannot be read') });
  });
});
