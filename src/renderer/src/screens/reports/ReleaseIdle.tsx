import { describeSkipped, skipReasonText } from '@shared/reclaim-text';
import type { ReleaseInactiveResult } from '@shared/schemas/reclaim';
import type { Result } from '@shared/result';
import { countOf } from '@shared/text';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDay } from '../../lib/format';

/** Over this many seats, the admin types the count to confirm: one click should not free hundreds. */
export const TYPE_TO_CONFIRM_OVER = 50;

interface ReleaseIdleDialogProps {
  seats: number;
  inactiveDays: number;
  asOf: string;
  /** Of those chosen: how many the identity provider manages, and how many own an organization. */
  scim: number;
  owners: number;
  onConfirm: () => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Asks before the reviewed idle seats go, naming the count, and (over 50) has the admin type it. */
export function ReleaseIdleDialog({ seats, inactiveDays, asOf, scim, owners, onConfirm, onClose }: ReleaseIdleDialogProps) {
  const them = seats === 1 ? 'This member' : `These ${seats.toLocaleString()} members`;
  return (
    <ConfirmDialog
      title={`Release ${countOf(seats, 'seat')}?`}
      body={
        <>
          <p>
            {them} {seats === 1 ? 'has' : 'have'} been inactive for over {countOf(inactiveDays, 'day')} as of {formatDay(asOf.slice(0, 10))}.{' '}
            {seats === 1 ? 'Their seat is' : 'Their seats are'} free at once.
          </p>
          <ul className="consequences">
            <li>
              {seats === 1 ? 'They lose' : `${countOf(seats, 'member')} lose`} access to every organization and team. The accounts stay and can be given a seat again later.
            </li>
            {scim > 0 ? (
              <li>
                {countOf(scim, 'of them is', 'of them are')} managed by your identity provider, which may give {scim === 1 ? 'the seat' : 'their seats'} back at its next sync.
              </li>
            ) : null}
            {owners > 0 ? <li>{countOf(owners, 'of them owns', 'of them own')} an organization, which may be left without an owner.</li> : null}
            <li>Anyone who was active since the review, or changed, keeps the seat and is named afterwards.</li>
          </ul>
        </>
      }
      confirmLabel={`Release ${countOf(seats, 'seat')}`}
      typed={seats > TYPE_TO_CONFIRM_OVER ? { expected: String(seats), label: `Type ${seats} to confirm` } : undefined}
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}

/** What the last release did: how many seats went, and who kept theirs because they changed since the review. */
export function ReleaseOutcome({ outcome, inactiveDays }: { outcome: ReleaseInactiveResult; inactiveDays: number }) {
  const kept = Object.values(outcome.skipped).reduce((sum, count) => sum + count, 0);
  const unnamed = kept - outcome.skippedMembers.length;
  return (
    <div className="reclaim-outcome" role="status" aria-label="Last release">
      <p>
        Released {countOf(outcome.released, 'seat')} held by members inactive for over {countOf(inactiveDays, 'day')}.
        {kept > 0 ? ` ${countOf(kept, 'member')} kept ${kept === 1 ? 'the seat' : 'their seats'}, changed since the review: ${describeSkipped(outcome.skipped)}.` : ''}
      </p>
      {outcome.skippedMembers.length > 0 ? (
        <ul className="reclaim-skipped" aria-label="Kept their seats">
          {outcome.skippedMembers.map((member) => (
            <li key={member.accountId}>
              {member.email}: {skipReasonText[member.reason]}
            </li>
          ))}
          {unnamed > 0 ? <li className="muted">and {unnamed.toLocaleString()} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
