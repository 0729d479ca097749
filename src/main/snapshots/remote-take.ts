import { fail, ok, type Result } from '@shared/result';
import type { Host } from '../app/host';
import type { SavedFiles } from '../exports/deliver';
import type { Handlers } from '../ipc/dispatch';
import type { RemoteTarget } from '../remote/http-client';
import { downloadSnapshot, type DownloadedSnapshot } from './download';
import type { OfferedCopies } from './offered';
import { snapshotFileName } from './wire';

export interface RemoteSnapshotDeps {
  /** The server and the window's token: the copy is the server's, taken as that admin. */
  target: RemoteTarget;
  /** The desktop app's save dialog; absent in browser mode. */
  saveFile?: Host['saveFile'];
  savedFiles: SavedFiles;
  /** Browser mode: where a copy waits for the page to download it (this computer's folder, never the server's). */
  offered?: OfferedCopies;
  /** Why no call reaches the server now (it is lost); null while it answers. */
  refusal: () => Result<never> | null;
  now: () => Date;
}

/**
 * File → Take an Offline Copy… in a window working on a server: the server
 * makes the copy (POST /api/snapshot, which audits it) and this computer
 * downloads it, written under a temporary name and given its name only when
 * its sha256 is the server's (download.ts). The desktop app saves it where the
 * save dialog says; browser mode offers it to the page as it offers a copy of
 * a local store, through the one-use download address.
 */
export function remoteSnapshotHandler(deps: RemoteSnapshotDeps): Pick<Handlers, 'snapshots:take'> {
  return {
    'snapshots:take': async () => {
      const refused = deps.refusal();
      if (refused) return refused;
      // Named before the copy is asked for: the save dialog comes first, and the server says of what only with the copy.
      const name = snapshotFileName(deps.target.server.hostname, deps.now().toISOString());
      if (deps.saveFile) {
        const made: { value?: DownloadedSnapshot } = {};
        const saved = await deps.saveFile(name, async (file) => {
          const downloaded = await downloadSnapshot(deps.target, file);
          if (!downloaded.ok) return downloaded;
          made.value = downloaded.value;
          return ok(downloaded.value.path);
        });
        if (!saved.ok) return saved;
        if (saved.value === null || !made.value) return ok({ kind: 'cancelled' as const });
        const { path: file, size, sha256 } = made.value;
        return ok({ kind: 'saved' as const, path: file, saveId: deps.savedFiles.remember(file), size, sha256 });
      }
      const file = deps.offered?.prepare(name);
      if (!file) return fail('UNSUPPORTED', `This window keeps no folder to download the copy to: take it with "roster snapshot --server ${deps.target.server.origin} --out FILE".`);
      const downloaded = await downloadSnapshot(deps.target, file);
      if (!downloaded.ok) return downloaded;
      return ok({ kind: 'download' as const, id: name, size: downloaded.value.size, sha256: downloaded.value.sha256 });
    },
  };
}
