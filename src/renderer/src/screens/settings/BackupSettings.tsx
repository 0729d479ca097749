import { useState } from 'react';
import { backupKeepSchema, type Backup, type BackupKind } from '@shared/schemas/backups';
import { countOf } from '@shared/text';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { backUpWithNotice, downloadWithNotice, takeOfflineCopyWithNotice } from '../../lib/app-actions';
import { useOfflineCopy } from '../../stores/offline-copy-store';
import { formatDateTime } from '../../lib/format';
import { useAppInfo } from '../../data/app-queries';
import { appErrorOf, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useMayCall } from '../../data/may-call';
import { isConsole } from '../../lib/api';
import { useSubmit } from '../../lib/use-submit';
import { useNoticesStore } from '../../stores/notices-store';
import { NumberSetting } from './NumberSetting';

const KIND_LABEL: Record<BackupKind, string> = { automatic: 'Daily', manual: 'Backed up now', 'pre-restore': 'Before a restore', 'pre-upgrade': 'Before an upgrade' };

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString()} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(undefined, { maximumFractionDigits: 1 })} MB`;
}

const fileName = (file: string) => file.split(/[\\/]/).pop() ?? file;

type Pending = { kind: 'listed'; backup: Backup } | { kind: 'file' };

/** Settings → Backups: "Back up now", the backups kept in the backups folder, and restoring one. */
export function BackupSettings({ canSetKeep }: { canSetKeep: boolean }) {
  const listed = useContractQuery('backups:list', undefined);
  const list = listed.data ?? null;
  const error = appErrorOf(listed.error);
  const restore = useContractMutation('backups:restore', { errors: 'inline' }).run;
  const restoreFromFile = useContractMutation('backups:restoreFile', { errors: 'inline' }).run;
  const setKeep = useContractMutation('settings:update', { errors: 'inline' }).run;
  // The setting's version, sent with a change so that one made elsewhere since refuses it (docs/RULES.md, V6).
  const keepVersion = useContractQuery('settings:get', undefined).data?.versions.backupKeep;
  const may = { backUp: useMayCall('backups:create'), restore: useMayCall('backups:restore'), restoreFile: useMayCall('backups:restoreFile'), keep: useMayCall('settings:update') };
  // The server's console, and a window working on a server, download nothing from its backups folder: that stays on the server's machine.
  const onServer = useAppInfo()?.server !== undefined;
  const mayDownload = !isConsole && !onServer;
  const rowActions = may.restore || mayDownload;
  // An offline copy (docs/OFFLINE-COPIES.md) is of the file or the server this window works on, never of a copy.
  const onCopy = useOfflineCopy((state) => state.copy !== null);
  // The console, and a window on a server, ask the server for the copy (any role: a copy only reads).
  const mayTakeCopy = useMayCall('snapshots:take');
  const mayCopy = (isConsole || mayTakeCopy) && !onCopy;
  const notify = useNoticesStore((state) => state.push);
  const { run, busy } = useSubmit();
  const [pending, setPending] = useState<Pending | null>(null);

  const backUp = () => run(backUpWithNotice);

  const confirmRestore = async () => {
    if (!pending) return { ok: true as const, value: null };
    const result = pending.kind === 'listed' ? await restore({ id: pending.backup.id }) : await restoreFromFile();
    if (result.ok && result.value) {
      notify(`Restored from ${fileName(result.value.restoredFrom)}. The database as it was is kept as ${fileName(result.value.preRestoreCopy)}.`);
    }
    return result;
  };

  const backups = list?.backups ?? [];
  return (
    <div className="card settings-section" aria-labelledby="backups-title" role="region">
      <h2 id="backups-title">Backups</h2>
      {list?.folder ? (
        <p className="muted">
          Roster backs this database up every day, and keeps the newest {countOf(list.keep, 'backup')} of each kind in <code className="path">{list.folder}</code>.
          Restoring one keeps a copy of the database as it is first.
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
      {may.backUp || mayCopy ? (
        <div className="button-row">
          {may.backUp ? (
            <button type="button" className="button" disabled={busy} aria-busy={busy} onClick={() => void backUp()}>
              {busy ? 'Backing up…' : 'Back up now'}
            </button>
          ) : null}
          {mayCopy ? (
            <button type="button" className="button" disabled={busy} onClick={() => void run(takeOfflineCopyWithNotice)}>
              Take an offline copy…
            </button>
          ) : null}
          {may.backUp && list?.canChooseFiles && may.restoreFile ? (
            <button type="button" className="button" disabled={busy} onClick={() => setPending({ kind: 'file' })}>
              Restore from a file…
            </button>
          ) : null}
        </div>
      ) : null}
      {list && canSetKeep ? (
        <NumberSetting
          label="Backups to keep"
          value={list.keep}
          schema={backupKeepSchema}
          hint="Of each kind: daily, backed up now, and copies kept before a restore. Older ones are deleted at the next backup."
          saveLabel="Save"
          readOnly={!may.keep}
          onSave={async (keep) => {
            const result = await setKeep({ backupKeep: keep, versions: { backupKeep: keepVersion } });
            if (result.ok) notify(`Roster now keeps ${countOf(keep, 'backup')} of each kind.`);
            return result;
          }}
        />
      ) : null}
      <div className="table-scroll">
        <table className="data-table" aria-label="Backups">
          <thead>
            <tr>
              <th scope="col">Made</th>
              <th scope="col">Kind</th>
              <th scope="col">Size</th>
              {rowActions ? (
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {backups.length === 0 ? (
              <tr className="empty-row">
                <td colSpan={rowActions ? 4 : 3}>No backups in the backups folder yet.</td>
              </tr>
            ) : (
              backups.map((backup) => (
                <tr key={backup.id}>
                  <td>
                    {formatDateTime(backup.createdAt)}
                    <div className="muted">{backup.id}</div>
                  </td>
                  <td>{KIND_LABEL[backup.kind]}</td>
                  <td>{formatSize(backup.size)}</td>
                  {rowActions ? (
                    <td className="col-actions">
                      <div className="button-row">
                        {list?.canChooseFiles || !mayDownload ? null : (
                          // A one-use address asked for with the session key: a plain link could not send it.
                          <button type="button" className="button" onClick={() => void downloadWithNotice(backup.id)}>
                            Download
                          </button>
                        )}
                        {may.restore ? (
                          <button type="button" className="button" onClick={() => setPending({ kind: 'listed', backup })}>
                            Restore…
                          </button>
                        ) : null}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {pending ? (
        <ConfirmDialog
          title={pending.kind === 'listed' ? 'Restore this backup?' : 'Restore from a file?'}
          body={[
            pending.kind === 'listed'
              ? `The database will hold what it held on ${formatDateTime(pending.backup.createdAt)}: every change made since then is replaced.`
              : 'Choose a Roster backup next. The database will hold what the backup holds: every change made since it was made is replaced.',
            'Roster first keeps a copy of the database as it is now in the backups folder, so this can be undone.',
          ]}
          confirmLabel={pending.kind === 'listed' ? 'Restore' : 'Choose a backup…'}
          onConfirm={confirmRestore}
          onClose={() => setPending(null)}
        />
      ) : null}
    </div>
  );
}
