import { describe, expect, it } from 'vitest';
import { addMembers } from '../../test-support/seats-helpers';
import { scimServer } from '../test-support/client';
import { userBody } from '../test-support/user-fixtures';

/**
 * Unsorted pages start from the users counted per block of ids (positions.test.ts);
 * sorted and filtered pages come from a sort over ids. Both must
 * page exactly as one ordered list sliced by startIndex and count would.
 */
async function mixedUsers() {
  const scim = await scimServer({ seats: 100 });
  for (let index = 0; index < 24; index += 1) {
    const active = index % 5 !== 2;
    const answer = await scim.post('/Users', userBody(`user${String(index).padStart(2, '0')}@acme.example`, { active }));
    expect(answer.status).toBe(201);
    if (index % 6 === 0) await addMembers(scim.core, `hand${index}@acme.example`);
  }
  const all = async (query = '') => {
    const answer = await scim.get(`/Users?count=1000${query}`);
    return (answer.body.Resources as { id: string }[]).map((user) => user.id);
  };
  return { scim, all };
}

async function pages(scim: Awaited<ReturnType<typeof mixedUsers>>['scim'], size: number, query = '') {
  const seen: { startIndex: number; ids: string[]; total: number }[] = [];
  for (let startIndex = 1; startIndex <= 40; startIndex += 3) {
    const answer = await scim.get(`/Users?startIndex=${startIndex}&count=${size}${query}`);
    expect(answer.status).toBe(200);
    seen.push({ startIndex, ids: (answer.body.Resources as { id: string }[]).map((user) => user.id), total: answer.body.totalResults });
  }
  return seen;
}

describe('/Users pages by startIndex', () => {
  it('pages in the order users were made, deactivated users in their place, as the whole list sliced', async () => {
    const { scim, all } = await mixedUsers();
    const everyone = await all();
    const made = scim.core.db.prepare('SELECT scim_id FROM accounts ORDER BY id').pluck().all() as string[];
    expect(everyone).toEqual(made.filter((id) => everyone.includes(id)));
    // Ids are opaque: sorted by id, they come in the order of their text.
    expect(await all('&sortBy=id')).toEqual([...everyone].sort());
    for (const { startIndex, ids, total } of await pages(scim, 4)) {
      expect(total).toBe(everyone.length);
      expect(ids).toEqual(everyone.slice(startIndex - 1, startIndex + 3));
    }
  });

  it('pages the same after deletes and deactivations, and past the end gives an empty page', async () => {
    const { scim, all } = await mixedUsers();
    const before = await all();
    expect((await scim.delete(`/Users/${before[3]}`)).status).toBe(204);
    expect((await scim.patch(`/Users/${before[7]}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] })).status).toBe(200);
    expect((await scim.patch(`/Users/${before[8]}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: true }] })).status).toBe(200);
    const after = await all();
    expect(after).toEqual(before.filter((id) => id !== before[3]));
    for (const { startIndex, ids, total } of await pages(scim, 5)) {
      expect(total).toBe(after.length);
      expect(ids).toEqual(after.slice(startIndex - 1, startIndex + 4));
    }
    const past = await scim.get(`/Users?startIndex=${after.length + 1}&count=5`);
    expect(past.body).toMatchObject({ totalResults: after.length, itemsPerPage: 0, Resources: [] });
    const last = await scim.get(`/Users?startIndex=${after.length}&count=5`);
    expect(last.body.Resources.map((user: { id: string }) => user.id)).toEqual([after.at(-1)]);
  });

  it('pages a filter and a sort as the whole filtered, sorted list sliced', async () => {
    const { scim, all } = await mixedUsers();
    for (const query of ['&filter=' + encodeURIComponent('userName sw "user"'), '&sortBy=userName&sortOrder=descending', '&filter=' + encodeURIComponent('active eq true') + '&sortBy=userName']) {
      const everyone = await all(query);
      expect(everyone.length).toBeGreaterThan(5);
      for (const { startIndex, ids, total } of await pages(scim, 3, query)) {
        expect(total).toBe(everyone.length);
        expect(ids).toEqual(everyone.slice(startIndex - 1, startIndex + 2));
      }
    }
  });
});
