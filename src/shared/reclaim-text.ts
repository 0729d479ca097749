import type { SkipReason } from './schemas/reclaim';
import { countOf } from './text';

/**
 * Why members the admin confirmed kept their seats, in one phrase shared by the
 * app and the command line: "2 active since the review, 1 no longer holding a seat".
 */
export function describeSkipped(skipped: Record<SkipReason, number>): string {
  const parts: string[] = [];
  if (skipped.active > 0) parts.push(`${countOf(skipped.active, 'member')} active since the review`);
  if (skipped.noSeat > 0) parts.push(`${countOf(skipped.noSeat, 'member')} no longer holding a seat`);
  if (skipped.scim > 0) parts.push(`${countOf(skipped.scim, 'member')} now managed by the identity provider`);
  if (skipped.owner > 0) parts.push(`${countOf(skipped.owner, 'member')} now owning an organization`);
  return parts.join(', ');
}

/** What one skipped member's reason says beside their address. */
export const skipReasonText: Record<SkipReason, string> = {
  active: 'active since the review',
  noSeat: 'no longer holds a seat',
  scim: 'now managed by the identity provider',
  owner: 'now owns an organization',
};

/** "Left out: 12 managed by the identity provider (SCIM), 3 organization owners." for counts the switches leave out, or ''. */
export function describeLeftOut(counts: { scim: number; owners: number }, inclusion: { includeScim: boolean; includeOwners: boolean }): string {
  const parts: string[] = [];
  if (!inclusion.includeScim && counts.scim > 0) parts.push(`${counts.scim.toLocaleString('en-US')} managed by the identity provider (SCIM)`);
  if (!inclusion.includeOwners && counts.owners > 0) parts.push(`${countOf(counts.owners, 'organization owner')}`);
  return parts.length > 0 ? `Left out: ${parts.join(', ')}.` : '';
}
