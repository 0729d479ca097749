import type { Db } from '../db/open';

/**
 * Each member's teams and organizations as the CSV names them: names joined
 * by "; ", in the preview's order (name, then id), every organization a
 * member reaches (directly, through a team linked to it, or through a team
 * linked to all). Read once, whole, for a pass over every member.
 */
export interface Places {
  teams(accountId: number): string;
  organizations(accountId: number): string;
}

/**
 * Links (owner, item) as one array per owner id, each owner's items as ranks in
 * ascending order: a counting sort by rank, then by owner, in typed arrays.
 * At a million members there are about three million links; one JavaScript
 * array (and map entry) per member was most of the report's garbage collection.
 */
interface Grouped {
  /** Items of owner o are ranks[start[o]] .. ranks[start[o + 1] - 1]. */
  start: Int32Array;
  ranks: Int32Array;
}

function group(owners: Int32Array, items: Int32Array, rankOf: Int32Array, itemCount: number): Grouped {
  let maxOwner = 0;
  for (const owner of owners) if (owner > maxOwner) maxOwner = owner;
  const itemRanks = new Int32Array(items.length);
  const byRank = new Int32Array(itemCount + 1);
  const perOwner = new Int32Array(maxOwner + 2);
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i]!;
    const rank = item < rankOf.length ? rankOf[item]! : -1;
    itemRanks[i] = rank;
    if (rank < 0) continue;
    byRank[rank + 1] = byRank[rank + 1]! + 1;
    perOwner[owners[i]! + 1] = perOwner[owners[i]! + 1]! + 1;
  }
  for (let rank = 1; rank <= itemCount; rank += 1) byRank[rank] = byRank[rank]! + byRank[rank - 1]!;
  for (let owner = 1; owner < perOwner.length; owner += 1) perOwner[owner] = perOwner[owner]! + perOwner[owner - 1]!;
  // Links in rank order, then dealt to their owners: each owner's ranks arrive ascending.
  const inRankOrder = new Int32Array(byRank[itemCount]!);
  const nextOfRank = byRank.slice(0, itemCount);
  for (let i = 0; i < items.length; i += 1) {
    const rank = itemRanks[i]!;
    if (rank < 0) continue;
    inRankOrder[nextOfRank[rank]!] = i;
    nextOfRank[rank] = nextOfRank[rank]! + 1;
  }
  const ranks = new Int32Array(inRankOrder.length);
  const nextOfOwner = perOwner.slice(0, maxOwner + 1);
  for (const i of inRankOrder) {
    const owner = owners[i]!;
    ranks[nextOfOwner[owner]!] = itemRanks[i]!;
    nextOfOwner[owner] = nextOfOwner[owner]! + 1;
  }
  return { start: perOwner, ranks };
}

/**
 * A link table's pairs as two typed arrays. The pairs cross from SQLite as one
 * text, each pair one number (owner * span + item) and a comma between them,
 * read here digit by digit: a row per link (three million at a million
 * members) cost about as much again as reading the members. Ids too large for
 * that number to be exact are read a row per link.
 */
function readPairs(db: Db, table: string, owner: string, item: string): { owners: Int32Array; items: Int32Array } {
  // Each max off the index that begins with its column (every link table has one for each): a count(*)
  // here read the whole table again (0.55 s of the three at a million members, against 8 ms). The links are counted in the text.
  const maxOf = (column: string) => (db.prepare(`SELECT ifnull(max(${column}), 0) FROM ${table}`).pluck().get() as number);
  const maxOwner = maxOf(owner);
  const maxItem = maxOf(item);
  if (maxOwner > 0x7fffffff || maxItem > 0x7fffffff) throw new Error(`${table}: an id past 2^31`);
  const span = maxItem + 1;
  if ((maxOwner + 1) * span <= Number.MAX_SAFE_INTEGER) {
    const text = db.prepare(`SELECT group_concat(${owner} * ${span} + ${item}) FROM ${table}`).pluck().get() as string | null;
    if (text === null) return { owners: new Int32Array(0), items: new Int32Array(0) };
    let links = 1;
    for (let i = text.indexOf(','); i !== -1; i = text.indexOf(',', i + 1)) links += 1;
    const owners = new Int32Array(links);
    const items = new Int32Array(links);
    let at = 0;
    let pair = 0;
    const take = () => {
      const itemId = pair % span;
      items[at] = itemId;
      owners[at] = (pair - itemId) / span;
      at += 1;
      pair = 0;
    };
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code === 44) take();
      else pair = pair * 10 + (code - 48);
    }
    take();
    return { owners, items };
  }
  const rows = db.prepare(`SELECT ${owner}, ${item} FROM ${table}`).raw().all() as [number, number][];
  return { owners: Int32Array.from(rows, ([ownerId]) => ownerId), items: Int32Array.from(rows, ([, itemId]) => itemId) };
}

