import { create } from 'zustand';
import type { AppInfo } from '@shared/schemas/app';

export type OfflineCopy = NonNullable<AppInfo['copy']>;

interface OfflineCopyState {
  /** What the window's store is a copy of (app:info's copy); null on a live store. */
  copy: OfflineCopy | null;
  setCopy(copy: OfflineCopy | null): void;
}

/** Kept from app:info by the window (App.tsx) before it paints, so the change rule (data/may-call.ts) reads it without the query layer. */
export const useOfflineCopy = create<OfflineCopyState>()((set) => ({
  copy: null,
  setCopy(copy) {
    set({ copy });
  },
}));
