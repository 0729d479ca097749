import type { Result } from '@shared/result';
import { runContract } from '../data/query';
import { useBusyStore } from '../stores/busy-store';
import { failureTone, useNoticesStore } from '../stores/notices-store';
import { asOfMoment, useReportStore } from '../stores/report-store';
import { downloadBackup } from './backup-download';
import { isConsole } from './api';
import { downloadServerSnapshot } from './console-snapshot';
import { finishExport } from './download';

// The actions the menu and the screens' buttons share, each ending in a notice
// that says what happened (or what went wrong), so nothing finishes silently.

const notify = (text: string, tone?: 'success' | 'error') => useNoticesStore.getState().push(text, tone);

/** "Back up now": a native save dialog in the desktop app, a download in browser mode. */
export async function backUpWithNotice(): Promise<Result<unknown>> {
  const result = await runContract('backups:create');
  if (!result.ok) notify(result.error.message, failureTone(result.error));
  else if (result.value.kind === 'saved') notify(`Backed up to ${result.value.path}.`);
  else if (result.value.kind === 'stored') await downloadWithNotice(result.value.backup.id, `Backed up as ${result.value.backup.id}`);
  return result;
}

/**
 * File → Take an Offline Copy…: a copy without credentials (docs/OFFLINE-COPIES.md),
 * saved where the person chooses in the desktop app, downloaded in browser mode;
 * the notice gives the start of its sha256, as the audit log records it whole.
 */
export async function takeOfflineCopyWithNotice(): Promise<Result<unknown>> {
  // The server's console: the server makes it, and the page checks it before the browser saves it.
  if (isConsole) {
    const downloaded = await downloadServerSnapshot();
    if (!downloaded.ok) notify(downloaded.error.message, failureTone(downloaded.error));
    else notify(`Took an offline copy, ${downloaded.value.fileName} (sha256 ${downloaded.value.sha256.slice(0, 12)}…); your browser downloads it.`);
    return downloaded;
  }
  // On a file, or working on a server (then the server makes the copy and main checks its sha256 as it downloads it).
  const result = await runContract('snapshots:take');
  if (!result.ok) notify(result.error.message, failureTone(result.error));
  else if (result.value.kind === 'saved') notify(`Saved an offline copy to ${result.value.path} (sha256 ${result.value.sha256.slice(0, 12)}…).`);
  else if (result.value.kind === 'download') await downloadWithNotice(result.value.id, `Took an offline copy, ${result.value.id} (sha256 ${result.value.sha256.slice(0, 12)}…)`);
  return result;
}

/** Browser mode: hands a listed backup to the browser's downloads, saying so, or why it could not. */
export async function downloadWithNotice(id: string, done = `Downloading ${id}`): Promise<void> {
  const downloaded = await downloadBackup(id);
  if (downloaded.ok) notify(`${done}; your browser downloads it.`);
  else notify(`${done}, but the download did not start: ${downloaded.error.message}`, 'error');
}

/** Opens or creates another database; on success the app restarts on it. */
export async function chooseDatabaseWithNotice(intent: 'open' | 'create'): Promise<void> {
  const result = await runContract('app:chooseDatabase', { intent });
  if (!result.ok) notify(result.error.message, 'error');
  else if (result.value) notify(`Switching to ${result.value.databasePath}…`);
}

/** Saves the activity report as it stands on the Activity screen (as of its day), for spreadsheets. */
export async function exportReportWithNotice(): Promise<void> {
  const result = await useBusyStore.getState().run('Saving the activity report…', () => runContract('report:export', { asOf: asOfMoment(useReportStore.getState().query.asOfDay), bom: true }));
  if (!result.ok) return notify(result.error.message, failureTone(result.error));
  const said = finishExport(result.value, 'the activity report', 'member');
  if (said) notify(said);
}
