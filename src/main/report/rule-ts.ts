import type { ReportMoment } from './rule-sql';

/**
 * The Last Active rule (docs/RULES.md, A1 and A3) for the CSV's pass over every
 * member, worked out here from each member's last open and last login as of the
 * moment (read by CSV_FACTS), step for step as RULED in rule-sql.ts works it out
 * in SQL. At a million members SQLite working it out cost about 1.4 s of CPU on
 * top of the plain read; here each distinct day's age is worked out once.
 * Everything else (the preview, the buckets, the release of idle seats, Last
 * Active by id, filtered CSVs) keeps RULED: csv-same.test.ts checks on members
 * at every edge of the rule that the CSV and the preview say the same.
 */

/** Julian day number of a `YYYY-MM-DD` text as SQLite's julianday() reads it (a day past its month runs on into the next), or null where it reads none. */
function julianDay(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const month = Number(match[2]);
  const date = Number(match[3]);
  if (month < 1 || month > 12 || date < 1 || date > 31) return null;
  const moment = new Date(0);
  moment.setUTCFullYear(Number(match[1]), month - 1, date);
  return moment.getTime() / 86_400_000;
}

/**
 * For one moment and rule: Last Active and Days Inactive (null: empty) of a
 * member from `openedAt` (their last open at or before the moment, or the last
 * kept day before it) and `loginAt` (their last login at or before it).
 */
export function csvRule({ asOf, rule }: ReportMoment): (openedAt: string | null, loginAt: string | null) => [string, number | null] {
  const { shownDays, blankDays, trackingSince } = rule;
  const reportDay = julianDay(asOf.slice(0, 10));
  const ages = new Map<string, number | null>();
  /** max(0, CAST(julianday(asOfDay) - julianday(substr(at, 1, 10)) AS INTEGER)), null where SQLite's is NULL. */
  const ageOf = (at: string): number | null => {
    const day = at.slice(0, 10);
    let age = ages.get(day);
    if (age === undefined) {
      const then = julianDay(day);
      age = reportDay === null || then === null ? null : Math.max(0, Math.trunc(reportDay - then));
      ages.set(day, age);
    }
    return age;
  };
  return (openedAt, loginAt) => {
    const loginDay = loginAt === null ? null : loginAt.slice(0, 10);
    const activeAt = loginAt !== null && loginDay! >= trackingSince && (openedAt === null || loginAt > openedAt) ? loginAt : openedAt;
    if (loginAt !== null && loginDay! < trackingSince && (activeAt === null || activeAt <= loginAt)) return [loginDay!, ageOf(loginAt)];
    if (activeAt === null) return ['N/A', null];
    const age = ageOf(activeAt);
    if (age !== null && age <= shownDays) return [activeAt.slice(0, 10), age];
    if (age !== null && age <= blankDays) return ['', null];
    return ['N/A', null];
  };
}
