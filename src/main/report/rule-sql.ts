import type { ReportRule } from '@shared/schemas/settings';

/** The moment a report is made as of, and the rule in force. */
export interface ReportMoment {
  /** ISO 8601 in UTC. */
  asOf: string;
  rule: ReportRule;
}

/**
 * THE Last Active rule (docs/RULES.md, A1 and A3) in one query, used by the
 * CSV, the preview, the chart's buckets, the release of idle seats and every
 * list that shows a member's Last Active (last-active.ts) alike.
 * Ages are whole UTC calendar days from the day of the event to the day of the
 * report. An account's last activity after the report's moment does not count;
 * the latest kept day at or before it stands in (older detail is gone). A
 * login on or after the day tracking began is activity too (nobody logs in
 * without opening the client); an earlier one is only a login, shown by the
 * legacy rule when nothing came after it.
 */
export const RULED = `
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
    FROM facts
  ),
  aged AS (
    SELECT *,
      (loginAt IS NOT NULL AND substr(loginAt, 1, 10) < @trackingSince AND (activeAt IS NULL OR activeAt <= loginAt)) AS legacy,
      max(0, CAST(julianday(@asOfDay) - julianday(substr(activeAt, 1, 10)) AS INTEGER)) AS activeAge,
      max(0, CAST(julianday(@asOfDay) - julianday(substr(loginAt, 1, 10)) AS INTEGER)) AS loginAge,
      max(0, CAST(julianday(@asOfDay) - julianday(substr(seatSince, 1, 10)) AS INTEGER)) AS seatAge
    FROM seen
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
    FROM aged
  )`;

/** The named parameters RULED reads. */
export function momentParams({ asOf, rule }: ReportMoment) {
  return { asOf, asOfDay: asOf.slice(0, 10), shownDays: rule.shownDays, blankDays: rule.blankDays, trackingSince: rule.trackingSince };
}
