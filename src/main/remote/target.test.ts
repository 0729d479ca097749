import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { remoteTarget } from './target';

// Which server browser mode (and the desktop app) works on: the options, or the environment, and bad usage named.

describe('the server to work on', () => {
  it('is none without --server or ROSTER_SERVER', () => {
    expect(remoteTarget({}, {})).toBeNull();
  });

  it('takes the options, or the environment when they are not given', () => {
    expect(remoteTarget({ server: 'https://roster.example.com', token: 't1' }, {})).toEqual({ server: new URL('https://roster.example.com'), token: 't1' });
    expect(remoteTarget({}, { ROSTER_SERVER: 'https://roster.example.com', ROSTER_TOKEN: 't2' })).toEqual({ server: new URL('https://roster.example.com'), token: 't2' });
    expect(remoteTarget({ token: 't1' }, { ROSTER_SERVER: 'https://roster.example.com', ROSTER_TOKEN: 't2' })).toMatchObject({ token: 't1' });
    const ca = path.join(tempDir(), 'ca.pem');
    fs.writeFileSync(ca, 'PEM');
    expect(remoteTarget({ server: 'https://roster.example.com', token: 't', ca }, {})).toMatchObject({ ca: Buffer.from('PEM') });
  });

  it('names what is wrong with the options', () => {
    expect(remoteTarget({ server: 'https://roster.example.com' }, {})).toEqual({ error: expect.stringContaining('--server needs an API token') });
    expect(remoteTarget({ token: 't' }, {})).toEqual({ error: '--token goes with --server URL (or ROSTER_SERVER)' });
    expect(remoteTarget({ server: 'https://roster.example.com', token: 't', db: 'x.db' }, {})).toEqual({ error: expect.stringContaining('--db and --server') });
    expect(remoteTarget({ server: 'roster.example.com', token: 't' }, {})).toEqual({ error: expect.stringContaining('must be an address') });
    expect(remoteTarget({ server: 'ftp://roster.example.com', token: 't' }, {})).toEqual({ error: expect.stringContaining('must start with https://') });
    expect(remoteTarget({ server: 'https://roster.example.com', token: 't', ca: '/nowhere/ca.pem' }, {})).toEqual({ error: expect.stringContaining('--ca /nowhere/ca.pem cannot be read') });
  });
});
