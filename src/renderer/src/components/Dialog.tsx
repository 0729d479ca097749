import { useId, useLayoutEffect, useRef, type FormEvent, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  onSubmit: () => void;
  /** The buttons; the submit button submits the form, so Enter works too. */
  actions: ReactNode;
  children?: ReactNode;
  tone?: 'default' | 'danger';
}

/**
 * A modal dialog on the native <dialog>: focus moves into it and is kept
 * there, Escape closes it, and the page behind is inert.
 */
export function Dialog({ title, description, onClose, onSubmit, actions, children, tone = 'default' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  // A layout effect, so close() runs while the dialog is still in the page: closing
  // it there gives focus back to what had it before (a removed dialog gives it to nobody).
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${tone}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {description ? (
          <div id={descriptionId} className="dialog-description">
            {description}
          </div>
        ) : null}
        {children}
        <div className="dialog-actions">{actions}</div>
      </form>
    </dialog>
  );
}
