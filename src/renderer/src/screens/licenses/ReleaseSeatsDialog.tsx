import type { Result } from '@shared/result';
import { countOf } from '@shared/text';
import { ConfirmDialog } from '../../components/ConfirmDialog';

interface ReleaseSeatsDialogProps {
  members: number;
  invitations: number;
  /** Named when a single person's seat is released. */
  who?: string;
  onConfirm: () => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Asks before seats are released, and says exactly what will happen to how many. */
export function ReleaseSeatsDialog({ members, invitations, who, onConfirm, onClose }: ReleaseSeatsDialogProps) {
  const seats = members + invitations;
  return (
    <ConfirmDialog
      title={who ? `Remove ${who} from Licenses?` : `Release ${countOf(seats, 'seat')}?`}
      body={
        <>
          <p>
            {who ? 'Their seat' : seats === 1 ? 'The seat' : `These ${seats.toLocaleString()} seats`} will be free at once.
          </p>
          <ul className="consequences">
            {members > 0 ? (
              <li>
                {who ? 'They lose' : members === 1 ? '1 member loses' : `${countOf(members, 'member')} lose`} access to every organization and team. The account stays and can be given a
                seat again later.
              </li>
            ) : null}
            {invitations > 0 ? <li>{countOf(invitations, 'pending invitation')} will be revoked.</li> : null}
          </ul>
        </>
      }
      confirmLabel={who ? 'Remove from Licenses' : `Release ${countOf(seats, 'seat')}`}
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
