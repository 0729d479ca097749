import { isIP } from 'node:net';

/**
 * Failed password sign-ins, counted in memory per account and per address
 * (docs/SERVER.md, "Signing in"): 5 failures for one account, or 20 from one
 * address, within 15 minutes, and further attempts are refused until the
 * oldest of those failures is 15 minutes old. A success clears the account's
 * count (not the address's: one right password does not excuse an address
 * guessing at others). A restart forgets the counts, as GitHub's and Okta's
 * in-memory throttles do; the audit log keeps every failure.
 */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

/**
 * Keys kept at most, so a flood of made-up accounts or addresses cannot fill
 * the memory. Beyond it the oldest key that is not locked out is forgotten:
 * a flood cannot push out a count that is holding an account or an address
 * back (docs/SERVER.md, "Signing in").
 */
const MAX_KEYS = 10_000;

export interface SignInLimits {
  windowMs: number;
  perAccount: number;
  perAddress: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { windowMs: SIGN_IN_WINDOW_MS, perAccount: MAX_FAILURES_PER_ACCOUNT, perAddress: MAX_FAILURES_PER_ADDRESS };

/** Why an attempt is refused before its password is even checked, and until when. */
export interface Lockout {
  by: 'account' | 'address';
  until: Date;
}

function createCounter(limit: number, windowMs: number) {
  // Insertion order is age order: a key that fails again moves to the end.
  const failures = new Map<string, number[]>();
  const recent = (key: string, at: number) => (failures.get(key) ?? []).filter((time) => at - time < windowMs);
  /** Forgets the oldest key not locked out now (the oldest of all when every one is). */
  const forgetOne = (at: number) => {
    for (const key of failures.keys()) {
      if (recent(key, at).length < limit) return void failures.delete(key);
    }
    failures.delete(failures.keys().next().value!);
  };
  return {
    /** When the key may try again, or null when it may now. */
    lockedUntil(key: string, at: number): number | null {
      const times = recent(key, at);
      return times.length >= limit ? times[times.length - limit]! + windowMs : null;
    },
    fail(key: string, at: number): void {
      const times = recent(key, at);
      times.push(at);
      failures.delete(key);
      failures.set(key, times.slice(-limit));
      if (failures.size > MAX_KEYS) forgetOne(at);
    },
    clear: (key: string) => void failures.delete(key),
    /** Takes back one failure counted at `at` (an attempt counted before its check, which then succeeded). */
    forgive(key: string, at: number): void {
      const times = failures.get(key);
      const index = times?.lastIndexOf(at) ?? -1;
      if (times && index >= 0) times.splice(index, 1);
    },
  };
}

/**
 * The network address failures are counted by: an IPv4 address as it is, an
 * IPv6 one by its /64, since one home or host is given a whole /64 and could
 * otherwise try 20 passwords from each of its addresses.
 */
export function addressKey(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const [head = '', tail] = ip.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export function createSignInLimiter(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {
  const accounts = createCounter(limits.perAccount, limits.windowMs);
  const addresses = createCounter(limits.perAddress, limits.windowMs);
  // Failed sign-ins with the identity provider audited per address: counted apart, so they lock no password sign-in.
  const auditedProviderFailures = createCounter(limits.perAddress, limits.windowMs);
  return {
    limits,
    /**
     * Whether a failed sign-in with the identity provider from this address is
     * audited: the first `perAddress` in the window are, later ones only
     * logged. Anyone can start a sign-in and send it back failed without
     * reaching the provider, and must not write into the audit log at will.
     */
    auditsProviderFailure(address: string, now: Date): boolean {
      const key = addressKey(address);
      if (auditedProviderFailures.lockedUntil(key, now.getTime()) !== null) return false;
      auditedProviderFailures.fail(key, now.getTime());
      return true;
    },
    /** Whether an attempt for this account (its address's key) from this address is refused, and until when. */
    check(account: string, address: string, now: Date): Lockout | null {
      const at = now.getTime();
      const byAccount = accounts.lockedUntil(account, at);
      const byAddress = addresses.lockedUntil(addressKey(address), at);
      if (byAccount === null && byAddress === null) return null;
      // The later of the two is when an attempt will be let through.
      if (byAddress !== null && (byAccount === null || byAddress > byAccount)) return { by: 'address', until: new Date(byAddress) };
      return { by: 'account', until: new Date(byAccount!) };
    },
    failed(account: string, address: string, now: Date): void {
      accounts.fail(account, now.getTime());
      addresses.fail(addressKey(address), now.getTime());
    },
    /**
     * Checks an attempt and, when it is let through, counts it as a failure at
     * once, before its password is checked: the check takes a while and runs
     * beside others, so counting only once it has failed would let a burst of
     * attempts sent together all pass the check. A success then calls
     * `succeeded` with the same time, which takes the count back.
     */
    attempt(account: string, address: string, now: Date): Lockout | null {
      const lockout = this.check(account, address, now);
      if (lockout === null) this.failed(account, address, now);
      return lockout;
    },
    /** A right password: the account's count is cleared; the address keeps its failures but for this attempt's (`attempt` at `now`). */
    succeeded(account: string, address?: string, now?: Date): void {
      accounts.clear(account);
      if (address !== undefined && now !== undefined) addresses.forgive(addressKey(address), now.getTime());
    },
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;

/** "15 minutes", "1 minute": the wait rounded up to whole minutes. */
function minutes(ms: number): string {
  const count = Math.max(1, Math.ceil(ms / 60_000));
  return `${count} minute${count === 1 ? '' : 's'}`;
}

/** "Too many failed sign-ins for ana@acme.example. Try again in 15 minutes, at 14:32 UTC." */
export function lockoutMessage(lockout: Lockout, email: string, now: Date): string {
  const who = lockout.by === 'account' ? `for ${email}` : 'from your address';
  // Rounded up to the minute, so that trying at the time said always works.
  const time = new Date(Math.ceil(lockout.until.getTime() / 60_000) * 60_000).toISOString().slice(11, 16);
  return `Too many failed sign-ins ${who}. Try again in ${minutes(lockout.until.getTime() - now.getTime())}, at ${time} UTC.`;
}

/** Retry-After, in whole seconds (at least 1). */
export const retryAfterSeconds = (lockout: Lockout, now: Date): number => Math.max(1, Math.ceil((lockout.until.getTime() - now.getTime()) / 1000));
