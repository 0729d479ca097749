import path from 'node:path';
import type { Result } from '@shared/result';
import { damagedMessage } from '../../backups/advice';
import { osUserName } from '../../os-user';
import { findWorker } from '../../server/worker-files';
import { downloadSnapshot } from '../../snapshots/download';
import { takenAtText, type SnapshotInfo } from '../../snapshots/info';
import { recordSnapshot, takeSnapshot } from '../../snapshots/take';
import { EXIT_OK, printError, type CommandContext, type CommandSpec } from '../command';
import { cliBackupsDir } from '../open-core';

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

interface Taken {
  path: string;
  size: number;
  sha256: string;
  info: SnapshotInfo;
}

/** A copy of the local store: made here (in the copy worker where the build has one) and recorded in the store's audit log. */
async function takeLocal(context: CommandContext, out: string): Promise<Result<Taken>> {
  const core = context.core.local!;
  const user = osUserName();
  const info: SnapshotInfo = { of: path.basename(context.databasePath), takenAt: new Date().toISOString(), takenBy: user };
  const damaged = (found: string) => damagedMessage(context.databasePath, found, cliBackupsDir(context.io, context.databasePath));
  const taken = await takeSnapshot(core.db, out, info, { copyWorker: findWorker('copy-worker'), describeDamage: damaged });
  if (taken.ok) recordSnapshot(core.services.audit, { type: 'cli', name: user }, taken.value);
  return taken;
}

export const snapshotCommand: CommandSpec = {
  path: ['snapshot'],
  summary: 'Take an offline copy of the store, without credentials, to read and audit elsewhere',
  options: {
    out: { type: 'string', valueName: 'FILE', required: true, description: 'the copy to write (replaced whole, never left half-written)' },
  },
  details: [
    'One consistent moment of the store, with no password, session, API or SCIM token hash in it (docs/OFFLINE-COPIES.md).',
    'Against a server (--server URL) the server makes the copy and sends it with its sha256, which is checked before the file is kept.',
    'Open the copy like any store (roster --db FILE …, or the app): it can be read and exported, never changed.',
  ],
  async run(context, values) {
    const out = String(values.out);
    const taken = context.core.remote ? await downloadSnapshot(context.core.remote, out) : await takeLocal(context, out);
    if (!taken.ok) return printError(context.io, context.json, taken.error);
    const { path: file, size, sha256, info } = taken.value;
    context.io.out(
      context.json
        ? JSON.stringify({ path: file, size, sha256, of: info.of, takenAt: info.takenAt, takenBy: info.takenBy }, null, 2)
        : `Took an offline copy of ${info.of} at ${takenAtText(info.takenAt)} into ${file} (${megabytes(size)}).\nsha256 ${sha256}`,
    );
    return EXIT_OK;
  },
};
