import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { MemberAccess, OrgAccessPage } from '@shared/schemas/access';
import { api } from '../lib/api';

interface AccessState {
  /** The member whose Access view is open. */
  member: MemberAccess | null;
  memberStatus: 'idle' | 'loading' | 'ready' | 'error';
  /** Everyone who reaches the organization whose page is open, a page at a time. */
  org: { orgId: number; page: OrgAccessPage; search: string; pageIndex: number } | null;
  error: AppError | null;
  loadMember(accountId: number): Promise<void>;
  loadOrg(orgId: number, search?: string, pageIndex?: number): Promise<void>;
  reload(): Promise<void>;
}

const ORG_PAGE_SIZE = 100;

/** Access: what a member can reach and why, and who can reach an organization and how. */
export const useAccessStore = create<AccessState>()((set, get) => ({
  member: null,
  memberStatus: 'idle',
  org: null,
  error: null,

  async loadMember(accountId) {
    if (get().member?.member.accountId !== accountId) set({ member: null, memberStatus: 'loading' });
    const result = await api.invoke('access:member', { accountId });
    if (result.ok) set({ member: result.value, memberStatus: 'ready', error: null });
    else set({ memberStatus: 'error', error: result.error });
  },

  async loadOrg(orgId, search = get().org?.orgId === orgId ? get().org!.search : '', pageIndex = 0) {
    const result = await api.invoke('access:org', { orgId, search, offset: pageIndex * ORG_PAGE_SIZE, limit: ORG_PAGE_SIZE });
    if (!result.ok) return set({ error: result.error });
    const lastPage = Math.max(0, Math.ceil(result.value.total / ORG_PAGE_SIZE) - 1);
    if (pageIndex > lastPage) return get().loadOrg(orgId, search, lastPage);
    set({ org: { orgId, page: result.value, search, pageIndex }, error: null });
  },

  async reload() {
    const { member, org } = get();
    await Promise.all([
      member ? get().loadMember(member.member.accountId) : null,
      org ? get().loadOrg(org.orgId, org.search, org.pageIndex) : null,
    ]);
  },
}));

export const ACCESS_PAGE_SIZE = ORG_PAGE_SIZE;
