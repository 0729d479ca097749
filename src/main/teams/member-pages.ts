import type { TeamMembersInput, TeamPerson } from '@shared/schemas/teams';
import { containsPattern } from '../db/like';
import type { Db } from '../db/open';
import { ACCOUNT_MATCHES, ACCOUNT_ORDER, INDEXED_MATCHES, lastActiveOrder, searchIndexQuery } from '../members/sql';

type Row = TeamPerson & { lastActiveAt: string | null };
type Sort = NonNullable<TeamMembersInput['sort']>;

const PERSON = 'SELECT a.id AS accountId, a.email, a.name, tm.since, a.last_active_at AS lastActiveAt';

/**
 * A team holding at least 1 in this many of the enterprise's members is paged
 * by walking an accounts index in the page's order and keeping the team's
 * members (a page of 100 steps over about 100 x this many accounts at most),
 * where reading the team's rows and sorting them took 400 ms for a team of
 * 200,000. A smaller team sorts its own rows: walking the index for it would
 * step over most accounts.
 */
export const WALK_SHARE = 20;

/** Each sort's ORDER BY and the accounts index that gives it (accounts_sort_key; accounts_last_active, 0014). */
const ORDERS: Record<Sort['by'], Record<'asc' | 'desc', string> & { index: string }> = {
  name: { asc: ACCOUNT_ORDER, desc: 'a.sort_key DESC, a.id DESC', index: 'accounts_sort_key' },
  lastActive: { asc: lastActiveOrder(false), desc: lastActiveOrder(true), index: 'accounts_last_active' },
};

/**
 * The pages of a team's members, three ways to the same rows: the team's rows
 * sorted (small teams, and short searches), an accounts index walked in order
 * (big teams, no search), and the accounts the trigram index names for a search
 * of 3 characters or more (0019), each still checked by ACCOUNT_MATCHES.
 */
export function createMemberPages(db: Db) {
  // One statement per plan and sort, chosen by name: nothing from the caller is spliced in.
  const prepare = (from: string, order: string) =>
    db.prepare(`${PERSON} ${from} AND ${ACCOUNT_MATCHES} ORDER BY ${order} LIMIT @limit OFFSET @offset`);
  const SORTED = 'FROM team_members tm JOIN accounts a ON a.id = tm.account_id WHERE tm.team_id = @teamId';
  const walked = (index: string) => `FROM accounts a INDEXED BY ${index} CROSS JOIN team_members tm ON tm.team_id = @teamId AND tm.account_id = a.id WHERE 1`;
  const SEARCHED = `FROM (${INDEXED_MATCHES}) s CROSS JOIN team_members tm ON tm.team_id = @teamId AND tm.account_id = s.rowid JOIN accounts a ON a.id = s.rowid WHERE 1`;
  const statements = (from: (index: string) => string) =>
    Object.fromEntries(
      Object.entries(ORDERS).map(([by, order]) => [by, { asc: prepare(from(order.index), order.asc), desc: prepare(from(order.index), order.desc) }]),
    ) as Record<Sort['by'], Record<'asc' | 'desc', ReturnType<Db['prepare']>>>;
  const pages = { sorted: statements(() => SORTED), walked: statements(walked), searched: statements(() => SEARCHED) };
  const totals = {
    sorted: db.prepare(`SELECT count(*) ${SORTED} AND ${ACCOUNT_MATCHES}`).pluck(),
    searched: db.prepare(`SELECT count(*) ${SEARCHED} AND ${ACCOUNT_MATCHES}`).pluck(),
  };

  return {
    /** A page of the team's members and how many match; `size` is the team's member count, `members` the enterprise's. */
    page(input: Omit<TeamMembersInput, 'sort'> & { sort?: Sort }, size: number, members: number): { rows: Row[]; total: number } {
      const search = input.search.trim();
      const sort = input.sort ?? { by: 'name', desc: false };
      const direction = sort.desc ? 'desc' : 'asc';
      const match = search ? searchIndexQuery(search) : null;
      const params = { teamId: input.teamId, pattern: search ? containsPattern(search) : null };
      const paging = { limit: input.limit, offset: input.offset };
      if (match !== null) {
        const searched = { ...params, match };
        return { rows: pages.searched[sort.by][direction].all({ ...searched, ...paging }) as Row[], total: totals.searched.get(searched) as number };
      }
      const plan = !search && size * WALK_SHARE >= members ? pages.walked : pages.sorted;
      // Without a search every member matches: the kept count is the total.
      const total = search ? (totals.sorted.get(params) as number) : size;
      return { rows: plan[sort.by][direction].all({ ...params, ...paging }) as Row[], total };
    },
  };
}
