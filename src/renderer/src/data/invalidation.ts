import type { QueryClient } from '@tanstack/react-query';
import { contract, isChannel, type ChangeArea, type Channel } from '@shared/ipc/contract';

/**
 * Whether a change to `areas` makes the answer of `channel` out of date, as the
 * contract's `reads` say: "*" on either side means every area (a restore
 * outdates even what is asked only on demand). An empty list (a command that
 * changed nothing) touches nothing.
 */
export function readsAny(channel: Channel, areas: readonly ChangeArea[]): boolean {
  if (areas.length === 0) return false;
  const reads: readonly ChangeArea[] = contract[channel].reads;
  if (areas.includes('*') || reads.includes('*')) return true;
  return reads.some((area) => areas.includes(area));
}

/** Whether a cached query (keyed [channel, input]) must be asked again after a change to `areas`. */
export function isOutdatedBy(queryKey: readonly unknown[], areas: readonly ChangeArea[]): boolean {
  const channel = queryKey[0];
  return typeof channel === 'string' && isChannel(channel) && readsAny(channel, areas);
}

/** Marks outdated, and asks again where a screen shows them, the cached answers a change to `areas` outdated. */
export function invalidateIn(client: QueryClient, areas: readonly ChangeArea[]): Promise<void> {
  return client.invalidateQueries({ predicate: (query) => isOutdatedBy(query.queryKey, areas) });
}
