import path from 'node:path';
import { fail, ok } from '@shared/result';
import type { Host } from '../app/host';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import type { SavedFiles } from '../exports/deliver';
import type { Handlers } from '../ipc/dispatch';
import type { OfferedCopies } from './offered';
import { recordSnapshot, takeSnapshot, type TakenSnapshot, type TakeOptions } from './take';
import { snapshotFileName } from './wire';

export interface SnapshotDeps {
  db: Db;
  databasePath: string;
  host: Host;
  savedFiles: SavedFiles;
  audit: AuditRepository;
  offered: OfferedCopies;
  now: () => Date;
  options: TakeOptions;
}

/**
 * File → Take an Offline Copy…: the desktop app saves the copy where the
 * person chooses (the save dialog, then the copy written under a temporary
 * name beside it); browser mode makes it beside the backups and the page
 * downloads it by its name. Either way the audit log records it with its sha256.
 */
export function snapshotHandlers(deps: SnapshotDeps): Pick<Handlers, 'snapshots:take'> {
  return {
    'snapshots:take': async (_input, { actor }) => {
      const info = { of: path.basename(deps.databasePath), takenAt: deps.now().toISOString(), takenBy: actor.admin ?? actor.name };
      const name = snapshotFileName(info.of, info.takenAt);
      if (deps.host.saveFile) {
        const made: { value?: TakenSnapshot } = {};
        const saved = await deps.host.saveFile(name, async (file) => {
          const taken = await takeSnapshot(deps.db, file, info, deps.options);
          if (!taken.ok) return taken;
          made.value = taken.value;
          return ok(taken.value.path);
        });
        if (!saved.ok) return saved;
        if (saved.value === null || !made.value) return ok({ kind: 'cancelled' as const });
        recordSnapshot(deps.audit, actor, made.value);
        const { path: file, size, sha256 } = made.value;
        return ok({ kind: 'saved' as const, path: file, saveId: deps.savedFiles.remember(file), size, sha256 });
      }
      const file = deps.offered.prepare(name);
      if (!file) return fail('UNSUPPORTED', 'This Roster keeps no backups folder to make the copy in: take it with "roster snapshot --out FILE".');
      const taken = await takeSnapshot(deps.db, file, info, deps.options);
      if (!taken.ok) return taken;
      recordSnapshot(deps.audit, actor, taken.value);
      return ok({ kind: 'download' as const, id: name, size: taken.value.size, sha256: taken.value.sha256 });
    },
  };
}
