import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { ImportProgress, ImportSummary } from '@shared/schemas/activity';
import { api, uploadEventFile } from '../lib/api';

interface ImportState {
  status: 'idle' | 'running' | 'done' | 'error';
  /** The file being imported, once known (the desktop app learns it from the first progress). */
  fileName: string | null;
  progress: ImportProgress | null;
  summary: ImportSummary | null;
  error: AppError | null;
  cancelling: boolean;
  /** Imports `file` (browser mode) or asks main to let the admin choose one (desktop app). */
  start(file?: File): Promise<void>;
  cancel(): Promise<void>;
  dismiss(): void;
}

let following = false;

/** One event import at a time: its progress (from main's events), cancelling it, and how it went. */
export const useImportStore = create<ImportState>()((set, get) => {
  const follow = () => {
    if (following) return;
    following = true;
    api.on('importProgress', (progress) => {
      if (get().status === 'running') set({ progress, fileName: progress.fileName });
    });
  };

  return {
    status: 'idle',
    fileName: null,
    progress: null,
    summary: null,
    error: null,
    cancelling: false,

    async start(file) {
      if (get().status === 'running') return;
      follow();
      set({ status: 'running', fileName: file?.name ?? null, progress: null, summary: null, error: null, cancelling: false });
      const result = uploadEventFile && file ? await uploadEventFile(file) : await api.invoke('activity:import');
      if (!result.ok) return set({ status: 'error', error: result.error, cancelling: false });
      // Null: the admin closed the desktop app's file dialog without choosing.
      if (result.value === null) return set({ status: 'idle', fileName: null, cancelling: false });
      set({ status: 'done', summary: result.value, fileName: result.value.fileName, cancelling: false });
    },

    async cancel() {
      if (get().status !== 'running') return;
      set({ cancelling: true });
      await api.invoke('activity:cancelImport');
    },

    dismiss() {
      if (get().status !== 'running') set({ status: 'idle', summary: null, error: null, progress: null, fileName: null });
    },
  };
});
