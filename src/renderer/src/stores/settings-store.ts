import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { SeatUsage } from '@shared/schemas/members';
import type { EnterpriseSettings, InviteControl, ReportRule } from '@shared/schemas/settings';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

interface SettingsState {
  settings: EnterpriseSettings | null;
  usage: SeatUsage | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  load(): Promise<void>;
  setSeats(seats: number): Promise<Result<SeatUsage>>;
  setInvitationExpiry(days: number): Promise<Result<EnterpriseSettings>>;
  setDnsServers(servers: string[]): Promise<Result<EnterpriseSettings>>;
  setInviteControl(control: InviteControl): Promise<Result<EnterpriseSettings>>;
  setReportRule(rule: ReportRule): Promise<Result<EnterpriseSettings>>;
}

/** The enterprise's settings and seat count, as the Settings screen edits them. */
export const useSettingsStore = create<SettingsState>()((set, get) => ({
  settings: null,
  usage: null,
  status: 'idle',
  error: null,

  async load() {
    if (get().status === 'idle') set({ status: 'loading' });
    const [settings, usage] = await Promise.all([api.invoke('settings:get'), api.invoke('seats:usage')]);
    if (!settings.ok) return set({ status: 'error', error: settings.error });
    if (!usage.ok) return set({ status: 'error', error: usage.error });
    set({ settings: settings.value, usage: usage.value, status: 'ready', error: null });
  },

  async setSeats(seats) {
    const result = await api.invoke('seats:set', { seats });
    if (result.ok) set({ usage: result.value });
    return result;
  },

  async setInvitationExpiry(days) {
    const result = await api.invoke('settings:update', { invitationExpiryDays: days });
    if (result.ok) set({ settings: result.value });
    return result;
  },

  async setDnsServers(servers) {
    const result = await api.invoke('settings:update', { dnsServers: servers });
    if (result.ok) set({ settings: result.value });
    return result;
  },

  async setInviteControl(control) {
    const result = await api.invoke('settings:update', { inviteControl: control });
    if (result.ok) set({ settings: result.value });
    return result;
  },

  async setReportRule(rule) {
    const result = await api.invoke('settings:update', { reportRule: rule });
    if (result.ok) set({ settings: result.value });
    return result;
  },
}));
