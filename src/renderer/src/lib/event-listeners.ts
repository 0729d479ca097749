import type { EventMessage, EventName, RosterApi } from '@shared/ipc/contract';

/**
 * The listeners of an HTTP transport's events (browser mode, the server's
 * console): `on` as RosterApi has it, which also asks the transport to open
 * its event stream (`connect`, called on every subscription), and `emit` for
 * what the stream brings.
 */
export function createEventListeners(connect: () => void) {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const on: RosterApi['on'] = (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    listeners.set(event, set);
    connect();
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  };
  return {
    on,
    emit: ({ event, payload }: EventMessage) => listeners.get(event)?.forEach((listener) => listener(payload as never)),
    /** Whether anyone listens (no stream is opened for no one). */
    any: () => [...listeners.values()].some((set) => set.size > 0),
  };
}
