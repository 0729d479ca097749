import type { DiffChange } from '@shared/schemas/diff';
import type { Db } from '../db/open';

/**
 * The diff's sections about things: teams and organizations (by id and
 * creation time), invitations (the same), domains (by name, unique in a
 * store) and SCIM tokens (by id and creation time). NEW is `main`, OLD is `old`.
 */

const run = (db: Db, sql: string, params: Record<string, string> = {}) => db.prepare(sql).all(params) as DiffChange[];
const onOff = (column: string) => `CASE ${column} WHEN 1 THEN 'on' ELSE 'off' END`;

/** Teams made, deleted, renamed, their role and "all organizations" switch, and their links to organizations. */
export function teamChanges(db: Db): DiffChange[] {
  const pair = `main.teams n JOIN old.teams o ON o.id = n.id AND o.created_at = n.created_at`;
  const link = (schema: string) => `
    SELECT t.id AS team_id, t.created_at AS team_created, t.name AS team, t.name_key, g.id AS org_id, g.created_at AS org_created, g.name AS org
    FROM ${schema}.team_orgs tl JOIN ${schema}.teams t ON t.id = tl.team_id JOIN ${schema}.organizations g ON g.id = tl.org_id`;
  const missing = (other: string) => `NOT EXISTS (SELECT 1 FROM ${other}.team_orgs xl JOIN ${other}.teams xt ON xt.id = xl.team_id JOIN ${other}.organizations xg ON xg.id = xl.org_id
    WHERE xl.team_id = s.team_id AND xl.org_id = s.org_id AND xt.created_at = s.team_created AND xg.created_at = s.org_created)`;
  return run(
    db,
    `SELECT kind, subject, detail, old, new FROM (
      SELECT 'created' AS kind, n.name AS subject, '' AS detail, NULL AS old, n.role AS new, n.name_key AS k FROM main.teams n
        WHERE NOT EXISTS (SELECT 1 FROM old.teams o WHERE o.id = n.id AND o.created_at = n.created_at)
      UNION ALL
      SELECT 'deleted', o.name, '', o.role, NULL, o.name_key FROM old.teams o
        WHERE NOT EXISTS (SELECT 1 FROM main.teams n WHERE o.id = n.id AND o.created_at = n.created_at)
      UNION ALL
      SELECT 'renamed', n.name, '', o.name, n.name, n.name_key FROM ${pair} WHERE o.name <> n.name
      UNION ALL
      SELECT 'role changed', n.name, '', o.role, n.role, n.name_key FROM ${pair} WHERE o.role <> n.role
      UNION ALL
      SELECT 'all organizations', n.name, '', ${onOff('o.all_orgs')}, ${onOff('n.all_orgs')}, n.name_key FROM ${pair} WHERE o.all_orgs <> n.all_orgs
      UNION ALL
      SELECT 'linked', s.team, s.org, NULL, 'linked', s.name_key FROM (${link('main')}) s WHERE ${missing('old')}
      UNION ALL
      SELECT 'unlinked', s.team, s.org, 'linked', NULL, s.name_key FROM (${link('old')}) s WHERE ${missing('main')})
    ORDER BY k, kind, detail`,
  );
}

/** Organizations made, deleted and renamed. */
export function organizationChanges(db: Db): DiffChange[] {
  return run(
    db,
    `SELECT kind, subject, detail, old, new FROM (
      SELECT 'created' AS kind, n.name AS subject, '' AS detail, NULL AS old, n.name AS new, n.name_key AS k FROM main.organizations n
        WHERE NOT EXISTS (SELECT 1 FROM old.organizations o WHERE o.id = n.id AND o.created_at = n.created_at)
      UNION ALL
      SELECT 'deleted', o.name, '', o.name, NULL, o.name_key FROM old.organizations o
        WHERE NOT EXISTS (SELECT 1 FROM main.organizations n WHERE o.id = n.id AND o.created_at = n.created_at)
      UNION ALL
      SELECT 'renamed', n.name, '', o.name, n.name, n.name_key FROM main.organizations n JOIN old.organizations o ON o.id = n.id AND o.created_at = n.created_at
        WHERE o.name <> n.name)
    ORDER BY k, kind`,
  );
}

/** An invitation's state at the file's moment: pending, expired (pending past its expiry), accepted or revoked. */
const state = (alias: string, asOf: string) => `CASE WHEN ${alias}.status = 'pending' AND ${alias}.expires_at <= ${asOf} THEN 'expired' ELSE ${alias}.status END`;

