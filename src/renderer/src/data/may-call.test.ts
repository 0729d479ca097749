import { afterEach, describe, expect, it } from 'vitest';
import { channelNames } from '@shared/ipc/channels';
import { contract, type Channel } from '@shared/ipc/contract';
import type { ConsoleSession } from '@shared/schemas/console-auth';
import { useConsoleSession } from '../stores/console-session-store';
import { mayCallAs, mayCallNow } from './may-call';
import { useServerRole } from '../stores/server-role-store';

const sessionAs = (role: ConsoleSession['role']): ConsoleSession => ({
  email: `${role}@acme.com`,
  name: null,
  role,
  method: 'password',
  csrfToken: 'csrf',
  signedInAt: '2026-12-07T10:00:00.000Z',
  expiresAt: '2026-12-14T10:00:00.000Z',
});

/**
 * Whether a control of this channel shows, for the session in the store now
 * (useMayCall is this rule read through the store's hook; the end-to-end
 * tests of an auditor's console see it in the screens).
 */
const shown = (channel: Channel): string => (mayCallNow(channel) ? `<button>${channel}</button>` : '');

afterEach(() => useConsoleSession.setState({ status: 'checking', session: null, reason: null }));

describe('the role rule in the console', () => {
  it('lets the desktop app and browser mode (no role) call everything, local channels included', () => {
    for (const channel of channelNames) expect(mayCallAs(null, channel), channel).toBe(true);
    expect(shown('settings:update')).toBe('<button>settings:update</button>');
    expect(shown('app:chooseDatabase')).toBe('<button>app:chooseDatabase</button>');
  });

  it('shows an auditor only what reads', () => {
    useConsoleSession.getState().signedIn(sessionAs('auditor'));
    for (const channel of channelNames) expect(mayCallAs('auditor', channel), channel).toBe(contract[channel].access === 'read');
    expect(shown('orgs:create')).toBe('');
    expect(shown('teams:setRole')).toBe('');
    expect(shown('report:export')).toBe('<button>report:export</button>');
    expect(mayCallNow('invitations:revoke')).toBe(false);
  });

  it("shows an admin the enterprise's data to change, never an owner's control", () => {
    useConsoleSession.getState().signedIn(sessionAs('admin'));
    expect(shown('orgs:create')).toBe('<button>orgs:create</button>');
    for (const channel of ['scim:createToken', 'scim:start', 'backups:restore', 'settings:update', 'admins:add'] as const) expect(shown(channel), channel).toBe('');
  });

  it('shows an owner everything the server serves, and no local channel', () => {
    useConsoleSession.getState().signedIn(sessionAs('owner'));
    expect(shown('backups:restore')).toBe('<button>backups:restore</button>');
    expect(shown('app:chooseDatabase')).toBe('');
    expect(shown('app:showLogFile')).toBe('');
  });

  it('follows the session: signed out is the sign-in screen, and no role is held', () => {
    useConsoleSession.getState().signedIn(sessionAs('auditor'));
    useConsoleSession.getState().signedOut('Your session ended: you signed out. Sign in again.');
    expect(useConsoleSession.getState().session).toBeNull();
    expect(shown('orgs:create')).toBe('<button>orgs:create</button>');
  });
});

describe('the role rule in a desktop app signed in to a server', () => {
  const onServer = (role: ConsoleSession['role']) => useServerRole.getState().setRole(role);
  afterEach(() => useServerRole.getState().setRole(null));

  it('shows what the admin’s role allows, and keeps this computer’s own choices (files, servers)', () => {
    onServer('auditor');
    expect(shown('teams:create')).toBe('');
    expect(shown('audit:export')).toBe('<button>audit:export</button>');
    expect(shown('servers:connect')).toBe('<button>servers:connect</button>');
    expect(shown('app:chooseDatabase')).toBe('<button>app:chooseDatabase</button>');
    onServer('admin');
    expect(shown('teams:create')).toBe('<button>teams:create</button>');
    expect(shown('settings:update')).toBe('');
    onServer('owner');
    expect(shown('settings:update')).toBe('<button>settings:update</button>');
  });

  it('on a file, shows everything', () => {
    expect(shown('settings:update')).toBe('<button>settings:update</button>');
    expect(mayCallAs(null, 'servers:connect', 'desktop')).toBe(true);
  });
});
