import { create } from 'zustand';
import type { AdminRole } from '@shared/schemas/admins';

interface ServerRoleState {
  /** The role of the admin the desktop app is signed in as on a Roster server (app:info's server); null on a file. */
  role: AdminRole | null;
  setRole(role: AdminRole | null): void;
}

/** Kept from app:info by the window (App.tsx) before it paints, so the role rule (data/may-call.ts) reads it without the query layer. */
export const useServerRole = create<ServerRoleState>()((set) => ({
  role: null,
  setRole(role) {
    set({ role });
  },
}));
