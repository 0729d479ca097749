import { describe, expect, it } from 'vitest';
import { addressKey, createSignInLimiter, lockoutMessage, retryAfterSeconds } from './rate-limit';

const at = (time: string) => new Date(`2026-12-07T${time}Z`);

describe('the sign-in limiter', () => {
  it('locks an account at its fifth failure in the window, until that window has passed for the oldest of the five', () => {
    const limiter = createSignInLimiter();
    for (const time of ['14:00:00', '14:05:00', '14:10:00', '14:11:00']) limiter.failed('ana@acme.example', '10.0.0.1', at(time));
    expect(limiter.check('ana@acme.example', '10.0.0.1', at('14:11:30'))).toBeNull();
    limiter.failed('ana@acme.example', '10.0.0.1', at('14:12:00'));
    expect(limiter.check('ana@acme.example', '10.0.0.2', at('14:12:30'))).toEqual({ by: 'account', until: at('14:15:00') });
    // At 14:15 the failure of 14:00 has left the window: four remain.
    expect(limiter.check('ana@acme.example', '10.0.0.2', at('14:15:00'))).toBeNull();
  });

  it('says the later of the two locks when both hold', () => {
    const limiter = createSignInLimiter({ windowMs: 15 * 60_000, perAccount: 1, perAddress: 2 });
    limiter.failed('ana@acme.example', '10.0.0.1', at('14:00:00'));
    limiter.failed('bo@acme.example', '10.0.0.1', at('14:05:00'));
    limiter.failed('cy@acme.example', '10.0.0.1', at('14:06:00'));
    expect(limiter.check('ana@acme.example', '10.0.0.1', at('14:07:00'))).toEqual({ by: 'address', until: at('14:20:00') });
    expect(limiter.check('ana@acme.example', '10.0.0.9', at('14:07:00'))).toEqual({ by: 'account', until: at('14:15:00') });
    limiter.succeeded('ana@acme.example');
    expect(limiter.check('ana@acme.example', '10.0.0.9', at('14:07:00'))).toBeNull();
  });

  it('counts an attempt as it is let through, and takes it back from the address when its password was right', () => {
    const limiter = createSignInLimiter({ windowMs: 15 * 60_000, perAccount: 2, perAddress: 2 });
    expect(limiter.attempt('ana@acme.example', '10.0.0.1', at('14:00:00'))).toBeNull();
    expect(limiter.attempt('ana@acme.example', '10.0.0.1', at('14:00:00'))).toBeNull();
    // Two in flight: a third is refused before either has been checked.
    expect(limiter.attempt('ana@acme.example', '10.0.0.1', at('14:00:00'))).not.toBeNull();
    limiter.succeeded('ana@acme.example', '10.0.0.1', at('14:00:00'));
    // The account starts again; the address keeps the other attempt's failure only.
    expect(limiter.attempt('bo@acme.example', '10.0.0.1', at('14:01:00'))).toBeNull();
    expect(limiter.attempt('cy@acme.example', '10.0.0.1', at('14:01:00'))).toEqual({ by: 'address', until: at('14:15:00') });
  });

  it('forgets the oldest keys past 10,000, so made-up addresses cannot fill the memory', () => {
    const limiter = createSignInLimiter({ windowMs: 15 * 60_000, perAccount: 1, perAddress: 100 });
    limiter.failed('first@acme.example', '10.0.0.1', at('14:00:00'));
    for (let index = 0; index < 10_000; index++) limiter.failed(`guess${index}@acme.example`, '10.0.0.1', at('14:00:01'));
    expect(limiter.check('first@acme.example', '10.0.0.2', at('14:00:02'))).toBeNull();
    expect(limiter.check('guess9999@acme.example', '10.0.0.2', at('14:00:02'))).not.toBeNull();
  });

  it('keeps a locked account locked through a flood of failures on made-up accounts from many addresses', () => {
    const limiter = createSignInLimiter();
    for (let attempt = 0; attempt < 5; attempt++) limiter.failed('owner@acme.example', '10.0.0.1', at('14:00:00'));
    expect(limiter.check('owner@acme.example', '10.0.0.9', at('14:00:01'))).toEqual({ by: 'account', until: at('14:15:00') });
    // Each made-up account fails once, from an address of its own: none of them is locked, and they are forgotten first.
    for (let index = 0; index < 20_000; index++) limiter.failed(`guess${index}@acme.example`, `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`, at('14:00:02'));
    expect(limiter.check('owner@acme.example', '10.0.0.9', at('14:00:03'))).toEqual({ by: 'account', until: at('14:15:00') });
  });
});

describe('the address failures are counted by', () => {
  it('is an IPv4 address itself (also mapped into IPv6), and an IPv6 address’s /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:0:12:a:b:c:d')).toBe('2001:db8:0:12::/64');
    expect(addressKey('2001:DB8::12:1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('2001:db8:0012:0000::1')).toBe('2001:db8:12:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('makes one /64 share its 20 failures', () => {
    const limiter = createSignInLimiter();
    for (let index = 1; index <= 20; index++) limiter.failed(`guess${index}@acme.example`, `2001:db8:0:12::${index.toString(16)}`, at('14:00:00'));
    expect(limiter.check('ana@acme.example', '2001:db8:0:12::ffff', at('14:01:00'))).toMatchObject({ by: 'address' });
    expect(limiter.check('ana@acme.example', '2001:db8:0:13::1', at('14:01:00'))).toBeNull();
  });
});

describe('the lockout message', () => {
  it('says the wait in whole minutes and the time, rounded up so that trying then works', () => {
    const lockout = { by: 'account' as const, until: at('14:31:40') };
    expect(lockoutMessage(lockout, 'ana@acme.example', at('14:17:00'))).toBe('Too many failed sign-ins for ana@acme.example. Try again in 15 minutes, at 14:32 UTC.');
    expect(lockoutMessage(lockout, 'ana@acme.example', at('14:31:00'))).toBe('Too many failed sign-ins for ana@acme.example. Try again in 1 minute, at 14:32 UTC.');
    expect(lockoutMessage({ by: 'address', until: at('14:32:00') }, 'x', at('14:17:00'))).toBe('Too many failed sign-ins from your address. Try again in 15 minutes, at 14:32 UTC.');
    expect(retryAfterSeconds(lockout, at('14:17:00'))).toBe(880);
    expect(retryAfterSeconds(lockout, at('14:31:39.900'))).toBe(1);
  });
});
