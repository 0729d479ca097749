import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { MemberAccess, OrgAccessPage } from '@shared/schemas/access';
import { api } from '../lib/api';

type Status = 'idle' | 'loading' | 'ready' | 'error';

interface OrgQuery {
  orgId: number;
  search: string;
  pageIndex: number;
}

interface AccessState {
  /** The member whose Access view is open. */
  member: MemberAccess | null;
  memberStatus: Status;
  memberError: AppError | null;
  /** Everyone who reaches the organization whose page is open, a page at a time. */
  org: (OrgQuery & { page: OrgAccessPage }) | null;
  orgStatus: Status;
  orgError: AppError | null;
  loadMember(accountId: number): Promise<void>;
  loadOrg(orgId: number, search?: string, pageIndex?: number): Promise<void>;
  /** After a change: asks again for what is open, and for nothing once it is closed. */
  reload(): Promise<void>;
  /** The screen closed: forget it, and drop any answer still on its way. */
  clearMember(): void;
  clearOrg(): void;
}

const ORG_PAGE_SIZE = 100;

/**
 * Access: what a member can reach and why, and who can reach an organization
 * and how. Each side keeps a ticket per request, so an answer that arrives
 * after a newer request (or after its screen closed) is dropped.
 */
export const useAccessStore = create<AccessState>()((set, get) => {
  let memberTicket = 0;
  let memberId: number | null = null;
  let orgTicket = 0;
  let orgQuery: OrgQuery | null = null;

  return {
    member: null,
    memberStatus: 'idle',
    memberError: null,
    org: null,
    orgStatus: 'idle',
    orgError: null,

    async loadMember(accountId) {
      const ticket = ++memberTicket;
      memberId = accountId;
      if (get().member?.member.accountId !== accountId) set({ member: null });
      set({ memberStatus: 'loading' });
      const result = await api.invoke('access:member', { accountId });
      if (ticket !== memberTicket) return;
      if (result.ok) set({ member: result.value, memberStatus: 'ready', memberError: null });
      else set({ memberStatus: 'error', memberError: result.error });
    },

    async loadOrg(orgId, search = get().org?.orgId === orgId ? get().org!.search : '', pageIndex = 0) {
      const ticket = ++orgTicket;
      orgQuery = { orgId, search, pageIndex };
      // Another organization's people are never shown under this one's name while it loads.
      if (get().org?.orgId !== orgId) set({ org: null });
      set({ orgStatus: 'loading' });
      const result = await api.invoke('access:org', { orgId, search, offset: pageIndex * ORG_PAGE_SIZE, limit: ORG_PAGE_SIZE });
      if (ticket !== orgTicket) return;
      if (!result.ok) return set({ orgStatus: 'error', orgError: result.error });
      // Past the last page (people lost access meanwhile): show the last one there is.
      const lastPage = Math.max(0, Math.ceil(result.value.total / ORG_PAGE_SIZE) - 1);
      if (pageIndex > lastPage) return get().loadOrg(orgId, search, lastPage);
      set({ org: { orgId, search, pageIndex, page: result.value }, orgStatus: 'ready', orgError: null });
    },

    async reload() {
      await Promise.all([
        memberId !== null ? get().loadMember(memberId) : null,
        orgQuery ? get().loadOrg(orgQuery.orgId, orgQuery.search, orgQuery.pageIndex) : null,
      ]);
    },

    clearMember() {
      memberTicket += 1;
      memberId = null;
      set({ member: null, memberStatus: 'idle', memberError: null });
    },

    clearOrg() {
      orgTicket += 1;
      orgQuery = null;
      set({ org: null, orgStatus: 'idle', orgError: null });
    },
  };
});

export const ACCESS_PAGE_SIZE = ORG_PAGE_SIZE;
