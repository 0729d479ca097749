import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { Domain } from '@shared/schemas/domains';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

/** What a check that found the record gone switched off with the verification. */
export interface LostVerification {
  at: string;
  capture: boolean;
  lock: boolean;
}

interface DomainDetailState {
  domainId: number | null;
  domain: Domain | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  /** A DNS check is under way (it may wait for a slow server). */
  checking: boolean;
  /** Set when a check seen on this page found a verified domain's record gone. */
  lost: LostVerification | null;
  /** Since when the longest-waiting account on the domain waits for a seat; null when none waits, or not known. */
  waitingSince: string | null;
  load(domainId: number): Promise<void>;
  reload(): Promise<void>;
  verify(): Promise<Result<Domain>>;
  setCapture(on: boolean): Promise<Result<Domain>>;
  setLock(on: boolean): Promise<Result<Domain>>;
  setSubdomains(on: boolean): Promise<Result<Domain>>;
  setDefaultTeam(teamId: number | null): Promise<Result<Domain>>;
  remove(): Promise<Result<unknown>>;
}

/**
 * A verified domain that a newer check found unverified lost its record; the
 * service switched capture and lock off with it. Judged from the domain as
 * this page last showed it, whoever ran the check (this window, or another).
 */
function lostBetween(before: Domain | null, after: Domain, lost: LostVerification | null): LostVerification | null {
  if (after.verified) return null;
  if (before?.id === after.id && before.verified && after.lastCheck && after.lastCheck.at !== before.lastCheck?.at) {
    return { at: after.lastCheck.at, capture: before.capture, lock: before.lock };
  }
  return before?.id === after.id ? lost : null;
}

/** The most a page of unmanaged accounts holds: past it, the oldest wait is not worked out. */
const WAITING_PAGE = 500;

/** One domain's page: the domain, its last DNS check and its switches. */
export const useDomainDetailStore = create<DomainDetailState>()((set, get) => {
  let latest = 0;
  let latestWaiting = 0;

  /** Finds since when the domain's longest-waiting account waits, for the banner that says someone does. */
  async function findWaitingSince(domain: Domain) {
    const ticket = ++latestWaiting;
    if (domain.waitingCount === 0) return set({ waitingSince: null });
    const result = await api.invoke('domains:unmanaged', { domainId: domain.id, waitingOnly: true, limit: WAITING_PAGE });
    if (ticket !== latestWaiting || get().domainId !== domain.id) return;
    const complete = result.ok && result.value.total <= result.value.rows.length;
    const since = complete ? result.value.rows.map((row) => row.waitingSince).filter((at) => at !== null) : [];
    // ISO timestamps in UTC sort as text.
    set({ waitingSince: since.length > 0 ? since.reduce((oldest, at) => (at < oldest ? at : oldest)) : null });
  }

  /** Shows a domain the service returned, noting a lost verification. */
  function show(domain: Domain) {
    set({ domain, lost: lostBetween(get().domain, domain, get().lost), status: 'ready', error: null });
    void findWaitingSince(domain);
  }

  async function change(call: (id: number) => Promise<Result<Domain>>): Promise<Result<Domain>> {
    const id = get().domainId!;
    const result = await call(id);
    if (result.ok && get().domainId === id) {
      latest += 1; // an older reload must not overwrite this newer answer
      show(result.value);
    }
    return result;
  }

  return {
    domainId: null,
    domain: null,
    status: 'idle',
    error: null,
    checking: false,
    lost: null,
    waitingSince: null,

    async load(domainId) {
      if (get().domainId !== domainId) set({ domainId, domain: null, status: 'loading', error: null, checking: false, lost: null, waitingSince: null });
      const ticket = ++latest;
      const result = await api.invoke('domains:get', { id: domainId });
      if (ticket !== latest) return;
      if (result.ok) show(result.value);
      else set({ status: 'error', error: result.error });
    },

    async reload() {
      const domainId = get().domainId;
      if (domainId !== null) await get().load(domainId);
    },

    async verify() {
      set({ checking: true });
      const result = await change((id) => api.invoke('domains:verify', { id }));
      set({ checking: false });
      return result;
    },

    setCapture: (on) => change((id) => api.invoke('domains:setCapture', { id, on })),
    setLock: (on) => change((id) => api.invoke('domains:setLock', { id, on })),
    setSubdomains: (on) => change((id) => api.invoke('domains:setSubdomains', { id, on })),
    setDefaultTeam: (teamId) => change((id) => api.invoke('domains:setDefaultTeam', { id, teamId })),
    remove: () => api.invoke('domains:remove', { id: get().domainId! }),
  };
});
