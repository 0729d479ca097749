import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { InvitationRole } from '@shared/schemas/members';
import type { TeamMemberPage, TeamSummary } from '@shared/schemas/teams';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

const PAGE_SIZE = 100;

interface TeamDetailState {
  teamId: number | null;
  team: TeamSummary | null;
  page: TeamMemberPage;
  /** People the identity provider put in the team who hold no seat (SCIM teams only). */
  withoutSeat: TeamMemberPage;
  search: string;
  pageIndex: number;
  pageSize: number;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  load(teamId: number): Promise<void>;
  reload(): Promise<void>;
  setSearch(search: string): void;
  setPage(pageIndex: number): void;
  rename(name: string): Promise<Result<TeamSummary>>;
  setRole(role: InvitationRole): Promise<Result<TeamSummary>>;
  remove(): Promise<Result<unknown>>;
  addMembers(accountIds: number[]): Promise<Result<{ added: number; alreadyMembers: number }>>;
  removeMember(accountId: number): Promise<Result<unknown>>;
  link(target: { orgIds: number[] } | { allOrgs: true }): Promise<Result<TeamSummary>>;
  unlink(target: { orgIds: number[] } | { allOrgs: true }): Promise<Result<TeamSummary>>;
}

/** One team's page: the team, its organizations, and a page of its members. */
export const useTeamDetailStore = create<TeamDetailState>()((set, get) => {
  let latest = 0;

  async function change<T>(call: (teamId: number) => Promise<Result<T>>): Promise<Result<T>> {
    const result = await call(get().teamId!);
    if (result.ok) await get().reload();
    return result;
  }

  return {
    teamId: null,
    team: null,
    page: { rows: [], total: 0 },
    withoutSeat: { rows: [], total: 0 },
    search: '',
    pageIndex: 0,
    pageSize: PAGE_SIZE,
    status: 'idle',
    error: null,

    async load(teamId) {
      if (get().teamId !== teamId) {
        set({ teamId, team: null, page: { rows: [], total: 0 }, withoutSeat: { rows: [], total: 0 }, search: '', pageIndex: 0, status: 'loading', error: null });
      }
      const ticket = ++latest;
      const { search, pageIndex, pageSize } = get();
      const [team, page, withoutSeat] = await Promise.all([
        api.invoke('teams:get', { id: teamId }),
        api.invoke('teams:members', { teamId, search, offset: pageIndex * pageSize, limit: pageSize }),
        api.invoke('teams:withoutSeat', { teamId }),
      ]);
      if (ticket !== latest) return;
      if (!team.ok) return set({ status: 'error', error: team.error });
      if (!page.ok) return set({ status: 'error', error: page.error });
      if (!withoutSeat.ok) return set({ status: 'error', error: withoutSeat.error });
      // Past the last page (people were removed): show the last one there is.
      const lastPage = Math.max(0, Math.ceil(page.value.total / pageSize) - 1);
      if (pageIndex > lastPage) return get().setPage(lastPage);
      set({ team: team.value, page: page.value, withoutSeat: withoutSeat.value, status: 'ready', error: null });
    },

    async reload() {
      const teamId = get().teamId;
      if (teamId !== null) await get().load(teamId);
    },

    setSearch(search) {
      set({ search, pageIndex: 0 });
      void get().reload();
    },

    setPage(pageIndex) {
      set({ pageIndex });
      void get().reload();
    },

    rename: (name) => change((id) => api.invoke('teams:rename', { id, name })),
    setRole: (role) => change((id) => api.invoke('teams:setRole', { id, role })),
    remove: () => api.invoke('teams:remove', { id: get().teamId! }),
    addMembers: (accountIds) => change((teamId) => api.invoke('teams:addMembers', { teamId, accountIds })),
    removeMember: (accountId) => change((teamId) => api.invoke('teams:removeMembers', { teamId, accountIds: [accountId] })),
    link: (target) => change((teamId) => api.invoke('teams:link', { teamId, ...target })),
    unlink: (target) => change((teamId) => api.invoke('teams:unlink', { teamId, ...target })),
  };
});
