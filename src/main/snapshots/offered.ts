import fs from 'node:fs';
import path from 'node:path';

/** The folder, inside the backups folder, where browser mode makes a copy for the page to download. Hidden: it is not a backup. */
const OFFERED_FOLDER = '.offline-copies';

/**
 * Browser mode's offline copies: the page never names a path, so a copy is
 * made in a folder of its own beside the backups and downloaded by its name
 * through the backups' one-use download address. Only the newest is kept:
 * making one removes those made before.
 */
export function createOfferedCopies(backupsFolder: string | undefined) {
  const dir = backupsFolder ? path.join(backupsFolder, OFFERED_FOLDER) : null;
  return {
    /** Where a new copy named `name` goes, the earlier ones removed; null where there is no backups folder. */
    prepare(name: string): string | null {
      if (!dir) return null;
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      return path.join(dir, name);
    },
    /** The file of a copy made here, by its name; null for any other name. */
    fileOf(id: string): string | null {
      if (!dir || !/^roster-copy-[A-Za-z0-9._-]+\.db$/.test(id)) return null;
      const file = path.join(dir, id);
      return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? file : null;
    },
  };
}
export type OfferedCopies = ReturnType<typeof createOfferedCopies>;
