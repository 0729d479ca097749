import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { Organization, OrgSummary } from '@shared/schemas/orgs';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

interface OrgsState {
  orgs: OrgSummary[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  load(): Promise<void>;
  create(name: string): Promise<Result<Organization>>;
  rename(id: number, name: string): Promise<Result<Organization>>;
  remove(id: number): Promise<Result<{ id: number }>>;
}

export const useOrgsStore = create<OrgsState>()((set, get) => ({
  orgs: [],
  status: 'idle',
  error: null,

  async load() {
    if (get().status === 'idle') set({ status: 'loading' });
    const result = await api.invoke('orgs:list');
    if (result.ok) set({ orgs: result.value, status: 'ready', error: null });
    else set({ status: 'error', error: result.error });
  },

  // Each change shows at once from its own result; the change event that
  // follows reloads the list, which also brings in other processes' changes.
  async create(name) {
    const result = await api.invoke('orgs:create', { name });
    if (result.ok) set({ orgs: [...get().orgs, { ...result.value, memberCount: 0, ownerCount: 0 }] });
    return result;
  },

  async rename(id, name) {
    const result = await api.invoke('orgs:rename', { id, name });
    if (result.ok) set({ orgs: get().orgs.map((org) => (org.id === id ? { ...org, ...result.value } : org)) });
    return result;
  },

  async remove(id) {
    const result = await api.invoke('orgs:remove', { id });
    if (result.ok) set({ orgs: get().orgs.filter((org) => org.id !== id) });
    return result;
  },
}));
