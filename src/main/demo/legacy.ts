import type { Actor } from '@shared/schemas/audit';
import type { Result } from '@shared/result';
import { DAY_MS } from '@shared/time';
import type { Services } from '../services';
import type { Random } from './random';

const MINUTE_MS = 60_000;

/** About 1 in 40 members are legacy, at least one in a demo of ten or more. */
export function demoLegacyCount(members: number): number {
  return Math.max(members >= 10 ? 1 : 0, Math.round(members * 0.025));
}

/** Which members (by their place in the demo's order of joining) are legacy: spread evenly over the history. */
export function demoLegacyIndexes(members: number): Set<number> {
  const count = demoLegacyCount(members);
  return new Set(Array.from({ length: count }, (_, index) => Math.floor(((index + 0.5) * members) / count)));
}

/**
 * Legacy members had an account before activity began to be tracked (and
 * before the enterprise), last logged in then, and never opened the client
 * since: the report shows that login's date. They are made here, before the
 * company's domain captures new accounts, and given a seat later like anyone.
 */
export function addLegacyAccounts(
  { services, random, setClock, unwrap, actor }: { services: Services; random: Random; setClock: (at: Date) => void; unwrap: <T>(result: Result<T>) => T; actor: Actor },
  people: { name: string; email: string }[],
  start: number,
  trackingSince: string,
): void {
  const before = Math.min(start, Date.parse(`${trackingSince}T00:00:00Z`));
  for (const person of people) {
    const created = before - random.int(30, 300) * DAY_MS - random.int(0, 600) * MINUTE_MS;
    setClock(new Date(created));
    unwrap(services.members.recordSignup(person.email, person.name, actor));
    const loggedIn = new Date(random.int(created + DAY_MS, before - 5 * DAY_MS));
    setClock(loggedIn);
    unwrap(services.members.recordLogin(person.email, loggedIn, actor));
  }
}
