import { describe, expect, it } from 'vitest';
import { value } from '../test-support/seats-helpers';
import { serverOptionsFrom } from './options';
import { serverInProcess } from './test-support/server-fixture';

const options = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}) => serverOptionsFrom(values, env, '/tmp/roster.db');

/** Sends `count` SCIM requests at once with one token; answers how many were refused with 429. */
async function refusedOf(scimRateLimit: { perSecond: number; burst: number } | undefined, count: number): Promise<number> {
  const { core, app } = await serverInProcess(scimRateLimit ? { options: { scimRateLimit } } : {});
  const { secret } = value(core.scim.tokens.create({ name: 'Okta' }, { type: 'cli', name: 'test' }));
  try {
    const answers = await Promise.all(
      Array.from({ length: count }, () => app.inject({ method: 'GET', url: '/scim/v2/ServiceProviderConfig', headers: { authorization: `Bearer ${secret}`, host: '127.0.0.1' } })),
    );
    expect(answers.every((answer) => answer.statusCode === 200 || answer.statusCode === 429)).toBe(true);
    return answers.filter((answer) => answer.statusCode === 429).length;
  } finally {
    await app.close();
  }
}

describe('roster server --scim-rate-limit', () => {
  it('keeps 50 a second in bursts of 200 unless given, takes N or ROSTER_SCIM_RATE_LIMIT, and 0 for none', () => {
    expect(options({})).toMatchObject({ ok: true, value: { scimRateLimit: { perSecond: 50, burst: 200 } } });
    expect(options({ 'scim-rate-limit': '1000' })).toMatchObject({ ok: true, value: { scimRateLimit: { perSecond: 1000, burst: 4000 } } });
    expect(options({}, { ROSTER_SCIM_RATE_LIMIT: '600' })).toMatchObject({ ok: true, value: { scimRateLimit: { perSecond: 600, burst: 2400 } } });
    expect(options({ 'scim-rate-limit': '700' }, { ROSTER_SCIM_RATE_LIMIT: '600' })).toMatchObject({ ok: true, value: { scimRateLimit: { perSecond: 700 } } });
    expect(options({ 'scim-rate-limit': '0' })).toMatchObject({ ok: true, value: { scimRateLimit: { perSecond: Infinity, burst: Infinity } } });
  });

  it('refuses what is not a whole number of requests', () => {
    for (const bad of ['-5', 'fast', '2.5']) {
      expect(options({ 'scim-rate-limit': bad })).toEqual({ ok: false, message: `--scim-rate-limit must be a whole number of requests a second per token (0 for no limit), not "${bad}"` });
    }
  });

  it("is the limit the server's SCIM routes keep", async () => {
    // 400 at once from one token: past the default burst of 200 (a refill of 200 would take 4 s), inside a raised one.
    expect(await refusedOf(undefined, 400)).toBeGreaterThan(0);
    expect(await refusedOf({ perSecond: 1000, burst: 4000 }, 400)).toBe(0);
    expect(await refusedOf({ perSecond: 2, burst: 8 }, 20)).toBeGreaterThan(0);
  });
});
