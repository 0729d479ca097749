import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { MemberSearchResult } from '@shared/schemas/members';
import { api } from '../lib/api';

export const MEMBER_SEARCH_LIMIT = 50;

interface MemberSearchState {
  results: MemberSearchResult[];
  /** The search the results answer. */
  text: string;
  error: AppError | null;
  search(text: string, place: { orgId: number } | { teamId: number }): Promise<void>;
}

/** Finding members by name or email, for the pickers that add them to organizations and teams. */
export const useMemberSearchStore = create<MemberSearchState>()((set) => {
  let latest = 0;
  return {
    results: [],
    text: '',
    error: null,
    async search(text, place) {
      const ticket = ++latest;
      const result = await api.invoke('members:search', { text, limit: MEMBER_SEARCH_LIMIT, ...place });
      if (ticket !== latest) return;
      if (result.ok) set({ results: result.value, text, error: null });
      else set({ error: result.error });
    },
  };
});
