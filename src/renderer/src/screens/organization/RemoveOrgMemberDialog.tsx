import { useState } from 'react';
import type { AppError } from '@shared/errors';
import type { Result } from '@shared/result';
import { Dialog } from '../../components/Dialog';

interface RemoveOrgMemberDialogProps {
  who: string;
  orgName: string;
  onRemove: () => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Asks first, and says plainly that this does not free their seat. */
export function RemoveOrgMemberDialog({ who, orgName, onRemove, onClose }: RemoveOrgMemberDialogProps) {
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    const result = await onRemove();
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Dialog
      tone="danger"
      title={`Remove ${who} from ${orgName}?`}
      description={
        <>
          <p>They lose the access this direct membership gave them in {orgName}.</p>
          <p>
            <strong>This does not free their seat.</strong> To free it, remove them from Licenses.
          </p>
        </>
      }
      onClose={onClose}
      onSubmit={() => void remove()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="submit" className="button danger" disabled={busy}>
            Remove from {orgName}
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
