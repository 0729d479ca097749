import { create } from 'zustand';
import type { RecentDatabase } from '@shared/schemas/app';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

interface RecentDatabasesState {
  recent: RecentDatabase[];
  load(): Promise<void>;
  /** Opens one (the desktop app restarts on it); a missing file is refused and taken off the list. */
  open(path: string): Promise<Result<{ databasePath: string } | null>>;
}

/** Settings → Recent databases, as File → Open Recent lists them. */
export const useRecentDatabasesStore = create<RecentDatabasesState>()((set, get) => ({
  recent: [],
  async load() {
    const result = await api.invoke('app:recentDatabases');
    if (result.ok) set({ recent: result.value });
  },
  async open(path) {
    const result = await api.invoke('app:openRecent', { path });
    if (!result.ok) void get().load();
    return result;
  },
}));
