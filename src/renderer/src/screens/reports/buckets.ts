import type { ActivityBucket } from '@shared/schemas/report';
import type { ReportRule } from '@shared/schemas/settings';

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
      return `Last login before ${rule.trackingSince}`;
  }
}

/** Buckets that cannot hold anyone under this rule (the shown span is shorter than 60 days, say) are left out. */
export function bucketsFor(rule: ReportRule): ActivityBucket[] {
  return BUCKET_ORDER.filter((bucket) => (bucket === 'upTo60' ? rule.shownDays > 30 : bucket === 'shown' ? rule.shownDays > 60 : bucket === 'blank' ? rule.blankDays > rule.shownDays : true));
}