/** Each id's place in `rows` (by id; -1 for an id not there). */
function ranksById(rows: [number, ...unknown[]][]): Int32Array {
  let maxId = -1;
  for (const [id] of rows) if (id > maxId) maxId = id;
  const rank = new Int32Array(maxId + 1).fill(-1);
  rows.forEach(([id], index) => {
    rank[id] = index;
  });
  return rank;
}

/** Reads teams, organizations and the three link tables once; run it in the same read transaction as the members. */
export function readPlaces(db: Db): Places {
  const orgs = db.prepare('SELECT id, name FROM organizations ORDER BY name_key, id').raw().all() as [number, string][];
  const teams = db.prepare('SELECT id, name, all_orgs FROM teams ORDER BY name_key, id').raw().all() as [number, string, 0 | 1][];
  const orgRank = ranksById(orgs);
  const teamRank = ranksById(teams);
  const orgNames = orgs.map(([, name]) => name);
  const teamNames = teams.map(([, name]) => name);
  const everyOrg = orgNames.join('; ');

  const teamLinks = readPairs(db, 'team_orgs', 'team_id', 'org_id');
  const orgsOfTeam = group(Int32Array.from(teamLinks.owners, (id) => (id < teamRank.length && teamRank[id]! >= 0 ? teamRank[id]! : teams.length)), teamLinks.items, orgRank, orgs.length);
  const memberTeams = readPairs(db, 'team_members', 'account_id', 'team_id');
  const teamsOf = group(memberTeams.owners, memberTeams.items, teamRank, teams.length);
  const memberOrgs = readPairs(db, 'org_memberships', 'account_id', 'org_id');
  const orgsOf = group(memberOrgs.owners, memberOrgs.items, orgRank, orgs.length);
  const allOrgs = Uint8Array.from(teams, ([, , all]) => all);

  // Scratch for one member's organizations: the member each org was last counted for, and the ranks counted.
  const seenFor = new Int32Array(orgs.length).fill(-1);
  const reached: number[] = [];

  const names = (list: string[], grouped: Grouped, owner: number): string => {
    if (owner + 1 >= grouped.start.length) return '';
    const from = grouped.start[owner]!;
    const to = grouped.start[owner + 1]!;
    if (from === to) return '';
    let text = list[grouped.ranks[from]!]!;
    for (let at = from + 1; at < to; at += 1) text += `; ${list[grouped.ranks[at]!]!}`;
    return text;
  };
  /** Counts the ranks `grouped` holds for `owner` into `reached`, each once for `member`. */
  const reach = (grouped: Grouped, owner: number, member: number) => {
    if (owner + 1 >= grouped.start.length) return;
    for (let at = grouped.start[owner]!, to = grouped.start[owner + 1]!; at < to; at += 1) {
      const rank = grouped.ranks[at]!;
      if (seenFor[rank] === member) continue;
      seenFor[rank] = member;
      reached.push(rank);
    }
  };

  return {
    teams: (accountId) => names(teamNames, teamsOf, accountId),
    organizations(accountId) {
      const teamFrom = accountId + 1 < teamsOf.start.length ? teamsOf.start[accountId]! : 0;
      const teamTo = accountId + 1 < teamsOf.start.length ? teamsOf.start[accountId + 1]! : 0;
      if (teamFrom === teamTo) return names(orgNames, orgsOf, accountId);
      for (let at = teamFrom; at < teamTo; at += 1) if (allOrgs[teamsOf.ranks[at]!] === 1) return everyOrg;
      reached.length = 0;
      reach(orgsOf, accountId, accountId);
      for (let at = teamFrom; at < teamTo; at += 1) reach(orgsOfTeam, teamsOf.ranks[at]!, accountId);
      if (reached.length === 0) return '';
      reached.sort((a, b) => a - b);
      let text = orgNames[reached[0]!]!;
      for (let at = 1; at < reached.length; at += 1) text += `; ${orgNames[reached[at]!]!}`;
      return text;
    },
  };
}
