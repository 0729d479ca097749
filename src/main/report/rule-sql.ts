import type { ReportRule } from '@shared/schemas/settings';

/** The moment a report is made as of, and the rule in force. */
export interface ReportMoment {
  /** ISO 8601 in UTC. */
  asOf: string;
  rule: ReportRule;
}

/**
 * THE Last Active rule (docs/RULES.md, A1 and A3) in one query, used by the
 * filtered CSV, the preview, the chart's buckets, the release of idle seats and every
 * list that shows a member's Last Active (last-active.ts) alike; the whole CSV
 * works it out step for step in TypeScript (rule-ts.ts), and csv-same.test.ts
 * holds the two to the same answers.
 * Ages are whole UTC calendar days from the day of the event to the day of the
 * report. An account's last activity after the report's moment does not count;
 * the latest kept day at or before it stands in (older detail is gone). A
 * login on or after the day tracking began is activity too (nobody logs in
 * without opening the client); an earlier one is only a login, shown by the
 * legacy rule when nothing came after it.
 */
const ruled = (from: { facts: string; seen: string; aged: string }) => `
  WITH facts AS (
    SELECT a.id AS accountId, a.email, a.email_key, a.name, a.name_fold, a.sort_key,
      m.seat_since AS seatSince, m.source AS seatSource,
      CASE
        WHEN a.last_active_at <= @asOf THEN a.last_active_at
        WHEN a.last_active_at IS NOT NULL THEN (SELECT max(d.day) FROM activity_days d WHERE d.account_id = a.id AND d.day <= @asOfDay)
      END AS openedAt,
      CASE WHEN a.last_login_at <= @asOf THEN a.last_login_at END AS loginAt
    FROM members m JOIN accounts a ON a.id = m.account_id
  ),
  seen AS (
    SELECT *,
      CASE
        WHEN loginAt IS NOT NULL AND substr(loginAt, 1, 10) >= @trackingSince AND (openedAt IS NULL OR loginAt > openedAt) THEN loginAt
        ELSE openedAt
      END AS activeAt
    FROM ${from.facts}
  ),
  aged AS (
    SELECT *,
      (loginAt IS NOT NULL AND substr(loginAt, 1, 10) < @trackingSince AND (activeAt IS NULL OR activeAt <= loginAt)) AS legacy,
      max(0, CAST(julianday(@asOfDay) - julianday(substr(activeAt, 1, 10)) AS INTEGER)) AS activeAge,
      max(0, CAST(julianday(@asOfDay) - julianday(substr(loginAt, 1, 10)) AS INTEGER)) AS loginAge,
      max(0, CAST(julianday(@asOfDay) - julianday(substr(seatSince, 1, 10)) AS INTEGER)) AS seatAge
    FROM ${from.seen}
  ),
  ruled AS (
    SELECT accountId, email, email_key, name, name_fold, sort_key, seatSince, seatSource,
      CASE WHEN legacy THEN loginAt ELSE activeAt END AS lastAt,
      -- Only where Last Active shows a date: past the shown span the date is no longer kept, nor its age.
      CASE WHEN legacy THEN loginAge WHEN activeAt IS NOT NULL AND activeAge <= @shownDays THEN activeAge END AS daysInactive,
      CASE WHEN legacy THEN loginAge WHEN activeAt IS NULL THEN seatAge ELSE activeAge END AS idleDays,
      CASE
        WHEN legacy THEN substr(loginAt, 1, 10)
        WHEN activeAt IS NULL THEN 'N/A'
        WHEN activeAge <= @shownDays THEN substr(activeAt, 1, 10)
        WHEN activeAge <= @blankDays THEN ''
        ELSE 'N/A'
      END AS lastActive,
      CASE
        WHEN legacy THEN 'legacy'
        WHEN activeAt IS NULL THEN 'na'
        WHEN activeAge <= min(30, @shownDays) THEN 'upTo30'
        WHEN activeAge <= min(60, @shownDays) THEN 'upTo60'
        WHEN activeAge <= @shownDays THEN 'shown'
        WHEN activeAge <= @blankDays THEN 'blank'
        ELSE 'na'
      END AS bucket
    FROM ${from.aged}
  )`;

export const RULED = ruled({ facts: 'facts', seen: 'seen', aged: 'aged' });

/**
 * The same rule, for one pass over the members a filter selects in email order
 * (a filtered CSV; the whole CSV works the rule out in rule-ts.ts): each
 * step of it a subquery SQLite runs as a co-routine (LIMIT -1 keeps it from
 * being merged into the next), so each step's columns are worked out once per
 * member, where the merged query works an age out again at every use of it
 * (about a third less time at 100,000 members). Its rows come in email order
 * with no ORDER BY of their own; a query that orders them again would sort them
 * all. Not for reading a few members by id: a co-routine reads every member.
 */
export const RULED_IN_EMAIL_ORDER = ruled({
  facts: '(SELECT * FROM facts ORDER BY email_key LIMIT -1)',
  seen: '(SELECT * FROM seen LIMIT -1)',
  aged: '(SELECT * FROM aged LIMIT -1)',
});

/** The named parameters RULED reads. */
export function momentParams({ asOf, rule }: ReportMoment) {
  return { asOf, asOfDay: asOf.slice(0, 10), shownDays: rule.shownDays, blankDays: rule.blankDays, trackingSince: rule.trackingSince };
}
