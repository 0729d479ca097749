import type { ReportRule } from './schemas/settings';

/**
 * The Last Active rule in force, in the one sentence the Reports screen and the command line state (docs/RULES.md, A3).
 * `day` writes the tracking start: the command line keeps YYYY-MM-DD, a screen passes its own date format.
 */
export function describeRule(rule: ReportRule, day: (isoDay: string) => string = (isoDay) => isoDay): string {
  return (
    `Last Active shows the day a member last opened the client or logged in when that was at most ${rule.shownDays} days ago, ` +
    `is left empty from ${rule.shownDays + 1} to ${rule.blankDays} days, and says N/A after that or if they never did; ` +
    `members whose last login was before ${day(rule.trackingSince)}, when activity began to be tracked, and who have done nothing since, show that login's date.`
  );
}
