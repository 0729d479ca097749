import type { ActivityBucket } from '@shared/schemas/report';
import type { ReportRule } from '@shared/schemas/settings';
import { countOf } from '@shared/text';
import { formatDay } from '../../lib/format';

/** The chart's order: most recently active first, then the blank span, N/A, and logins from before tracking. */
export const BUCKET_ORDER: ActivityBucket[] = ['upTo30', 'upTo60', 'shown', 'blank', 'na', 'legacy'];

/** What each Last Active bucket holds, with the rule's own numbers. */
export function bucketLabel(bucket: ActivityBucket, rule: ReportRule): string {
  const thirty = Math.min(30, rule.shownDays);
  const sixty = Math.min(60, rule.shownDays);
  switch (bucket) {
    case 'upTo30':
      return `0–${thirty} days ago`;
    case 'upTo60':
      return `${thirty + 1}–${sixty} days ago`;
    case 'shown':
      return `${sixty + 1}–${rule.shownDays} days ago`;
    case 'blank':
      return `${rule.shownDays + 1}–${rule.blankDays} days ago (left empty)`;
    case 'na':
      return `Over ${rule.blankDays} days ago, or never (N/A)`;
    case 'legacy':
      return `Last login before ${formatDay(rule.trackingSince)}`;
  }
}

/**
 * A bucket button's accessible name: its visible words first, in their order
 * ("0–30 days ago", "86", "(72%)"), so someone who reads the screen and speaks
 * to a voice control finds it, then what the number counts.
 */
export function bucketName(bucket: ActivityBucket, rule: ReportRule, count: number, share: number): string {
  return `${bucketLabel(bucket, rule)}: ${countOf(count, 'member')} (${share}%)`;
}

/** A bucket's share of the members, a whole percentage (0 with nobody to count). */
export function bucketShare(count: number, members: number): number {
  return members === 0 ? 0 : Math.round((count / members) * 100);
}

/** Buckets that cannot hold anyone under this rule (the shown span is shorter than 60 days, say) are left out. */
export function bucketsFor(rule: ReportRule): ActivityBucket[] {
  return BUCKET_ORDER.filter((bucket) => (bucket === 'upTo60' ? rule.shownDays > 30 : bucket === 'shown' ? rule.shownDays > 60 : bucket === 'blank' ? rule.blankDays > rule.shownDays : true));
}
