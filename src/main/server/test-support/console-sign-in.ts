import type { LightMyRequestResponse } from 'fastify';
import { onTestFinished } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE_HTTP, type ConsoleSession } from '@shared/schemas/console-auth';
import type { AdminRole } from '@shared/schemas/admins';
import { hashPassword } from '../../admins/password';
import { fixedClock } from '../../test-support/temp-db';
import type { SignInLimits } from '../auth/rate-limit';
import type { ServerOptions } from '../options';
import { serverInProcess } from './server-fixture';

/** Inject's default Host is localhost:80, so a browser on it sends this Origin. */
export const OWN_ORIGIN = 'http://localhost';
export const PASSWORD = 'correct horse battery staple';

type Fixture = Awaited<ReturnType<typeof serverInProcess>>;

/**
 * The server over a real store on a clock that stands still, with an owner,
 * an admin and an auditor (each with an API token, serverInProcess) who each
 * have the console password PASSWORD, and helpers to sign in and call as a
 * browser would.
 */
export async function consoleServer(extra: { options?: Partial<ServerOptions>; signInLimits?: SignInLimits } = {}) {
  const clock = fixedClock('2026-12-07T14:17:00.000Z');
  const fixture: Fixture = await serverInProcess({ ...extra, now: clock.now });
  // Called inside a test: closed when that test ends.
  onTestFinished(() => fixture.app.close());
  const hash = await hashPassword(PASSWORD);
  fixture.core.db.prepare("UPDATE admins SET password_hash = ? WHERE email LIKE '%@acme.example'").run(hash);
  const { app } = fixture;

  const signIn = (email: string, password = PASSWORD, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/auth/password', headers: { origin: OWN_ORIGIN, ...headers }, payload: { email, password } });

  /** The cookie's value from a Set-Cookie answer. */
  const cookieOf = (response: LightMyRequestResponse, name = SESSION_COOKIE_HTTP): string => {
    const header = [response.headers['set-cookie'] ?? []].flat().find((line) => line.startsWith(`${name}=`));
    if (!header) throw new Error(`No ${name} cookie was set: ${response.statusCode} ${response.body}`);
    return header.slice(name.length + 1).split(';')[0]!;
  };

  /** Signs `role@acme.example` in: the cookie to send and the session answered. */
  async function session(role: AdminRole) {
    const response = await signIn(`${role}@acme.example`);
    if (response.statusCode !== 200) throw new Error(`Signing in as ${role} answered ${response.statusCode}: ${response.body}`);
    const value = (response.json() as { value: ConsoleSession }).value;
    const cookie = `${SESSION_COOKIE_HTTP}=${cookieOf(response)}`;
    /** A call of the contract as the console makes it: the cookie, the Origin and the CSRF header. */
    const invoke = (channel: string, body?: unknown, headers: Record<string, string | undefined> = {}) => {
      const sent: Record<string, string> = { cookie, origin: OWN_ORIGIN, [CSRF_HEADER]: value.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
      for (const [name, given] of Object.entries(headers)) {
        if (given === undefined) delete sent[name];
        else sent[name] = given;
      }
      return app.inject({ method: 'POST', url: `/api/invoke/${channel}`, headers: sent, payload: body === undefined ? undefined : JSON.stringify(body) });
    };
    return { cookie, session: value, invoke };
  }

  return { ...fixture, clock, signIn, cookieOf, session };
}
