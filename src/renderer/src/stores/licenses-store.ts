import { create } from 'zustand';
import type { SeatListStatus, SeatRow, SeatSortColumn } from '@shared/schemas/licenses';
import type { SeatSource } from '@shared/schemas/members';
import type { ChannelInput, ChannelOutput } from '@shared/ipc/contract';

export interface SeatQuery {
  search: string;
  status: SeatListStatus;
  source: SeatSource | 'all';
  /** Members of this team only; null: any. */
  teamId: number | null;
  /** Members with access to this organization only (directly or through a team); null: any. */
  orgId: number | null;
  /** Members idle over this many days, by the activity report's rule; null: any. */
  inactiveDays: number | null;
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
  query: SeatQuery;
  /** Chosen seats by row id; kept across pages and filters until released or cleared. */
  selected: Map<string, SeatRef>;
  setQuery(change: Partial<SeatQuery>): void;
  toggle(row: SeatRow): void;
  setPageSelected(rows: SeatRow[], selected: boolean): void;
  /** Adds every seat the filter matches (as main listed them): returns how many are chosen. */
  selectMatching(ids: ChannelOutput<'seats:ids'>): number;
  unselect(id: string): void;
  clearSelection(): void;
}

const FIRST_QUERY: SeatQuery = {
  search: '',
  status: 'seats',
  source: 'all',
  teamId: null,
  orgId: null,
  inactiveDays: null,
  sort: { by: 'name', desc: false },
  pageIndex: 0,
  pageSize: 50,
};

export function filterInput(query: SeatQuery): ChannelInput<'seats:ids'> & object {
  return {
    search: query.search,
    status: query.status,
    sources: query.source === 'all' ? [] : [query.source],
    ...(query.teamId === null ? {} : { teamId: query.teamId }),
    ...(query.orgId === null ? {} : { orgId: query.orgId }),
    ...(query.inactiveDays === null ? {} : { inactiveDays: query.inactiveDays }),
  };
}

/** Whether the change narrows or widens the rows (so the selection goes), not only their order or page. */
const FILTER_KEYS: readonly (keyof SeatQuery)[] = ['search', 'status', 'source', 'teamId', 'orgId', 'inactiveDays'];

export function listInput(query: SeatQuery): ChannelInput<'seats:list'> {
  return { filter: filterInput(query), sort: query.sort, offset: query.pageIndex * query.pageSize, limit: query.pageSize };
}

/** The Licenses screen's own state: the query it shows and the seats chosen; the seats themselves come from the query cache. */
export const useLicensesStore = create<LicensesState>()((set, get) => ({
  query: FIRST_QUERY,
  selected: new Map(),

  setQuery(change) {
    const query = { ...get().query, ...change };
    // A new filter or sort starts again from its first page; a new filter
    // also drops the selection, so nothing unseen is ever released.
    if (!('pageIndex' in change)) query.pageIndex = 0;
    const filtered = FILTER_KEYS.some((key) => key in change);
    set({ query, ...(filtered ? { selected: new Map() } : {}) });
  },

  toggle(row) {
    const selected = new Map(get().selected);
    if (selected.has(row.id)) selected.delete(row.id);
    else selected.set(row.id, refOf(row));
    set({ selected });
  },

  setPageSelected(rows, on) {
    const selected = new Map(get().selected);
    for (const row of rows) {
      if (row.status === 'expired') continue;
      if (on) selected.set(row.id, refOf(row));
      else selected.delete(row.id);
    }
    set({ selected });
  },

  selectMatching(ids) {
    const selected = new Map(get().selected);
    for (const id of ids.accountIds) selected.set(`member:${id}`, { kind: 'member', id });
    if (get().query.status !== 'expired') for (const id of ids.invitationIds) selected.set(`invitation:${id}`, { kind: 'invitation', id });
    set({ selected });
    return selected.size;
  },

  unselect(id) {
    const selected = new Map(get().selected);
    selected.delete(id);
    set({ selected });
  },

  clearSelection() {
    set({ selected: new Map() });
  },
}));
