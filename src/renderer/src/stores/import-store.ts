import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { ImportProgress, ImportSummary } from '@shared/schemas/activity';
import { countOf } from '@shared/text';
import { api, uploadEventFile } from '../lib/api';
import { useNoticesStore } from './notices-store';

interface ImportState {
  status: 'idle' | 'running' | 'done' | 'error';
  /** The file being imported, once known (the desktop app learns it from the first progress). */
  fileName: string | null;
  progress: ImportProgress | null;
  summary: ImportSummary | null;
  error: AppError | null;
  cancelling: boolean;
  /** Browser mode: the menu or palette asked for an import; the Activity screen's file picker opens and clears it. */
  pickRequested: boolean;
  /** From the menu or the palette: the desktop app asks main for a file; browser mode opens the page's file picker. */
  request(): void;
  /** Imports `file` (browser mode) or asks main to let the admin choose one (desktop app). */
  start(file?: File): Promise<void>;
  /** Picks up an import that runs without this page having started it (the page was reloaded, or another window started it). */
  sync(): Promise<void>;
  cancel(): Promise<void>;
  dismiss(): void;
}

/** A brief notice when an import ends, seen on whichever screen the admin went on to; the Activity screen has the details. */
function announce(summary: ImportSummary): void {
  const events = summary.events.signup + summary.events.login + summary.events.open;
  const rejected = summary.rejected > 0 ? `; ${countOf(summary.rejected, 'line')} rejected (see Activity)` : '';
  const verb = summary.cancelled ? `Cancelled the import of ${summary.fileName} after ${countOf(events, 'event')}` : `Imported ${countOf(events, 'event')} from ${summary.fileName}`;
  useNoticesStore.getState().push(`${verb}${rejected}.`, summary.rejected > 0 ? 'error' : 'success');
}

let following = false;
/** True while this page waits for the answer to an import it started; otherwise the end comes from main's status. */
let waiting = false;

/** One event import at a time: its progress (from main's events), cancelling it, and how it went. */
export const useImportStore = create<ImportState>()((set, get) => {
  const follow = () => {
    if (following) return;
    following = true;
    api.on('importProgress', (progress) => {
      set({ status: 'running', progress, fileName: progress.fileName });
    });
    // An import this page did not start ends with a change to activity: its summary is then main's last.
    api.on('changed', ({ areas }) => {
      if (!waiting && get().status === 'running' && (areas.includes('activity') || areas.includes('*'))) void get().sync();
    });
  };

  return {
    status: 'idle',
    fileName: null,
    progress: null,
    summary: null,
    error: null,
    cancelling: false,
    pickRequested: false,

    request() {
      if (get().status === 'running') return;
      if (uploadEventFile) set({ pickRequested: true });
      else void get().start();
    },

    async start(file) {
      if (get().status === 'running') return;
      follow();
      set({ status: 'running', fileName: file?.name ?? null, progress: null, summary: null, error: null, cancelling: false });
      waiting = true;
      const result = uploadEventFile && file ? await uploadEventFile(file) : await api.invoke('activity:import');
      waiting = false;
      if (!result.ok) {
        useNoticesStore.getState().push(result.error.message, 'error');
        return set({ status: 'error', error: result.error, cancelling: false });
      }
      // Null: the admin closed the desktop app's file dialog without choosing.
      if (result.value === null) return set({ status: 'idle', fileName: null, cancelling: false });
      announce(result.value);
      set({ status: 'done', summary: result.value, fileName: result.value.fileName, cancelling: false });
    },

    async sync() {
      follow();
      const status = await api.invoke('activity:importStatus');
      if (!status.ok || waiting) return;
      if (status.value.running) set({ status: 'running', progress: status.value.running, fileName: status.value.running.fileName });
      else if (get().status === 'running') {
        set(status.value.last ? { status: 'done', summary: status.value.last, fileName: status.value.last.fileName, cancelling: false } : { status: 'idle', cancelling: false });
      }
    },

    async cancel() {
      if (get().status !== 'running') return;
      set({ cancelling: true });
      const result = await api.invoke('activity:cancelImport');
      // Nothing was running: it ended before this page heard (its events stream was not connected yet).
      if (result.ok && !result.value.cancelling) await get().sync();
    },

    dismiss() {
      if (get().status !== 'running') set({ status: 'idle', summary: null, error: null, progress: null, fileName: null });
    },
  };
});
