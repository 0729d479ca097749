import { useId, type InputHTMLAttributes } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Shown under the field, in place of the hint, and announced. */
  error?: string;
  hint?: string;
}

export function TextField({ label, error, hint, className, ...input }: TextFieldProps) {
  const id = useId();
  const messageId = useId();
  const message = error ?? hint;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={message ? messageId : undefined}
        {...input}
      />
      {message ? (
        <p id={messageId} className={error ? 'field-error' : 'field-hint'} role={error ? 'alert' : undefined}>
          {message}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The address field of the dialogs that add a person (invite, add a member,
 * invite into a team): focused first, never autocompleted or spell-checked,
 * its error under it; `onChange` gets the text typed.
 */
export function EmailField({ value, error, onChange }: { value: string; error?: string; onChange: (value: string) => void }) {
  return (
    <TextField
      label="Email"
      name="email"
      type="email"
      value={value}
      autoFocus
      autoComplete="off"
      spellCheck={false}
      error={error}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
