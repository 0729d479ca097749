import { useId, useState, type ReactNode } from 'react';
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
  /**
   * For a change too big to confirm with one click: the admin types `expected`
   * (a count, a name) in a field labelled `label` before the button acts.
   */
  typed?: { expected: string; label: string };
}

/** Asks before a change that takes something away, and shows why it failed if it does. */
export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onClose, typed }: ConfirmDialogProps) {
  const { run, busy, error } = useSubmit({ errors: 'inline' });
  const [typedText, setTypedText] = useState('');
  const typedId = useId();
  const confirmed = !typed || typedText.trim() === typed.expected;

  const confirm = async () => {
    // Enter in the field submits too: nothing happens until what was typed matches.
    if (!confirmed) return;
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
          <button type="submit" className="button danger" disabled={busy || !confirmed}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {typed ? (
        <div className="field typed-confirm">
          <label htmlFor={typedId}>{typed.label}</label>
          <input id={typedId} type="text" autoComplete="off" spellCheck={false} value={typedText} onChange={(event) => setTypedText(event.target.value)} />
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </Dialog>
  );
}
