import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { AppInfo } from '@shared/schemas/app';
import type { Enterprise } from '@shared/schemas/enterprise';
import type { ChannelInput } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

type Phase = 'loading' | 'ready' | 'error';

interface AppState {
  phase: Phase;
  info: AppInfo | null;
  /** Null until the first-run screen (or `roster init`) sets one up. */
  enterprise: Enterprise | null;
  error: AppError | null;
  load(): Promise<void>;
  createEnterprise(input: ChannelInput<'enterprise:create'>): Promise<Result<Enterprise>>;
  createDemo(): Promise<Result<Enterprise>>;
  /** Electron only: main shows a file dialog, then restarts the app on the file chosen (null: cancelled). */
  chooseDatabase(intent: 'open' | 'create'): Promise<Result<{ databasePath: string } | null>>;
}

export const useAppStore = create<AppState>()((set) => ({
  phase: 'loading',
  info: null,
  enterprise: null,
  error: null,

  async load() {
    const [info, enterprise] = await Promise.all([api.invoke('app:info'), api.invoke('enterprise:get')]);
    if (!info.ok) return set({ phase: 'error', error: info.error });
    if (!enterprise.ok) return set({ phase: 'error', error: enterprise.error });
    set({ phase: 'ready', info: info.value, enterprise: enterprise.value, error: null });
  },

  async createEnterprise(input) {
    const result = await api.invoke('enterprise:create', input);
    if (result.ok) set({ enterprise: result.value });
    return result;
  },

  async createDemo() {
    const result = await api.invoke('enterprise:createDemo', {});
    if (result.ok) set({ enterprise: result.value });
    return result;
  },

  chooseDatabase(intent) {
    return api.invoke('app:chooseDatabase', { intent });
  },
}));
