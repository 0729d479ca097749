import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { InvitationRole } from '@shared/schemas/members';
import type { TeamSummary } from '@shared/schemas/teams';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

interface TeamsState {
  teams: TeamSummary[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  load(): Promise<void>;
  create(name: string, role: InvitationRole): Promise<Result<TeamSummary>>;
}

/** The Teams screen: every team with its role, source, members and organizations. */
export const useTeamsStore = create<TeamsState>()((set, get) => ({
  teams: [],
  status: 'idle',
  error: null,

  async load() {
    if (get().status === 'idle') set({ status: 'loading' });
    const result = await api.invoke('teams:list');
    if (result.ok) set({ teams: result.value, status: 'ready', error: null });
    else set({ status: 'error', error: result.error });
  },

  async create(name, role) {
    const result = await api.invoke('teams:create', { name, role });
    if (result.ok) await get().load();
    return result;
  },
}));
