import type { ImportSummary } from '@shared/schemas/activity';
import { api, uploadEventFile } from './api';
import { importOutcome } from './import-outcome';
import { useImportStore } from '../stores/import-store';
import { useNoticesStore } from '../stores/notices-store';

// Starting, following and cancelling the one event import; its state is in stores/import-store.ts.

const store = useImportStore;

/** A brief notice when an import ends, seen on whichever screen the admin went on to; the Activity screen has the details. */
function announce(summary: ImportSummary): void {
  const outcome = importOutcome(summary);
  // Some lines rejected is a warning (the good ones are in); only an import that brought nothing is an error.
  useNoticesStore.getState().push(outcome.notice, outcome.tone === 'done' ? 'success' : outcome.tone === 'partial' ? 'warning' : 'error');
}

let following = false;
/** True while this page waits for the answer to an import it started; otherwise the end comes from main's status. */
let waiting = false;

function follow(): void {
  if (following) return;
  following = true;
  api.on('importProgress', (progress) => {
    store.setState({ status: 'running', progress, fileName: progress.fileName });
  });
  // An import this page did not start ends with a change to activity: its summary is then main's last.
  api.on('changed', ({ areas }) => {
    if (!waiting && store.getState().status === 'running' && (areas.includes('activity') || areas.includes('*'))) void syncImport();
  });
}

/** From the menu or the palette: the desktop app asks main for a file; browser mode opens the page's file picker. */
export function requestImport(): void {
  if (store.getState().status === 'running') return;
  if (uploadEventFile) store.setState({ pickRequested: true });
  else void startImport();
}

/** Imports `file` (browser mode) or asks main to let the admin choose one (desktop app). */
export async function startImport(file?: File): Promise<void> {
  if (store.getState().status === 'running') return;
  follow();
  store.setState({ status: 'running', fileName: file?.name ?? null, progress: null, summary: null, error: null, cancelling: false });
  waiting = true;
  const result = uploadEventFile && file ? await uploadEventFile(file) : await api.invoke('activity:import');
  waiting = false;
  if (!result.ok) {
    useNoticesStore.getState().push(result.error.message, 'error');
    return store.setState({ status: 'error', error: result.error, cancelling: false });
  }
  // Null: the admin closed the desktop app's file dialog without choosing.
  if (result.value === null) return store.setState({ status: 'idle', fileName: null, cancelling: false });
  announce(result.value);
  store.setState({ status: 'done', summary: result.value, fileName: result.value.fileName, cancelling: false });
}

/** Picks up an import that runs without this page having started it (the page was reloaded, or another window started it). */
export async function syncImport(): Promise<void> {
  follow();
  const status = await api.invoke('activity:importStatus');
  if (!status.ok || waiting) return;
  if (status.value.running) store.setState({ status: 'running', progress: status.value.running, fileName: status.value.running.fileName });
  else if (store.getState().status === 'running') {
    const last = status.value.last;
    store.setState(last ? { status: 'done', summary: last, fileName: last.fileName, cancelling: false } : { status: 'idle', cancelling: false });
  }
}

export async function cancelImport(): Promise<void> {
  if (store.getState().status !== 'running') return;
  store.setState({ cancelling: true });
  const result = await api.invoke('activity:cancelImport');
  // Nothing was running: it ended before this page heard (its events stream was not connected yet).
  if (result.ok && !result.value.cancelling) await syncImport();
}
