import { describe, expect, it } from 'vitest';
import { adminRoles } from '../schemas/admins';
import { channelAccesses, mayCall } from './access';
import { channelNames } from './channels';
import { contract } from './contract';

describe('every contract entry declares who may call it', () => {
  it.each(channelNames)('%s has an access of read, write, owner or local', (channel) => {
    const spec = contract[channel] as { access?: unknown };
    expect(spec.access, `${channel} declares no access: add 'read', 'write', 'owner' or 'local' to its entry in contract.ts`).toBeDefined();
    expect(channelAccesses).toContain(spec.access);
  });

  it('exports and checks only read; restores, SCIM tokens and settings that erase history are the owner’s; file dialogs are local', () => {
    for (const channel of ['report:export', 'audit:export', 'domains:exportUnmanaged', 'audit:verify', 'db:check'] as const) expect(contract[channel].access).toBe('read');
    for (const channel of ['backups:restore', 'backups:restoreFile', 'scim:createToken', 'scim:revokeToken', 'settings:update'] as const) expect(contract[channel].access).toBe('owner');
    for (const channel of ['app:chooseDatabase', 'app:showSavedFile', 'app:openRecent', 'app:showLogFile', 'app:logFile'] as const) expect(contract[channel].access).toBe('local');
  });

  it('no query changes anything, so none needs more than read (or is local)', () => {
    const queries = channelNames.filter((channel) => contract[channel].kind === 'query');
    expect(queries.filter((channel) => !['read', 'local'].includes(contract[channel].access))).toEqual([]);
  });

});

describe('what each role may call', () => {
  it('an auditor reads only, an admin reads and writes, an owner does everything served; nobody calls a local channel through a server', () => {
    const table = Object.fromEntries(adminRoles.map((role) => [role, channelAccesses.filter((access) => mayCall(role, access))]));
    expect(table).toEqual({ owner: ['read', 'write', 'owner'], admin: ['read', 'write'], auditor: ['read'] });
  });
});
