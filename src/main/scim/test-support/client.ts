import { afterEach } from 'vitest';
import type { Core } from '../../core';
import { value } from '../../test-support/seats-helpers';
import { fixedClock, testCore } from '../../test-support/temp-db';
import type { ScimLimits } from '../server';

const started: Core[] = [];
afterEach(async () => {
  for (const core of started.splice(0)) await core.scim.stop();
});

export interface ScimAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null when there is none. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field in tests
}

/**
 * A real SCIM server on a random loopback port over a new database with an
 * enterprise of `seats`, and a client that speaks to it with a valid token.
 */
export async function scimServer(options: { seats?: number; now?: string; publicHosts?: string[]; limits?: Partial<ScimLimits> } = {}) {
  const clock = fixedClock(options.now ?? '2026-03-01T09:00:00.000Z');
  const core = testCore({ now: clock.now });
  value(await core.invoke('enterprise:create', { name: 'Acme', seats: options.seats ?? 50 }));
  const { secret } = value(core.scim.tokens.create({ name: 'Okta' }, { type: 'app', name: 'test admin' }));
  const status = value(await core.scim.start('127.0.0.1', 0, { publicHosts: options.publicHosts, limits: options.limits }));
  started.push(core);
  const baseUrl = status.baseUrl!;

  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ScimAnswer> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${secret}`, ...(body === undefined ? {} : { 'Content-Type': 'application/scim+json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  }

  return {
    core,
    clock,
    baseUrl,
    secret,
    get: (path: string, headers?: Record<string, string>) => request('GET', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => request('POST', path, body, headers),
    put: (path: string, body: unknown, headers?: Record<string, string>) => request('PUT', path, body, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => request('PATCH', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => request('DELETE', path, undefined, headers),
    request,
  };
}
