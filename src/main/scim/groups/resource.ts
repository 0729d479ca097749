import { GROUP_SCHEMA } from '../discovery';
import { etagOf } from '../resources';
import type { GroupMemberRow, GroupRow, MembersDigest } from './repository';

/**
 * meta.version: a weak ETag of the group's own attributes and of who is in it
 * (count and sums of the member ids, read from the primary-key index), so it is
 * the same whether or not an answer carries the members, and a list that leaves
 * them out never reads them. A member's display name is the user's, not the group's.
 */
export function groupVersion(row: GroupRow, digest: MembersDigest): string {
  return etagOf({ id: row.scimId, displayName: row.name, externalId: row.externalId, lastModified: row.lastModified, members: [digest.count, digest.sum, digest.squares] });
}

/**
 * When a change made `now` is stamped: `now`, or a millisecond after the
 * group's last change when the clock has not moved past it. So every change
 * moves meta.lastModified on, and meta.version with it, even for two writes in
 * one millisecond (group commit makes that common) whose member lists have the
 * same count and sums ({1,5,6} and {2,3,7} agree in all three).
 */
export function changeStamp(previous: string, now: Date): Date {
  const after = Date.parse(previous) + 1;
  return Number.isNaN(after) || now.getTime() >= after ? now : new Date(after);
}

/**
 * A team with source 'scim' as a SCIM Group (RFC 7643 section 4.2). `members`
 * is null when the client asked not to have them; base is the server's
 * /scim/v2 URL as the client reached it.
 */
export function groupResource(row: GroupRow, members: GroupMemberRow[] | null, version: string, base: string): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA],
    id: row.scimId,
    ...(row.externalId === null ? {} : { externalId: row.externalId }),
    displayName: row.name,
    ...(members === null
      ? {}
      : { members: members.map((member) => ({ value: member.scimId, $ref: `${base}/Users/${member.scimId}`, display: member.display, type: 'User' })) }),
    meta: { resourceType: 'Group', created: row.created, lastModified: row.lastModified, location: `${base}/Groups/${row.scimId}`, version },
  };
}
