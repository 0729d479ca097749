import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { Domain } from '@shared/schemas/domains';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

interface DomainsState {
  domains: Domain[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  load(): Promise<void>;
  add(domain: string): Promise<Result<Domain>>;
}

/** The Domains screen: every domain with its verification, switches and unmanaged accounts. */
export const useDomainsStore = create<DomainsState>()((set, get) => {
  let latest = 0;
  return {
    domains: [],
    status: 'idle',
    error: null,

    async load() {
      const ticket = ++latest;
      if (get().status === 'idle') set({ status: 'loading' });
      const result = await api.invoke('domains:list');
      if (ticket !== latest) return;
      if (result.ok) set({ domains: result.value, status: 'ready', error: null });
      else set({ status: 'error', error: result.error });
    },

    async add(domain) {
      const result = await api.invoke('domains:add', { domain });
      if (result.ok) await get().load();
      return result;
    },
  };
});
