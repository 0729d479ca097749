/**
 * Requests allowed per key (a token, or the address of a client without one):
 * a token bucket that holds `burst` requests and refills at `perSecond`. The
 * defaults are far above what Okta (about 600 a minute) and Entra ID
 * (a sync cycle every 40 minutes, in batches) send, so bulk provisioning is
 * never slowed; they stop a runaway script or a flood from filling the request
 * log and holding the database.
 */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 50, burst: 200 };

/**
 * The limit an operator asks for with --rate-limit (`roster scim serve`) or
 * --scim-rate-limit (`roster server`): N a second in bursts of four times
 * that, as the default; 0 is none (an initial sync at 500 a second, a benchmark).
 */
export function rateLimitOf(perSecond: number): RateLimit {
  return perSecond === 0 ? { perSecond: Infinity, burst: Infinity } : { perSecond, burst: perSecond * 4 };
}

/** How many idle keys are kept before the oldest are forgotten (a full bucket is the same as a forgotten one). */
const MAX_KEYS = 10_000;

export function createRateLimiter(limit: RateLimit, nowMs: () => number = () => performance.now()) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes one request from the key's bucket: 0 when allowed, else the whole seconds to wait (for Retry-After). */
    take(key: string): number {
      const now = nowMs();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: now };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
      bucket.at = now;
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > MAX_KEYS) buckets.delete(buckets.keys().next().value!);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
    },
  };
}
