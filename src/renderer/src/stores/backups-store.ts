import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { BackupList, BackupResult, RestoreResult } from '@shared/schemas/backups';
import type { EnterpriseSettings } from '@shared/schemas/settings';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

interface BackupsState {
  list: BackupList | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  load(): Promise<void>;
  backUpNow(): Promise<Result<BackupResult>>;
  restore(id: string): Promise<Result<RestoreResult>>;
  restoreFromFile(): Promise<Result<RestoreResult | null>>;
  setKeep(keep: number): Promise<Result<EnterpriseSettings>>;
}

/** Settings → Backups: the backups folder's list, "Back up now", restores and how many to keep. */
export const useBackupsStore = create<BackupsState>()((set, get) => ({
  list: null,
  status: 'idle',
  error: null,

  async load() {
    if (get().status === 'idle') set({ status: 'loading' });
    const list = await api.invoke('backups:list');
    if (!list.ok) return set({ status: 'error', error: list.error });
    set({ list: list.value, status: 'ready', error: null });
  },

  async backUpNow() {
    const result = await api.invoke('backups:create');
    if (result.ok) void get().load();
    return result;
  },

  async restore(id) {
    const result = await api.invoke('backups:restore', { id });
    if (result.ok) void get().load();
    return result;
  },

  async restoreFromFile() {
    const result = await api.invoke('backups:restoreFile');
    if (result.ok) void get().load();
    return result;
  },

  async setKeep(keep) {
    const result = await api.invoke('settings:update', { backupKeep: keep });
    if (result.ok) void get().load();
    return result;
  },
}));
