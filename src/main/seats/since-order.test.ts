import { describe, expect, it } from 'vitest';
import type { SeatListStatus, SeatRow } from '@shared/schemas/licenses';
import { fixedClock, testCore } from '../test-support/temp-db';
import { value } from '../test-support/seats-helpers';

/** The order Licenses promises by Since: the date, then the address, both the same way; invitations by when they were sent. */
function bySince(rows: SeatRow[], desc: boolean): string[] {
  const sign = desc ? -1 : 1;
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((a, b) => sign * (compare(a.since, b.since) || compare(a.email.toLowerCase(), b.email.toLowerCase()))).map((row) => row.id);
}

describe('Licenses sorted by Since', () => {
  it('pages members and invitations in Since order, ties by address, the same rows as the whole list, at every status', async () => {
    const clock = fixedClock();
    const core = testCore({ now: clock.now });
    value(await core.invoke('enterprise:create', { name: 'Northwind', seats: 50 }));
    // Ties (several seats taken at one moment, invitations sent with them), invitations sent out of address order, addresses in mixed case, one invitation expired (its expiry moved back).
    const start = clock.now().getTime();
    for (const [email, hours] of [
      ['zed@acme.com', 0],
      ['Amy@acme.com', 0],
      ['mo@acme.com', 0],
      ['old.invited@acme.com', 0],
      ['bea@acme.com', 5],
      ['Dan@acme.com', 30],
      ['fay@acme.com', 300],
      ['zoe.invited@acme.com', 300],
      ['cy.invited@acme.com', 300],
      ['Eve.invited@acme.com', 330],
      ['gil.invited@acme.com', 330],
      ['ann.invited@acme.com', 330],
      ['hal@acme.com', 330],
    ] as const) {
      clock.advance(start + hours * 3_600_000 - clock.now().getTime());
      value(await core.invoke(email.includes('invited') ? 'invitations:create' : 'members:add', { email }));
    }
    clock.advance(10 * 3_600_000);
    core.db.prepare("UPDATE invitations SET expires_at = ? WHERE email_key = 'old.invited@acme.com'").run(new Date(start + 3_600_000).toISOString());

    for (const status of ['seats', 'member', 'pending', 'expired'] as SeatListStatus[]) {
      const everyone = value(await core.invoke('seats:list', { filter: { status }, limit: 100 }));
      expect(everyone.rows.length, status).toBeGreaterThan(0);
      for (const desc of [false, true]) {
        const expected = bySince(everyone.rows, desc);
        for (const limit of [1, 2, 3, 100]) {
          const paged: string[] = [];
          for (let offset = 0; offset < expected.length; offset += limit) {
            const page = value(await core.invoke('seats:list', { filter: { status }, sort: { by: 'since', desc }, offset, limit }));
            expect(page.total, `${status} ${desc} ${limit}`).toBe(expected.length);
            paged.push(...page.rows.map((row) => row.id));
          }
          expect(paged, `${status} desc=${desc} limit=${limit}`).toEqual(expected);
        }
      }
    }
  });

  it('reads members and invitations off their Since indexes (migration 0021), not by sorting every row', () => {
    const core = testCore();
    const indexes = core.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN ('members_seat_since', 'invitations_sent') ORDER BY name").pluck().all();
    expect(indexes).toEqual(['invitations_sent', 'members_seat_since']);
  });
});
