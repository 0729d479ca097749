import { create } from 'zustand';
import type { ConnectionStatus } from '@shared/schemas/connection';

interface ConnectionState {
  /** The server this window works on cannot be reached, since when; null while it can (and always on a file). */
  lost: ConnectionStatus | null;
  setStatus(status: ConnectionStatus): void;
}

/**
 * Whether the Roster server this window works on is reached (the `connection`
 * event of the remote core). While it is lost the window keeps what it shows,
 * says since when, and offers no change (data/may-call.ts).
 */
export const useConnection = create<ConnectionState>()((set) => ({
  lost: null,
  setStatus(status) {
    set({ lost: status.state === 'lost' ? status : null });
  },
}));
