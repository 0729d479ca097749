import { describe, expect, it } from 'vitest';
import { createAuditRepository } from '../audit/repository';
import { coreWithEnterprise, fixedClock, testCore } from '../test-support/temp-db';
import { value } from '../test-support/seats-helpers';
import { nameKey } from '@shared/schemas/names';
import { demoOrgNames as orgNamesFor } from './org-names';
import { createRandom } from './random';
import { DEMO_UNVERIFIED_DOMAIN, demoUnmanagedCount } from './domains';
import { DEMO_DOMAIN } from './people';
import { firstKeptDay } from '../activity/retention';
import { demoOrgCount, demoSeats } from './service';

async function demoCore(input: { members?: number; seed?: number }, now = '2026-06-01T12:00:00.000Z') {
  const core = testCore({ now: fixedClock(now).now });
  const created = await core.invoke('enterprise:createDemo', input);
  if (!created.ok) throw new Error(created.error.message);
  return core;
}

async function demoOrgs(input: { members?: number; seed?: number }) {
  const core = await demoCore(input);
  return core.db.prepare('SELECT name, created_at AS createdAt FROM organizations ORDER BY id').all() as { name: string; createdAt: string }[];
}

/** Every row the demo wrote, table by table. */
async function demoContents(input: { members?: number; seed?: number }) {
  const core = await demoCore(input);
  return Object.fromEntries(
    ['enterprise', 'organizations', 'accounts', 'members', 'invitations', 'invitation_orgs', 'org_memberships', 'teams', 'team_members', 'team_orgs', 'domains', 'capture_waitlist', 'audit_events', 'activity_days'].map((table) => [
      table,
      // A domain's verification token is random on purpose (it proves control of the domain), and so is a
      // SCIM id (never handed out twice, not even by two databases): both are left out, and so are the
      // audit chain's hashes, which cover the token where domain.verify records it.
      JSON.parse(
        JSON.stringify(core.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all())
          .replace(/(roster-verification=|"token":")[a-z2-7]+/g, '$1TOKEN')
          .replace(/"scim_id":"[0-9a-f-]{36}"/g, '"scim_id":"UUID"')
          .replace(/"(prev_hash|hash)":\{"type":"Buffer","data":\[[\d,]*\]\}/g, '"$1":"HASH"'),
      ),
    ]),
  );
}

async function demoOrgNames(input: { members?: number; seed?: number }): Promise<string[]> {
  return (await demoOrgs(input)).map((org) => org.name);
}

describe('the demo enterprise', () => {
  it('is the same enterprise, to the second and row for row, for the same members, seed and clock', { timeout: 60_000 }, async () => {
    expect(await demoContents({ members: 1500, seed: 7 })).toEqual(await demoContents({ members: 1500, seed: 7 }));
  });

  it('has a past: set up 400 days ago, its organizations added over the year after, in order', { timeout: 60_000 }, async () => {
    const core = testCore({ now: fixedClock('2026-06-01T12:00:00.000Z').now });
    await core.invoke('enterprise:createDemo', { members: 2000 });
    const enterprise = await core.invoke('enterprise:get');
    expect(enterprise.ok && enterprise.value?.createdAt).toBe('2025-04-27T12:00:00.000Z');
    const created = (await demoOrgs({ members: 2000 })).map((org) => org.createdAt);
    expect([...created].sort()).toEqual(created);
    expect(created[0]! > '2025-04-27T12:00:00.000Z').toBe(true);
    expect(created.at(-1)! < '2026-04-28T00:00:00.000Z').toBe(true);
  });

  it('differs with the seed, and always starts with Engineering and Product', { timeout: 60_000 }, async () => {
    const one = await demoOrgNames({ members: 2000, seed: 1 });
    const two = await demoOrgNames({ members: 2000, seed: 2 });
    expect(one).not.toEqual(two);
    expect(one.slice(0, 2)).toEqual(['Engineering', 'Product']);
    expect(two.slice(0, 2)).toEqual(['Engineering', 'Product']);
  });

  it('is sized by its members: seats with room to spare, about one organization per 200 members', async () => {
    expect(demoSeats(120)).toBe(140);
    expect(demoSeats(8)).toBe(20);
    expect(demoOrgCount(120)).toBe(6);
    expect(demoOrgCount(100_000)).toBe(500);
    // 500 distinct names for the largest demo, without building its 100,000 members here.
    const names = orgNamesFor(500, createRandom(1));
    expect(names).toHaveLength(500);
    expect(new Set(names.map((name) => nameKey(name))).size).toBe(500);
    // A million members: 5,000 distinct names, the first 500 the same as above.
    const million = orgNamesFor(demoOrgCount(1_000_000), createRandom(1));
    expect(million).toHaveLength(5000);
    expect(new Set(million.map((name) => nameKey(name))).size).toBe(5000);
    expect(million.slice(0, 500)).toEqual(names);
    expect(await demoOrgNames({ members: 1400, seed: 1 })).toHaveLength(7);
  });

  it('is audited as the work of the demo generator, at the moment it really ran', async () => {
    const core = await demoCore({});
    const events = createAuditRepository(core.db).list();
    expect(new Set(events.map((event) => `${event.actor.type}:${event.actor.name}`))).toEqual(new Set(['system:demo generator']));
    expect(new Set(events.map((event) => event.at))).toEqual(new Set(['2026-06-01T12:00:00.000Z']));
  });

  it('has members who hold their seats for the reasons real ones do, pending and expired invitations, and owned organizations', { timeout: 30_000 }, async () => {
    const core = await demoCore({ members: 2000, seed: 3 });
    const usage = value(await core.invoke('seats:usage'));
    expect(usage).toMatchObject({ seats: 2270, members: 2000, pendingInvitations: 60 });
    expect(value(await core.invoke('seats:list', { filter: { status: 'expired' } })).total).toBe(20);
    const sources = core.db.prepare('SELECT source, count(*) AS n FROM members GROUP BY source').all() as { source: string; n: number }[];
    expect(sources.map((row) => row.source).sort()).toEqual(['domain_capture', 'import', 'invitation', 'manual', 'scim']);
    const orgs = value(await core.invoke('orgs:list'));
    expect(orgs.every((org) => org.ownerCount >= 1)).toBe(true);
    expect(orgs.find((org) => org.name === 'Engineering')!.memberCount).toBeGreaterThan(orgs.find((org) => org.name === 'Legal')?.memberCount ?? 0);
    const perMember = core.db.prepare('SELECT count(*) AS n FROM org_memberships GROUP BY account_id').pluck().all() as number[];
    expect(perMember).toHaveLength(2000);
    expect(Math.min(...perMember)).toBe(1);
    expect(Math.max(...perMember)).toBe(3);
  });

  it('has teams in the pattern of the seed: Admins on all organizations, Developers on Engineering, Product Managers on Product', { timeout: 30_000 }, async () => {
    const core = await demoCore({ members: 2000, seed: 3 });
    const teams = value(await core.invoke('teams:list'));
    expect(teams).toHaveLength(40);
    const byName = new Map(teams.map((team) => [team.name, team]));
    expect(byName.get('Admins')).toMatchObject({ role: 'admin', allOrgs: true, memberCount: 4 });
    expect(byName.get('Developers')).toMatchObject({ role: 'member', organizations: [{ name: 'Engineering' }], memberCount: 400 });
    expect(byName.get('Product Managers')).toMatchObject({ organizations: [{ name: 'Product' }] });
    expect(teams.some((team) => team.source === 'scim')).toBe(true);
    expect(teams.every((team) => team.memberCount >= 4 && (team.allOrgs || team.organizations.length >= 1))).toBe(true);
  });

  it('has a plausible team history: members seated by the time each team was made, links only to organizations that existed by then', { timeout: 30_000 }, async () => {
    const core = await demoCore({ members: 2000, seed: 3 });
    const early = (sql: string) => core.db.prepare(sql).all();
    expect(early(`SELECT t.name, a.email FROM team_members tm JOIN teams t ON t.id = tm.team_id JOIN members m ON m.account_id = tm.account_id
      JOIN accounts a ON a.id = m.account_id WHERE m.seat_since > t.created_at OR tm.since < t.created_at`)).toEqual([]);
    expect(early(`SELECT t.name, o.name FROM team_orgs x JOIN teams t ON t.id = x.team_id JOIN organizations o ON o.id = x.org_id
      WHERE o.created_at > t.created_at OR x.since < t.created_at`)).toEqual([]);
    expect(early(`SELECT o.name, a.email FROM org_memberships om JOIN organizations o ON o.id = om.org_id JOIN members m ON m.account_id = om.account_id
      JOIN accounts a ON a.id = m.account_id WHERE om.since < o.created_at OR om.since < m.seat_since`)).toEqual([]);
    // Each organization's owner came first (its creator, for one made after they were seated).
    const firsts = early(`SELECT o.name, (SELECT role FROM org_memberships WHERE org_id = o.id ORDER BY since, account_id LIMIT 1) AS role FROM organizations o`) as { role: string }[];
    expect(firsts.every((org) => org.role === 'owner')).toBe(true);
    const teams = value(await core.invoke('teams:list'));
    expect(Math.min(...teams.map((team) => Date.parse(team.createdAt)))).toBeGreaterThan(Date.parse('2025-04-27T12:00:00.000Z'));
  });

  it('claims acme.example: verified the day it was set up, capturing new accounts, its captured people joining Developers from lately', async () => {
    const core = await demoCore({ members: 400, seed: 2 });
    const [acme, labs] = value(await core.invoke('domains:list'));
    expect(acme).toMatchObject({
      domain: DEMO_DOMAIN,
      verified: true,
      verifiedBy: 'dns',
      verifiedAt: '2025-04-27T14:00:00.000Z',
      capture: true,
      lock: false,
      defaultTeam: { name: 'Developers' },
      lastCheck: { outcome: 'verified', message: `Found ${acme!.record.value} at _roster-challenge.${DEMO_DOMAIN}.` },
      waitingCount: 0,
    });
    expect(labs).toMatchObject({ domain: DEMO_UNVERIFIED_DOMAIN, verified: false, capture: false, lastCheck: { outcome: 'nxdomain' } });
    expect(Date.parse(labs!.createdAt)).toBeGreaterThan(Date.parse('2026-05-25T00:00:00.000Z'));
    // Everyone who holds a seat by domain capture signed up after capture was switched on.
    const captured = core.db.prepare(`SELECT min(seat_since) AS first, count(*) AS n FROM members WHERE source = 'domain_capture'`).get() as { first: string; n: number };
    expect(captured.n).toBeGreaterThan(0);
    expect(captured.first > '2025-04-27T14:05:00.000Z').toBe(true);
    const audit = createAuditRepository(core.db).list();
    expect(audit.filter((event) => event.action.startsWith('domain.')).map((event) => `${event.action} ${event.targetLabel}`)).toEqual([
      `domain.add ${DEMO_DOMAIN}`,
      `domain.verify ${DEMO_DOMAIN}`,
      `domain.capture ${DEMO_DOMAIN}`,
      `domain.team ${DEMO_DOMAIN}`,
      `domain.add ${DEMO_UNVERIFIED_DOMAIN}`,
    ]);
  });

  it('has unmanaged accounts on acme.example: people who signed up before the enterprise, one of them invited since, none waiting', async () => {
    const core = await demoCore({ members: 400, seed: 2 });
    const unmanaged = value(await core.invoke('domains:unmanaged', { limit: 500 }));
    expect(unmanaged.total).toBe(demoUnmanagedCount(400));
    expect(demoUnmanagedCount(120)).toBe(3);
    expect(unmanaged.rows.every((row) => row.domain === DEMO_DOMAIN && row.createdAt < '2025-04-27T12:00:00.000Z' && row.waitingSince === null)).toBe(true);
    expect(unmanaged.rows.filter((row) => row.invitedUntil !== null)).toHaveLength(1);
    expect(unmanaged.rows.some((row) => row.lastLoginAt !== null)).toBe(true);
    // The invitation to one of them is among the demo's pending ones, and takes a seat like the others.
    expect(value(await core.invoke('seats:usage'))).toMatchObject({ members: 400, pendingInvitations: 12 });
  });

  it('announces every area it fills, teams, domains and activity included', async () => {
    const core = testCore({ now: fixedClock('2026-06-01T12:00:00.000Z').now });
    const announced: string[][] = [];
    core.on('changed', ({ areas }) => announced.push(areas));
    value(await core.invoke('enterprise:createDemo', { members: 10 }));
    expect(announced).toEqual([['enterprise', 'orgs', 'seats', 'teams', 'domains', 'activity']]);
  });

  it.each([1, 2, 5, 8, 9, 10, 11])('works for as few as %i members', async (members) => {
    const core = await demoCore({ members });
    expect(value(await core.invoke('seats:usage'))).toMatchObject({ members, free: expect.any(Number) });
  });

  // The second demo's history (400 days) begins after tracking did (2025-05-20): its legacy members' accounts are older than the enterprise.
  it.each(['2026-06-01T12:00:00.000Z', '2027-03-01T09:00:00.000Z'])('has members active lately, some gone quiet into each span of the Last Active rule, some never active and a few legacy (as of %s)', async (now) => {
    const core = await demoCore({}, now);
    const summary = value(await core.invoke('report:summary'));
    expect(summary.members).toBe(120);
    expect(summary.buckets.upTo30).toBeGreaterThan(summary.members / 2);
    expect(summary.buckets.upTo60 + summary.buckets.shown).toBeGreaterThan(0);
    expect(summary.buckets.blank).toBeGreaterThan(0);
    expect(summary.buckets.na).toBeGreaterThan(0);
    expect(summary.buckets.legacy).toBeGreaterThan(0);
    // Legacy members logged in before tracking began and never opened the client.
    const legacy = value(await core.invoke('report:page', { selection: { bucket: 'legacy' }, limit: 500 })).rows;
    expect(legacy.every((row) => row.lastActive < summary.rule.trackingSince)).toBe(true);
  });

  it('keeps day-by-day activity only within the retention window, consistent with each last login and last active time', async () => {
    const core = await demoCore({ members: 400, seed: 5 });
    const keptFrom = firstKeptDay(new Date('2026-06-01T12:00:00.000Z'), 90);
    const days = core.db.prepare('SELECT min(day) AS first, max(day) AS last, count(*) AS n FROM activity_days').get() as { first: string; last: string; n: number };
    expect(days.first >= keptFrom).toBe(true);
    expect(days.last).toBe('2026-06-01');
    expect(days.n).toBeGreaterThan(400 * 20);
    const query = (sql: string) => core.db.prepare(sql).all();
    // No open before the seat, no login or open after the demo's moment, and the last login on or before the last open.
    // Only legacy members logged in before their seat: before tracking began, with an account older still.
    expect(query(`SELECT a.email FROM members m JOIN accounts a ON a.id = m.account_id
      WHERE (a.last_login_at < m.seat_since AND (a.last_active_at IS NOT NULL OR a.last_login_at >= '2025-05-20' OR a.created_at > a.last_login_at))
        OR a.last_active_at <= m.seat_since OR a.last_login_at > a.last_active_at
        OR a.last_active_at > '2026-06-01T12:00:00.000Z' OR (a.last_active_at IS NOT NULL AND a.last_login_at IS NULL)`)).toEqual([]);
    expect(query(`SELECT d.account_id FROM activity_days d JOIN members m ON m.account_id = d.account_id WHERE d.day <= substr(m.seat_since, 1, 10)`)).toEqual([]);
    // The last active day is the last kept day, where it is still kept.
    expect(query(`SELECT a.email FROM accounts a WHERE substr(a.last_active_at, 1, 10) >= '${keptFrom}'
      AND substr(a.last_active_at, 1, 10) IS NOT (SELECT max(day) FROM activity_days WHERE account_id = a.id)`)).toEqual([]);
    expect(query(`SELECT account_id FROM activity_days d JOIN accounts a ON a.id = d.account_id WHERE d.day > substr(a.last_active_at, 1, 10) OR a.last_active_at IS NULL`)).toEqual([]);
  });

  it('is the same activity for the same seed, and other activity for another', async () => {
    const activity = async (seed: number) => {
      const core = await demoCore({ seed });
      return {
        days: core.db.prepare('SELECT * FROM activity_days ORDER BY 1, 2').all(),
        accounts: core.db.prepare('SELECT id, last_login_at, last_active_at FROM accounts ORDER BY id').all(),
      };
    };
    const one = await activity(4);
    expect(one.days.length).toBeGreaterThan(0);
    expect(await activity(4)).toEqual(one);
    expect((await activity(5)).days).not.toEqual(one.days);
  });

  it('has more members active on weekdays than at weekends, day by day', async () => {
    const core = await demoCore({ members: 400 });
    const { daily } = value(await core.invoke('report:summary'));
    expect(daily).toHaveLength(91);
    // Whole days only: the demo's own day (2026-06-01, a Monday) is half over.
    const mean = (weekend: boolean) => {
      const counts = daily.slice(0, -1).filter((entry) => [0, 6].includes(new Date(`${entry.day}T00:00:00Z`).getUTCDay()) === weekend).map((entry) => entry.members);
      return counts.reduce((sum, n) => sum + n, 0) / counts.length;
    };
    expect(mean(false)).toBeGreaterThan(3 * mean(true));
    expect(mean(true)).toBeGreaterThan(0);
  });

  it('records its activity as one audit event, not one a day', async () => {
    const core = await demoCore({});
    const events = createAuditRepository(core.db).list().filter((event) => event.targetType === 'activity');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'activity.demo', targetLabel: `from ${firstKeptDay(new Date('2026-06-01T12:00:00.000Z'), 90)}` });
  });

  it('refuses a database that already holds an enterprise, and adds nothing to it', async () => {
    const core = await coreWithEnterprise();
    const result = await core.invoke('enterprise:createDemo', { members: 1000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'ENTERPRISE_EXISTS' } });
    expect(core.db.prepare('SELECT count(*) FROM organizations').pluck().get()).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(1);
  });
});
