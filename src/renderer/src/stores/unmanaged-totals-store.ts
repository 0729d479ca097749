import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import { api } from '../lib/api';

interface UnmanagedTotalsState {
  /** Accounts on every verified domain that hold no seat, each once however many domains it is on. */
  unmanaged: number;
  /** Of those, the new accounts domain capture found no free seat for. */
  waiting: number;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  load(): Promise<void>;
}

/**
 * How many accounts are unmanaged and waiting for a seat across all domains:
 * for the sidebar's badge, the Licenses banner and the Domains screen. Counted
 * by main over all domains at once, since adding up each domain's counts would
 * count an account on nested domains (acme.com and eu.acme.com) twice.
 */
export const useUnmanagedTotalsStore = create<UnmanagedTotalsState>()((set, get) => {
  let latest = 0;
  return {
    unmanaged: 0,
    waiting: 0,
    status: 'idle',
    error: null,

    async load() {
      const ticket = ++latest;
      if (get().status === 'idle') set({ status: 'loading' });
      // One row is the least a page can hold; only each total is wanted.
      const [unmanaged, waiting] = await Promise.all([
        api.invoke('domains:unmanaged', { limit: 1 }),
        api.invoke('domains:unmanaged', { waitingOnly: true, limit: 1 }),
      ]);
      if (ticket !== latest) return;
      if (!unmanaged.ok) return set({ status: 'error', error: unmanaged.error });
      if (!waiting.ok) return set({ status: 'error', error: waiting.error });
      set({ unmanaged: unmanaged.value.total, waiting: waiting.value.total, status: 'ready', error: null });
    },
  };
});
