import type { ReactNode } from 'react';
import type { Result } from '@shared/result';
import { useSubmit } from '../lib/use-submit';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  title: string;
  /** One paragraph each, or the description as it is (a list of consequences, say). */
  body: string[] | ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Asks before a change that takes something away, and shows why it failed if it does. */
export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const { run, busy, error } = useSubmit({ errors: 'inline' });

  const confirm = async () => {
    const result = await run(onConfirm);
    if (result?.ok) onClose();
  };

  return (
    <Dialog
      tone="danger"
      title={title}
      description={
        Array.isArray(body) ? (
          <>
            {body.map((paragraph: string) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
          </>
        ) : (
          body
        )
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
