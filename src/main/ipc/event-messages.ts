import type { EventMessage, EventName, RosterApi } from '@shared/ipc/contract';

/**
 * The events a core announces, as one stream of messages for a transport that
 * sends them over HTTP (the server's /api/events, browser mode's): subscribes
 * to each of `names` and answers the unsubscribe.
 */
export function eventMessagesOf(core: Pick<RosterApi, 'on'>, names: readonly EventName[]) {
  return (listener: (message: EventMessage) => void): (() => void) => {
    const off = names.map((event) => core.on(event, (payload) => listener({ event, payload } as EventMessage)));
    return () => off.forEach((unsubscribe) => unsubscribe());
  };
}
