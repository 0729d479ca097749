import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { createRecentServers, RECENT_SERVERS_LIMIT, SERVERS_FILE } from './recent-servers';

const server = (n: number, email = 'ana@acme.com') => ({ address: `https://roster${n}.example.com`, host: `roster${n}.example.com`, email, role: 'admin' as const });

describe('recent servers', () => {
  it('put the newest first, once, with the admin it was signed in as last, and keep at most the limit', () => {
    const recent = createRecentServers(tempDir());
    for (let n = 0; n <= RECENT_SERVERS_LIMIT; n++) recent.remember(server(n));
    recent.remember(server(3, 'ben@acme.com'));
    const list = recent.list();
    expect(list).toHaveLength(RECENT_SERVERS_LIMIT);
    expect(list[0]).toEqual(server(3, 'ben@acme.com'));
    expect(list.filter((entry) => entry.address === server(3).address)).toHaveLength(1);
    expect(list.map((entry) => entry.address)).not.toContain(server(0).address);
  });

  it('remember which one the app works on, and forget it with the server', () => {
    const recent = createRecentServers(tempDir());
    recent.remember(server(1));
    recent.remember(server(2));
    recent.setCurrent(server(1).address);
    expect(recent.current()).toBe(server(1).address);
    recent.clear();
    // Clearing keeps the one the app works on now, as Clear Recent Databases keeps the open file.
    expect(recent.list()).toEqual([server(1)]);
    recent.forget(server(1).address);
    expect(recent.current()).toBeNull();
    expect(recent.list()).toEqual([]);
  });

  it('hold no secret, and survive a file edited beyond repair', () => {
    const dir = tempDir();
    const recent = createRecentServers(dir);
    recent.remember(server(1));
    expect(fs.readFileSync(path.join(dir, SERVERS_FILE), 'utf8')).not.toMatch(/token/i);
    fs.writeFileSync(path.join(dir, SERVERS_FILE), '[1, 2');
    expect(recent.list()).toEqual([]);
    expect(recent.current()).toBeNull();
    fs.writeFileSync(path.join(dir, SERVERS_FILE), JSON.stringify({ recent: [{ address: 1 }], current: 7 }));
    expect(recent.list()).toEqual([]);
    expect(recent.current()).toBeNull();
  });
});
