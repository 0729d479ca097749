import { useState } from 'react';
import type { AppError } from '@shared/errors';
import type { Result } from '@shared/result';
import { countOf } from '@shared/text';
import { Dialog } from '../../components/Dialog';

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
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const seats = members + invitations;

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    const result = await onConfirm();
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Dialog
      tone="danger"
      title={who ? `Remove ${who} from Licenses?` : `Release ${countOf(seats, 'seat')}?`}
      description={
        <>
          <p>
            {who ? 'Their seat' : seats === 1 ? 'The seat' : `These ${seats.toLocaleString()} seats`} will be free at once.
          </p>
          <ul className="consequences">
            {members > 0 ? (
              <li>
                {who ? 'They lose' : `${countOf(members, 'member')} lose`} access to every organization and team. The account stays and can be given a
                seat again later.
              </li>
            ) : null}
            {invitations > 0 ? <li>{countOf(invitations, 'pending invitation')} will be revoked.</li> : null}
          </ul>
        </>
      }
      onClose={onClose}
      onSubmit={() => void confirm()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="submit" className="button danger" disabled={busy}>
            {who ? 'Remove from Licenses' : `Release ${countOf(seats, 'seat')}`}
          </button>
        </>
      }
    >
      {error ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </Dialog>
  );
}
