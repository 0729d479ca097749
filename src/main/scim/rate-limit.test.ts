import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('the SCIM rate limiter', () => {
  it('lets a burst through, then asks to wait, and refills at the rate', () => {
    let now = 0;
    const limiter = createRateLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([limiter.take('okta'), limiter.take('okta'), limiter.take('okta')]).toEqual([0, 0, 0]);
    expect(limiter.take('okta')).toBe(1);
    expect(limiter.take('entra')).toBe(0);
    now += 500;
    expect(limiter.take('okta')).toBe(0);
    expect(limiter.take('okta')).toBe(1);
    now += 10_000;
    expect([limiter.take('okta'), limiter.take('okta'), limiter.take('okta'), limiter.take('okta')]).toEqual([0, 0, 0, 1]);
  });

  it('says how many whole seconds until the next request fits', () => {
    const limiter = createRateLimiter({ perSecond: 0.25, burst: 1 }, () => 0);
    expect(limiter.take('slow')).toBe(0);
    expect(limiter.take('slow')).toBe(4);
  });
});
