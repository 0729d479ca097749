import { useState } from 'react';
import type { AppError } from '@shared/errors';
import type { Result } from '@shared/result';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  title: string;
  /** One paragraph each. */
  body: string[];
  confirmLabel: string;
  onConfirm: () => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Asks before a change that takes something away, and shows why it failed if it does. */
export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

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
      title={title}
      description={
        <>
          {body.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
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
            {confirmLabel}
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
