import { useState } from 'react';
import type { AppError } from '@shared/errors';
import type { Organization } from '@shared/schemas/orgs';
import type { Result } from '@shared/result';
import { Dialog } from '../../components/Dialog';

interface DeleteOrgDialogProps {
  org: Organization;
  onDelete: () => Promise<Result<unknown>>;
  onClose: () => void;
}

export function DeleteOrgDialog({ org, onDelete, onClose }: DeleteOrgDialogProps) {
  const [error, setError] = useState<AppError | null>(null);
  const [deleting, setDeleting] = useState(false);

  const confirm = async () => {
    if (deleting) return;
    setDeleting(true);
    const result = await onDelete();
    setDeleting(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Dialog
      tone="danger"
      title={`Delete “${org.name}”?`}
      description={
        <>
          <p>Everyone loses the access this organization gave them, directly or through its teams. This cannot be undone.</p>
          <p>No seat is freed: members keep their licenses. To free a seat, remove the member from Licenses.</p>
        </>
      }
      onClose={onClose}
      onSubmit={() => void confirm()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="submit" className="button danger" disabled={deleting}>
            Delete organization
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
