import { describe, expect, it } from 'vitest';
import { MAX_FILTER_BYTES, MAX_FILTER_COMPARISONS, MAX_FILTER_DEPTH, runFiltered } from './filter';
import { groupBody, groupsServer, patchOps, teamMemberIds } from './test-support/group-fixtures';
import { scimServer } from './test-support/client';
import { userBody } from './test-support/user-fixtures';

const ors = (count: number) => Array.from({ length: count }, (_, index) => `userName eq "u${index}@acme.example"`).join(' or ');
const nots = (depth: number) => `${'not ('.repeat(depth)}userName eq "x@acme.example"${')'.repeat(depth)}`;
const parens = (depth: number) => `${'('.repeat(depth)}userName eq "x@acme.example"${')'.repeat(depth)}`;
const search = (filter: string) => `/Users?filter=${encodeURIComponent(filter)}`;

describe('filters too large or too deep', () => {
  it('refuses 999 ors, 300 comparisons, 600 nested nots and 5000 nested parentheses on /Users with 400 invalidFilter, never 500', async () => {
    const scim = await scimServer();
    // 999 ors of any comparison are over 8 KB, so refused by length; 300 short ones, by count.
    expect(await scim.post('/Users/.search', { filter: ors(999) })).toMatchObject({ status: 400, body: { status: '400', scimType: 'invalidFilter' } });
    const tooMany = await scim.post('/Users/.search', { filter: Array.from({ length: 300 }, () => 'id eq "1"').join(' or ') });
    expect(tooMany).toMatchObject({ status: 400, body: { status: '400', scimType: 'invalidFilter' } });
    expect(tooMany.body.detail).toContain(`more than ${MAX_FILTER_COMPARISONS} comparisons`);
    const deepNot = await scim.post('/Users/.search', { filter: nots(600) });
    expect(deepNot).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
    expect(deepNot.body.detail).toContain(`more than ${MAX_FILTER_DEPTH} levels`);
    const deepParens = await scim.post('/Users/.search', { filter: parens(5000) });
    expect(deepParens).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
    expect(deepParens.body.detail).not.toContain('call stack');
    // Parentheses around one comparison add no depth to the tree: within 8 KB they are read, and harmless.
    expect(await scim.post('/Users/.search', { filter: parens(3900) })).toMatchObject({ status: 200, body: { totalResults: 0 } });
  });

  it('refuses filter text over 8 KB before reading it', async () => {
    const scim = await scimServer();
    const long = `displayName eq "${'a'.repeat(MAX_FILTER_BYTES)}"`;
    const answer = await scim.post('/Users/.search', { filter: long });
    expect(answer).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
    expect(answer.body.detail).toContain(`at most ${MAX_FILTER_BYTES} bytes`);
  });

  it('runs filters at the limits: 200 comparisons, 49 nested nots, 49 nested parentheses', async () => {
    const scim = await scimServer();
    await scim.post('/Users', userBody('u7@acme.example'));
    expect(await scim.get(search(ors(MAX_FILTER_COMPARISONS)))).toMatchObject({ status: 200, body: { totalResults: 1 } });
    expect(await scim.get(search(nots(MAX_FILTER_DEPTH - 1)))).toMatchObject({ status: 200, body: { totalResults: 1 } });
    expect(await scim.get(search(parens(MAX_FILTER_DEPTH - 1)))).toMatchObject({ status: 200, body: { totalResults: 0 } });
  });

  it('applies the same limits to /Groups and to member paths (members[...]) in a group PATCH', async () => {
    const scim = await groupsServer();
    const created = await scim.post('/Groups', groupBody('Sales', [scim.ids.ana!]));
    const groupOrs = Array.from({ length: 999 }, (_, index) => `displayName eq "g${index}"`).join(' or ');
    expect(await scim.post('/Groups/.search', { filter: groupOrs })).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
    expect(await scim.post('/Groups/.search', { filter: `${'not ('.repeat(600)}displayName eq "x"${')'.repeat(600)}` })).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
    const memberOrs = Array.from({ length: 999 }, (_, index) => `value eq "${index + 1000}"`).join(' or ');
    for (const filter of [memberOrs, `${'not ('.repeat(600)}value eq "1"${')'.repeat(600)}`, `${'('.repeat(5000)}value eq "1"${')'.repeat(5000)}`]) {
      const answer = await scim.patch(`/Groups/${created.body.id}`, patchOps({ op: 'remove', path: `members[${filter}]` }));
      expect(answer).toMatchObject({ status: 400, body: { scimType: 'invalidPath' } });
      expect(answer.body.detail).not.toContain('call stack');
    }
    expect(teamMemberIds(scim.core, created.body.id)).toEqual([scim.ids.ana]);
    const atLimit = Array.from({ length: MAX_FILTER_COMPARISONS }, (_, index) => `display eq "nobody ${index}"`).join(' or ');
    expect((await scim.patch(`/Groups/${created.body.id}`, patchOps({ op: 'remove', path: `members[${atLimit}]` }))).status).toBe(204);
  });

  it('refuses over-deep value filters in a user PATCH path with 400 invalidPath', async () => {
    const scim = await scimServer();
    const user = await scim.post('/Users', userBody('pat@acme.example'));
    const answer = await scim.patch(`/Users/${user.body.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'remove', path: `emails[${'('.repeat(5000)}type eq "work"${')'.repeat(5000)}]` }],
    });
    expect(answer).toMatchObject({ status: 400, body: { scimType: 'invalidPath' } });
    expect(answer.body.detail).not.toContain('call stack');
  });

  it('answers an SQLite refusal of a filtered query as 400 invalidFilter (the backstop), and leaves other errors alone', async () => {
    const scim = await scimServer();
    const broken = () => scim.core.db.prepare('SELECT (((').get();
    expect(() => runFiltered({ sql: '1', params: [] }, broken)).toThrow(expect.objectContaining({ status: 400, scimType: 'invalidFilter' }));
    expect(() => runFiltered(null, broken)).toThrow(expect.objectContaining({ name: 'SqliteError' }));
  });
});
