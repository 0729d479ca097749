import fs from 'node:fs';
import path from 'node:path';
import { fail, ok } from '@shared/result';
import type { SavedFiles } from '../exports/deliver';
import type { Handlers } from '../ipc/dispatch';
import type { Host } from './host';

const CANNOT_SWITCH = 'Browser mode cannot switch databases from the page. Stop it and start it again with --db FILE.';

export function appHandlers(host: Host, savedFiles: SavedFiles): Pick<Handlers, 'app:info' | 'app:chooseDatabase' | 'app:showSavedFile' | 'app:recentDatabases' | 'app:openRecent' | 'app:logFile' | 'app:showLogFile'> {
  return {
    'app:showSavedFile': ({ saveId }) => {
      const file = savedFiles.path(saveId);
      if (!host.showItemInFolder) return fail('UNSUPPORTED', 'Browser mode cannot open folders: the file is in your browser\'s downloads.');
      if (!file) return fail('NOT_FOUND', 'Roster does not know that file any more (it remembers the files it saved until it restarts).');
      host.showItemInFolder(file);
      return ok({ shown: true });
    },
    // On a Roster server, the caller learns who they are there (the remote core shows it).
    'app:info': (_input, { caller }) => ok(caller ? { ...host.info, caller: { email: caller.email, role: caller.role } } : host.info),
    'app:chooseDatabase': async ({ intent }) => {
      if (!host.chooseDatabase) return fail('UNSUPPORTED', CANNOT_SWITCH);
      const chosen = await host.chooseDatabase(intent);
      if (!chosen.ok) return chosen;
      return ok(chosen.value === null ? null : { databasePath: chosen.value });
    },
    'app:recentDatabases': () => ok(host.recentDatabases?.() ?? []),
    'app:openRecent': async ({ path }) => {
      if (!host.openRecentDatabase) return fail('UNSUPPORTED', CANNOT_SWITCH);
      const opened = await host.openRecentDatabase(path);
      if (!opened.ok) return opened;
      return ok(opened.value === null ? null : { databasePath: opened.value });
    },
    'app:logFile': () => ok({ path: host.logFile ?? null }),
    'app:showLogFile': () => {
      if (!host.logFile) return fail('NOT_FOUND', 'Roster keeps no log in this mode.');
      if (!host.showItemInFolder) return fail('UNSUPPORTED', `Browser mode cannot open folders: the log is ${host.logFile}.`);
      // Nothing logged yet: the folder it will be in.
      host.showItemInFolder(fs.existsSync(host.logFile) ? host.logFile : path.dirname(host.logFile));
      return ok({ shown: true });
    },
  };
}
