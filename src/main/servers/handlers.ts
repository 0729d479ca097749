import { fail, ok } from '@shared/result';
import type { Host } from '../app/host';
import type { Handlers } from '../ipc/dispatch';

const DESKTOP_ONLY = 'Only the desktop app connects to a Roster server from its window: this page cannot (docs/SERVER.md, "The desktop app on a server").';

/** servers:*: the desktop app on a Roster server (servers/connect.ts); local to this computer, never served. */
export function serverHandlers(host: Host): Pick<Handlers, 'servers:connect' | 'servers:recent' | 'servers:openRecent' | 'servers:cancelSignIn'> {
  return {
    'servers:connect': (input) => (host.connectServer ? host.connectServer(input) : fail('UNSUPPORTED', DESKTOP_ONLY)),
    'servers:recent': () => ok(host.recentServers?.() ?? []),
    'servers:openRecent': ({ address }) => (host.openRecentServer ? host.openRecentServer(address) : fail('UNSUPPORTED', DESKTOP_ONLY)),
    'servers:cancelSignIn': () => ok({ cancelled: host.cancelServerSignIn?.() ?? false }),
  };
}
