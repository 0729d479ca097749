import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { ImportProgress, ImportSummary } from '@shared/schemas/activity';

export interface ImportState {
  status: 'idle' | 'running' | 'done' | 'error';
  /** The file being imported, once known (the desktop app learns it from the first progress). */
  fileName: string | null;
  progress: ImportProgress | null;
  summary: ImportSummary | null;
  error: AppError | null;
  cancelling: boolean;
  /** Browser mode: the menu or palette asked for an import; the Activity screen's file picker opens and clears it. */
  pickRequested: boolean;
  dismiss(): void;
}

/**
 * One event import at a time, as this window sees it: its progress (from
 * main's events), cancelling it, and how it went. lib/event-import.ts starts,
 * follows and cancels it.
 */
export const useImportStore = create<ImportState>()((set, get) => ({
  status: 'idle',
  fileName: null,
  progress: null,
  summary: null,
  error: null,
  cancelling: false,
  pickRequested: false,
  dismiss() {
    if (get().status !== 'running') set({ status: 'idle', summary: null, error: null, progress: null, fileName: null });
  },
}));
