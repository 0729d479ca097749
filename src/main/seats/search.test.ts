import { describe, expect, it } from 'vitest';
import type { SeatListStatus, SeatSortColumn } from '@shared/schemas/licenses';
import { includesFolded } from '@shared/text';
import { value } from '../test-support/seats-helpers';
import { testCore } from '../test-support/temp-db';

const PEOPLE: [string, string?][] = [
  ['emile.zola@acme.com', 'Émile Zola'],
  ['e.durand@acme.com', 'emile durand'],
  ['zoe@lima.example', 'Zoë'],
  ['ana.lima@acme.com', 'Ana Lima'],
  ['bo@acme.com'],
  ['ana_lima@acme.com', 'Ana Underscore'],
  ['percent@acme.com', '100% Lime'],
];

describe('searching Licenses', () => {
  it('finds by the trigram index exactly the rows LIKE finds: members by address or name, invitations by address, for every status and sort', async () => {
    const core = testCore();
    value(await core.invoke('enterprise:create', { name: 'Northwind', seats: 50 }));
    for (const [email, name] of PEOPLE) value(await core.invoke('members:add', { email, ...(name ? { name } : {}) }));
    for (const email of ['lima.invited@acme.com', 'emile.invited@acme.com', 'Ana.Lima@acme.com']) value(await core.invoke('invitations:create', { email }));
    const statuses: SeatListStatus[] = ['seats', 'member', 'pending'];
    const sorts: SeatSortColumn[] = ['name', 'email', 'lastActive', 'status'];
    for (const status of statuses) {
      const everyone = value(await core.invoke('seats:list', { filter: { status }, limit: 100 })).rows;
      for (const search of ['lima', 'LIMA', 'émile', 'emile', 'a l', 'ana_lima', '100%', '%', 'li', 'acme.com', 'nobody']) {
        const expected = everyone.filter((row) => includesFolded(row.email.toLowerCase(), search) || includesFolded(row.name, search)).map((row) => row.id);
        for (const by of sorts) {
          const page = value(await core.invoke('seats:list', { filter: { status, search }, sort: { by, desc: false }, limit: 100 }));
          expect(page.rows.map((row) => row.id).sort(), `${status} "${search}" by ${by}`).toEqual([...expected].sort());
          expect(page.total, `${status} "${search}"`).toBe(expected.length);
        }
        const ids = value(await core.invoke('seats:ids', { status, search }));
        expect(ids.accountIds.length + ids.invitationIds.length, `ids of ${status} "${search}"`).toBe(expected.length);
      }
    }
  });
});

describe('a page of Licenses without a search', () => {
  it('is the same slice of the whole sorted list at every offset, members and invitations merged, for every sort an index gives and every status', async () => {
    const core = testCore();
    value(await core.invoke('enterprise:create', { name: 'Northwind', seats: 50 }));
    for (const [email, name] of PEOPLE) value(await core.invoke('members:add', { email, ...(name ? { name } : {}) }));
    core.db.prepare("UPDATE accounts SET last_active_at = '2026-02-0' || (id % 3 + 1) || 'T09:00:00.000Z' WHERE id % 2 = 0").run();
    for (const email of ['a.invited@acme.com', 'zz.invited@acme.com', 'm.invited@acme.com', 'bo@acme.com', 'Ana.Lima@acme.com']) value(await core.invoke('invitations:create', { email }));
    const statuses: SeatListStatus[] = ['seats', 'member', 'pending'];
    for (const status of statuses) {
      for (const by of ['name', 'email', 'lastActive'] as const) {
        for (const desc of [false, true]) {
          const whole = value(await core.invoke('seats:list', { filter: { status }, sort: { by, desc }, limit: 100 })).rows.map((row) => row.id);
          for (const offset of [0, 1, 3, 6, 9]) {
            const page = value(await core.invoke('seats:list', { filter: { status }, sort: { by, desc }, offset, limit: 3 })).rows.map((row) => row.id);
            expect(page, `${status} by ${by} ${desc ? 'desc' : 'asc'} from ${offset}`).toEqual(whole.slice(offset, offset + 3));
          }
        }
      }
    }
  });
});
