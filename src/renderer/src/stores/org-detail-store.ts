import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { OrgRole } from '@shared/schemas/members';
import type { OrgMemberPage } from '@shared/schemas/org-members';
import type { OrgSummary } from '@shared/schemas/orgs';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

const PAGE_SIZE = 100;

interface OrgDetailState {
  orgId: number | null;
  org: OrgSummary | null;
  /** One page of direct members, owners first, as the search asks. */
  page: OrgMemberPage;
  search: string;
  pageIndex: number;
  pageSize: number;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  load(orgId: number): Promise<void>;
  reload(): Promise<void>;
  setSearch(search: string): void;
  setPage(pageIndex: number): void;
  addMembers(accountIds: number[], role: OrgRole): Promise<Result<{ added: number; alreadyMembers: number }>>;
  setRole(accountId: number, role: OrgRole): Promise<Result<unknown>>;
  removeMember(accountId: number): Promise<Result<unknown>>;
}

/** One organization's page: the organization and its direct members. */
export const useOrgDetailStore = create<OrgDetailState>()((set, get) => {
  let latest = 0;

  async function change<T>(call: (orgId: number) => Promise<Result<T>>): Promise<Result<T>> {
    const result = await call(get().orgId!);
    if (result.ok) await get().reload();
    return result;
  }

  return {
    orgId: null,
    org: null,
    page: { rows: [], total: 0 },
    search: '',
    pageIndex: 0,
    pageSize: PAGE_SIZE,
    status: 'idle',
    error: null,

    async load(orgId) {
      if (get().orgId !== orgId) {
        set({ orgId, org: null, page: { rows: [], total: 0 }, search: '', pageIndex: 0, status: 'loading', error: null });
      }
      const ticket = ++latest;
      const { search, pageIndex, pageSize } = get();
      const [org, page] = await Promise.all([
        api.invoke('orgs:get', { id: orgId }),
        api.invoke('orgs:members', { orgId, search, offset: pageIndex * pageSize, limit: pageSize }),
      ]);
      if (ticket !== latest) return;
      if (!org.ok) return set({ status: 'error', error: org.error });
      if (!page.ok) return set({ status: 'error', error: page.error });
      // Past the last page (people were removed): show the last one there is.
      const lastPage = Math.max(0, Math.ceil(page.value.total / pageSize) - 1);
      if (pageIndex > lastPage) return get().setPage(lastPage);
      set({ org: org.value, page: page.value, status: 'ready', error: null });
    },

    async reload() {
      const orgId = get().orgId;
      if (orgId !== null) await get().load(orgId);
    },

    setSearch(search) {
      set({ search, pageIndex: 0 });
      void get().reload();
    },

    setPage(pageIndex) {
      set({ pageIndex });
      void get().reload();
    },

    addMembers: (accountIds, role) => change((orgId) => api.invoke('orgs:addMembers', { orgId, accountIds, role })),
    setRole: (accountId, role) => change((orgId) => api.invoke('orgs:setMemberRole', { orgId, accountId, role })),
    removeMember: (accountId) => change((orgId) => api.invoke('orgs:removeMember', { orgId, accountId })),
  };
});
