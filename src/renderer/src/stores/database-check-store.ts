import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { DatabaseCheck } from '@shared/schemas/database';
import { api } from '../lib/api';

interface DatabaseCheckState {
  status: 'idle' | 'checking' | 'done' | 'error';
  last: DatabaseCheck | null;
  error: AppError | null;
  check(full: boolean): Promise<void>;
}

/** Settings → Database, "Check the database": SQLite's quick (or full) check and Roster's own. */
export const useDatabaseCheckStore = create<DatabaseCheckState>()((set) => ({
  status: 'idle',
  last: null,
  error: null,
  async check(full) {
    set({ status: 'checking', error: null });
    const result = await api.invoke('db:check', { full });
    if (!result.ok) return set({ status: 'error', error: result.error });
    set({ status: 'done', last: result.value });
  },
}));
