import type { AppInfo } from '@shared/schemas/app';
import { fail, ok, type Result } from '@shared/result';
import { callChannel, unreachable } from '../remote/http-client';
import type { SignedIn } from './connect';

/**
 * Whom a token signs in as, from the server's own app:info, which answers an
 * admin calling it with who they are there and their role (app/handlers.ts).
 * A server that leaves that out is not one the app can work on.
 */
export async function whoAmIFrom(info: Promise<Result<AppInfo>>, host: string): Promise<Result<Omit<SignedIn, 'token'>>> {
  const answer = await info;
  if (!answer.ok) return answer;
  const caller = answer.value.caller;
  if (!caller) return fail('UNAVAILABLE', `${host} did not say whom the token signs in as: is it a Roster server, and is it up to date?`);
  // An API token's expiry is the server's to enforce: a run-out token is refused at the next call, which asks to sign in again.
  return ok({ email: caller.email, role: caller.role, expiresAt: null });
}

/** Asks the server at `server` whom `token` signs in as (UNAUTHENTICATED: it does not accept it). */
export async function askServerWhoAmI(server: string, token: string): Promise<Result<Omit<SignedIn, 'token'>>> {
  const target = { server: new URL(server), token };
  const reply = await callChannel(target, 'app:info', undefined);
  const answer = reply.reached ? (reply.result as Result<AppInfo>) : unreachable(target.server, reply.error);
  return whoAmIFrom(Promise.resolve(answer), target.server.host);
}
