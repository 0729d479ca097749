import type { Core } from '../core';

/** Unwraps an ok Result in a test, failing loudly with the error message otherwise. */
export function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error.message}`);
  return result.value;
}

export async function addMembers(core: Core, ...emails: string[]) {
  const added = [];
  for (const email of emails) added.push(value(await core.invoke('members:add', { email })));
  return added;
}

/** A member whose last activity and last login are exactly these (ISO 8601, or null); the day of the activity is kept too. */
export async function memberSeen(core: Core, email: string, facts: { active?: string | null; login?: string | null } = {}) {
  const [added] = await addMembers(core, email);
  core.db.prepare('UPDATE accounts SET last_active_at = ?, last_login_at = ? WHERE id = ?').run(facts.active ?? null, facts.login ?? null, added!.accountId);
  if (facts.active) core.db.prepare('INSERT OR IGNORE INTO activity_days (account_id, day) VALUES (?, ?)').run(added!.accountId, facts.active.slice(0, 10));
  return added!;
}

export async function usage(core: Core) {
  return value(await core.invoke('seats:usage'));
}

/** Row counts of the tables a seat change touches, to prove a refusal changed nothing. */
export function snapshot(core: Core) {
  const count = (table: string) => core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
  return {
    accounts: count('accounts'),
    members: count('members'),
    invitations: core.db.prepare('SELECT id, status, sent_at, expires_at FROM invitations ORDER BY id').all(),
    orgMemberships: count('org_memberships'),
    audit: count('audit_events'),
    seats: core.db.prepare('SELECT seats FROM enterprise').pluck().get(),
  };
}

export const DAY_MS = 24 * 60 * 60 * 1000;
