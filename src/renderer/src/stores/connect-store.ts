import { create } from 'zustand';

interface ConnectState {
  open: boolean;
  /** The address to start from (a recent server to sign in to again); empty for a new one. */
  address: string;
  /** Why the dialog opened on its own: a recent server's sign-in that ended. */
  reason: string | null;
  show(options?: { address?: string; reason?: string }): void;
  hide(): void;
}

/** File → Connect to a Server… and the first-run screen's choice: the dialog open or not, and what it starts with. */
export const useConnectStore = create<ConnectState>()((set) => ({
  open: false,
  address: '',
  reason: null,
  show(options = {}) {
    set({ open: true, address: options.address ?? '', reason: options.reason ?? null });
  },
  hide() {
    set({ open: false, address: '', reason: null });
  },
}));