/** Invitations sent (with their state now), accepted, revoked, expired, resent, and gone. */
export function invitationChanges(db: Db, asOf: { old: string; new: string }): DiffChange[] {
  const pair = 'main.invitations n JOIN old.invitations o ON o.id = n.id AND o.created_at = n.created_at';
  const was = state('o', '@oldAsOf');
  const now = state('n', '@newAsOf');
  return run(
    db,
    `SELECT kind, subject, detail, old, new FROM (
      SELECT 'sent' AS kind, n.email AS subject, n.role AS detail, NULL AS old, ${now} AS new, n.email_key AS k, n.id FROM main.invitations n
        WHERE NOT EXISTS (SELECT 1 FROM old.invitations o WHERE o.id = n.id AND o.created_at = n.created_at)
      UNION ALL
      SELECT 'gone', o.email, o.role, ${was}, NULL, o.email_key, o.id FROM old.invitations o
        WHERE NOT EXISTS (SELECT 1 FROM main.invitations n WHERE o.id = n.id AND o.created_at = n.created_at)
      UNION ALL
      SELECT CASE WHEN ${now} = 'pending' THEN 'resent' ELSE ${now} END, n.email, n.role, ${was}, ${now}, n.email_key, n.id FROM ${pair}
        WHERE ${was} <> ${now} OR (${now} = 'pending' AND o.expires_at <> n.expires_at))
    ORDER BY k, id, kind`,
    { oldAsOf: asOf.old, newAsOf: asOf.new },
  );
}

/** Domains added and removed, verified (or no longer), and their capture, lock and subdomain switches. */
export function domainChanges(db: Db): DiffChange[] {
  const pair = 'main.domains n JOIN old.domains o ON o.domain = n.domain';
  const verified = (alias: string) => `CASE WHEN ${alias}.verified_at IS NULL THEN 'not verified' ELSE 'verified' END`;
  const switched = (column: string, name: string) =>
    `SELECT '${name}', n.domain, '', ${onOff(`o.${column}`)}, ${onOff(`n.${column}`)} FROM ${pair} WHERE o.${column} <> n.${column}`;
  return run(
    db,
    `SELECT kind, subject, detail, old, new FROM (
      SELECT 'added' AS kind, n.domain AS subject, '' AS detail, NULL AS old, ${verified('n')} AS new FROM main.domains n
        WHERE NOT EXISTS (SELECT 1 FROM old.domains o WHERE o.domain = n.domain)
      UNION ALL
      SELECT 'removed', o.domain, '', ${verified('o')}, NULL FROM old.domains o WHERE NOT EXISTS (SELECT 1 FROM main.domains n WHERE o.domain = n.domain)
      UNION ALL
      SELECT CASE WHEN n.verified_at IS NULL THEN 'verification lost' ELSE 'verified' END, n.domain, '', ${verified('o')}, ${verified('n')}
        FROM ${pair} WHERE (o.verified_at IS NULL) <> (n.verified_at IS NULL)
      UNION ALL ${switched('capture', 'capture')}
      UNION ALL ${switched('lock', 'lock')}
      UNION ALL ${switched('include_subdomains', 'subdomains')})
    ORDER BY subject, kind`,
  );
}

/** A token's state at the file's moment: active, expired or revoked. */
const tokenState = (alias: string, asOf: string) =>
  `CASE WHEN ${alias}.revoked_at IS NOT NULL THEN 'revoked' WHEN ${alias}.expires_at IS NOT NULL AND ${alias}.expires_at <= ${asOf} THEN 'expired' ELSE 'active' END`;

/** SCIM tokens created, revoked, expired and deleted (their secrets are never read: only names and times). */
export function scimTokenChanges(db: Db, asOf: { old: string; new: string }): DiffChange[] {
  const was = tokenState('o', '@oldAsOf');
  const now = tokenState('n', '@newAsOf');
  return run(
    db,
    `SELECT kind, subject, detail, old, new FROM (
      SELECT 'created' AS kind, n.name AS subject, '' AS detail, NULL AS old, ${now} AS new, n.name_key AS k FROM main.scim_tokens n
        WHERE NOT EXISTS (SELECT 1 FROM old.scim_tokens o WHERE o.id = n.id AND o.created_at = n.created_at)
      UNION ALL
      SELECT 'deleted', o.name, '', ${was}, NULL, o.name_key FROM old.scim_tokens o
        WHERE NOT EXISTS (SELECT 1 FROM main.scim_tokens n WHERE o.id = n.id AND o.created_at = n.created_at)
      UNION ALL
      SELECT ${now}, n.name, '', ${was}, ${now}, n.name_key FROM main.scim_tokens n JOIN old.scim_tokens o ON o.id = n.id AND o.created_at = n.created_at
        WHERE ${was} <> ${now})
    ORDER BY k, kind`,
    { oldAsOf: asOf.old, newAsOf: asOf.new },
  );
}
