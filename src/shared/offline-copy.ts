import { contract, type Channel } from './ipc/contract';

/**
 * Whether a channel changes the store: what an offline copy refuses (dispatch,
 * READ_ONLY) and what a window on a copy offers no control for
 * (data/may-call.ts). Local commands (a file dialog, switching to another
 * store, connecting to a server) and commands that change nothing (exports,
 * cancelling a job) stay.
 */
export function changesStore(channel: Channel): boolean {
  const spec = contract[channel];
  return spec.kind === 'command' && spec.access !== 'local' && spec.changes.length > 0;
}
