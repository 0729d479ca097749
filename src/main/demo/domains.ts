import type { Actor } from '@shared/schemas/audit';
import type { Result } from '@shared/result';
import type { Services } from '../services';
import { DEMO_DOMAIN } from './people';
import type { Random } from './random';

/** A domain the enterprise added lately and has not proven yet: its record is not published. */
export const DEMO_UNVERIFIED_DOMAIN = 'acmelabs.example';
/** The team people captured on the demo domain join, chosen lately. */
export const DEMO_DEFAULT_TEAM = 'Developers';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** People who used the client with their work address before Acme bought seats: about 2 in 100 members, at least three. */
export function demoUnmanagedCount(members: number): number {
  return Math.max(3, Math.round(members * 0.02));
}

interface Steps {
  services: Services;
  random: Random;
  setClock: (at: Date) => void;
  unwrap: <T>(result: Result<T>) => T;
  actor: Actor;
}

/**
 * Accounts on the company's domain made before the enterprise existed, some
 * of which logged in since. None holds a seat: once the domain is verified,
 * they are its unmanaged accounts.
 */
export function addEarlyAccounts({ services, random, setClock, unwrap, actor }: Steps, people: { name: string; email: string }[], start: number, end: number): void {
  for (const person of people) {
    const created = start - random.int(5, 300) * DAY_MS - random.int(0, 600) * MINUTE_MS;
    setClock(new Date(created));
    unwrap(services.members.recordSignup(person.email, person.name, actor));
    // Logins stop before the demo's pending invitations were sent: a later one would have accepted them.
    if (random.int(1, 3) > 1) unwrap(services.members.recordLogin(person.email, new Date(random.int(created + DAY_MS, end - 25 * DAY_MS)), actor));
  }
}

/**
 * The company's domain, claimed and verified the day the enterprise was set
 * up, with domain capture on from then: people who sign up on it later join
 * at once. The demo's DNS is made up (`.example` is never served), so the
 * lookup that found the record is recorded as found rather than asked for.
 */
export function claimDemoDomain({ services, setClock, unwrap, actor }: Steps, start: number): number {
  setClock(new Date(start + 60 * MINUTE_MS));
  const domain = unwrap(services.domains.add(DEMO_DOMAIN, actor));
  setClock(new Date(start + 2 * 60 * MINUTE_MS));
  unwrap(services.domains.recordLookup(domain.id, { kind: 'records', records: [domain.record.value] }, actor));
  setClock(new Date(start + 2 * 60 * MINUTE_MS + 5 * MINUTE_MS));
  unwrap(services.domains.setCapture(domain.id, true, actor));
  return domain.id;
}

/**
 * Lately: captured people now join the Developers team, and a second domain
 * was added whose record is not published yet, so its one check found nothing.
 */
export function finishDemoDomains({ services, random, setClock, unwrap, actor }: Steps, demoDomainId: number, defaultTeamId: number | undefined, end: number): void {
  if (defaultTeamId !== undefined) {
    setClock(new Date(end - random.int(8, 15) * DAY_MS));
    unwrap(services.domains.setDefaultTeam(demoDomainId, defaultTeamId, actor));
  }
  const added = end - random.int(2, 6) * DAY_MS - random.int(0, 600) * MINUTE_MS;
  setClock(new Date(added));
  const labs = unwrap(services.domains.add(DEMO_UNVERIFIED_DOMAIN, actor));
  setClock(new Date(added + random.int(5, 30) * MINUTE_MS));
  unwrap(services.domains.recordLookup(labs.id, { kind: 'nxdomain' }, actor));
}
