import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { SeatListStatus, SeatPage, SeatRow, SeatSortColumn } from '@shared/schemas/licenses';
import type { SeatSource, SeatUsage } from '@shared/schemas/members';
import type { ChannelInput } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

export interface SeatQuery {
  search: string;
  status: SeatListStatus;
  source: SeatSource | 'all';
  sort: { by: SeatSortColumn; desc: boolean };
  pageIndex: number;
  pageSize: number;
}

/** A chosen seat: a member's (by account) or an invitation's. */
export interface SeatRef {
  kind: 'member' | 'invitation';
  id: number;
}

const refOf = (row: SeatRow): SeatRef =>
  row.kind === 'member' ? { kind: 'member', id: row.accountId! } : { kind: 'invitation', id: row.invitationId! };

interface LicensesState {
  usage: SeatUsage | null;
  page: SeatPage;
  query: SeatQuery;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  /** Chosen seats by row id; kept across pages and filters until released or cleared. */
  selected: Map<string, SeatRef>;
  load(): Promise<void>;
  setQuery(change: Partial<SeatQuery>): void;
  toggle(row: SeatRow): void;
  setPageSelected(selected: boolean): void;
  selectAllMatching(): Promise<Result<number>>;
  clearSelection(): void;
  release(): Promise<Result<{ members: number; invitations: number; alreadyFree: number }>>;
  addMember(input: ChannelInput<'members:add'>): Promise<Result<unknown>>;
  removeMember(accountId: number): Promise<Result<unknown>>;
  invite(input: ChannelInput<'invitations:create'>): Promise<Result<unknown>>;
  resend(invitationId: number): Promise<Result<unknown>>;
  revoke(invitationId: number): Promise<Result<unknown>>;
  accept(invitationId: number): Promise<Result<unknown>>;
}

const FIRST_QUERY: SeatQuery = { search: '', status: 'seats', source: 'all', sort: { by: 'name', desc: false }, pageIndex: 0, pageSize: 50 };

function filterInput(query: SeatQuery): ChannelInput<'seats:ids'> & object {
  return { search: query.search, status: query.status, sources: query.source === 'all' ? [] : [query.source] };
}

function listInput(query: SeatQuery): ChannelInput<'seats:list'> {
  return {
    filter: filterInput(query),
    sort: query.sort,
    offset: query.pageIndex * query.pageSize,
    limit: query.pageSize,
  };
}

/** The Licenses screen: the seat summary, one page of seats as the query asks, and the selection. */
export const useLicensesStore = create<LicensesState>()((set, get) => {
  // A reply to an older query must not overwrite a newer one's.
  let latest = 0;
  // An invitation frees its seat when it expires, with no change to announce: reload then.
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  function scheduleExpiryReload(nextExpiry: string | null) {
    clearTimeout(expiryTimer);
    if (!nextExpiry) return;
    const wait = Math.min(Date.parse(nextExpiry) - Date.now() + 500, 2 ** 31 - 1);
    expiryTimer = setTimeout(() => void get().load(), Math.max(wait, 1000));
  }

  /** Runs a change, then reloads what it affects. */
  async function change<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
    const result = await call();
    if (result.ok) await get().load();
    return result;
  }

  return {
    usage: null,
    page: { rows: [], total: 0 },
    query: FIRST_QUERY,
    status: 'idle',
    error: null,
    selected: new Map(),

    async load() {
      const ticket = ++latest;
      if (get().status === 'idle') set({ status: 'loading' });
      const [usage, page] = await Promise.all([api.invoke('seats:usage'), api.invoke('seats:list', listInput(get().query))]);
      if (ticket !== latest) return;
      if (!usage.ok) return set({ status: 'error', error: usage.error });
      if (!page.ok) return set({ status: 'error', error: page.error });
      // Past the last page (seats were released): show the last one there is.
      const lastPage = Math.max(0, Math.ceil(page.value.total / get().query.pageSize) - 1);
      if (get().query.pageIndex > lastPage) return get().setQuery({ pageIndex: lastPage });
      set({ usage: usage.value, page: page.value, status: 'ready', error: null });
      scheduleExpiryReload(usage.value.nextExpiry);
    },

    setQuery(change) {
      const query = { ...get().query, ...change };
      // A new filter or sort starts again from its first page; a new filter
      // also drops the selection, so nothing unseen is ever released.
      if (!('pageIndex' in change)) query.pageIndex = 0;
      const filtered = 'search' in change || 'status' in change || 'source' in change;
      set({ query, ...(filtered ? { selected: new Map() } : {}) });
      void get().load();
    },

    toggle(row) {
      const selected = new Map(get().selected);
      if (selected.has(row.id)) selected.delete(row.id);
      else selected.set(row.id, refOf(row));
      set({ selected });
    },

    setPageSelected(on) {
      const selected = new Map(get().selected);
      for (const row of get().page.rows) {
        if (row.status === 'expired') continue;
        if (on) selected.set(row.id, refOf(row));
        else selected.delete(row.id);
      }
      set({ selected });
    },

    async selectAllMatching() {
      const query = get().query;
      const ids = await api.invoke('seats:ids', filterInput(query));
      if (!ids.ok) return ids;
      const selected = new Map(get().selected);
      for (const id of ids.value.accountIds) selected.set(`member:${id}`, { kind: 'member', id });
      if (query.status !== 'expired') for (const id of ids.value.invitationIds) selected.set(`invitation:${id}`, { kind: 'invitation', id });
      set({ selected });
      return { ok: true, value: selected.size };
    },

    clearSelection() {
      set({ selected: new Map() });
    },

    async release() {
      const refs = [...get().selected.values()];
      const result = await change(() =>
        api.invoke('seats:release', {
          accountIds: refs.filter((ref) => ref.kind === 'member').map((ref) => ref.id),
          invitationIds: refs.filter((ref) => ref.kind === 'invitation').map((ref) => ref.id),
        }),
      );
      if (result.ok) set({ selected: new Map() });
      return result;
    },

    addMember: (input) => change(() => api.invoke('members:add', input)),
    async removeMember(accountId) {
      const result = await change(() => api.invoke('members:remove', { accountId }));
      if (result.ok) {
        const selected = new Map(get().selected);
        selected.delete(`member:${accountId}`);
        set({ selected });
      }
      return result;
    },
    invite: (input) => change(() => api.invoke('invitations:create', input)),
    resend: (id) => change(() => api.invoke('invitations:resend', { id })),
    revoke: (id) => change(() => api.invoke('invitations:revoke', { id })),
    accept: (id) => change(() => api.invoke('invitations:accept', { id })),
  };
});
