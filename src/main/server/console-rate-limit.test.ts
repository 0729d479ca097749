import { describe, expect, it } from 'vitest';
import { consoleServer, OWN_ORIGIN, PASSWORD } from './test-support/console-sign-in';

const MINUTE = 60_000;
const fromAddress = (fixture: Awaited<ReturnType<typeof consoleServer>>, remoteAddress: string, email: string, password: string) =>
  fixture.app.inject({ method: 'POST', url: '/auth/password', remoteAddress, headers: { origin: OWN_ORIGIN }, payload: { email, password } });

describe('failed password sign-ins', () => {
  it('lock an account after 5 in 15 minutes, even against the right password, saying when to try again', async () => {
    const fixture = await consoleServer();
    for (let attempt = 0; attempt < 5; attempt++) expect((await fixture.signIn('owner@acme.example', 'wrong password')).statusCode).toBe(401);
    fixture.clock.advance(MINUTE);
    const locked = await fixture.signIn('OWNER@acme.example', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe(String(14 * 60));
    expect(locked.json()).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'Too many failed sign-ins for OWNER@acme.example. Try again in 14 minutes, at 14:32 UTC.' },
    });
    expect(locked.headers['set-cookie']).toBeUndefined();
    // Another account from the same address is not held up by this one.
    expect((await fixture.signIn('admin@acme.example', PASSWORD)).statusCode).toBe(200);
    // A refusal while locked is not another failure: the lock ends when the fifth failure is 15 minutes old.
    fixture.clock.advance(14 * MINUTE);
    expect((await fixture.signIn('owner@acme.example', PASSWORD)).statusCode).toBe(200);
    const failures = fixture.core.db.prepare("SELECT count(*) FROM audit_events WHERE action = 'admin.signin.fail'").pluck().get();
    expect(failures).toBe(5);
  });

  it('start again from nothing after a success for the account', async () => {
    const fixture = await consoleServer();
    for (let attempt = 0; attempt < 4; attempt++) await fixture.signIn('admin@acme.example', 'wrong password');
    expect((await fixture.signIn('admin@acme.example', PASSWORD)).statusCode).toBe(200);
    for (let attempt = 0; attempt < 4; attempt++) expect((await fixture.signIn('admin@acme.example', 'wrong password')).statusCode).toBe(401);
    expect((await fixture.signIn('admin@acme.example', PASSWORD)).statusCode).toBe(200);
  });

  it('count for addresses that are not admins too, so the answer does not tell who is one', async () => {
    const fixture = await consoleServer();
    for (let attempt = 0; attempt < 5; attempt++) expect((await fixture.signIn('nobody@acme.example', PASSWORD)).statusCode).toBe(401);
    expect((await fixture.signIn('nobody@acme.example', PASSWORD)).statusCode).toBe(429);
  });

  it('lock an address after 20 in 15 minutes, whichever accounts it tried', async () => {
    const fixture = await consoleServer();
    for (let attempt = 0; attempt < 20; attempt++) {
      expect((await fromAddress(fixture, '203.0.113.7', `guess${attempt}@acme.example`, 'wrong password')).statusCode).toBe(401);
    }
    const locked = await fromAddress(fixture, '203.0.113.7', 'owner@acme.example', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe(String(15 * 60));
    expect(locked.json()).toMatchObject({ error: { code: 'RATE_LIMITED', message: 'Too many failed sign-ins from your address. Try again in 15 minutes, at 14:32 UTC.' } });
    // Another address signs the same admin in; a success does not clear the address's count.
    expect((await fromAddress(fixture, '198.51.100.2', 'owner@acme.example', PASSWORD)).statusCode).toBe(200);
    expect((await fromAddress(fixture, '203.0.113.7', 'owner@acme.example', PASSWORD)).statusCode).toBe(429);
    fixture.clock.advance(15 * MINUTE);
    expect((await fromAddress(fixture, '203.0.113.7', 'owner@acme.example', PASSWORD)).statusCode).toBe(200);
  });
});

describe('failed password sign-ins sent at once', () => {
  it('are counted before their passwords are checked, so a burst cannot try more than the limit', async () => {
    const fixture = await consoleServer();
    // Ten guesses in flight together: each is checked against the limit before any of them has failed.
    const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => fixture.signIn('owner@acme.example', `wrong password ${n}`)));
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    expect((await fixture.signIn('owner@acme.example', PASSWORD)).statusCode).toBe(429);
  });
});
