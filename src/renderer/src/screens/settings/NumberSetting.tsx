import { useState } from 'react';
import type { z } from 'zod';
import type { Result } from '@shared/result';
import { TextField } from '../../components/TextField';
import { useSubmit } from '../../lib/use-submit';

interface NumberSettingProps {
  label: string;
  value: number;
  /** The same schema main checks with, for messages as the value is typed. */
  schema: z.ZodType<number>;
  hint: string;
  saveLabel: string;
  onSave: (value: number) => Promise<Result<unknown>>;
  /** Where this admin may not change it (the server's console, by role): the value is shown, with no Save. */
  readOnly?: boolean;
}

/** A whole-number setting with its own Save, checked as it is typed and by main on save. */
export function NumberSetting({ label, value, schema, hint, saveLabel, onSave: saveTo, readOnly = false }: NumberSettingProps) {
  const onSave = readOnly ? undefined : saveTo;
  const [text, setText] = useState(String(value));
  const { run, busy, error: serverError, reset } = useSubmit({ errors: 'inline' });

  // Follow the stored value when it changes elsewhere (another window, the command line):
  // adjusting state while rendering, as React advises, rather than in an effect.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }

  const parsed = /^\s*\d+\s*$/.test(text) ? schema.safeParse(Number(text)) : null;
  const localError = parsed === null ? `${label} must be a whole number` : parsed.success ? undefined : parsed.error.issues[0]?.message;
  const error = localError ?? serverError?.issues?.[0]?.message ?? serverError?.message;
  const changed = parsed?.success === true && parsed.data !== value;

  const save = async () => {
    if (!parsed?.success || !onSave) return;
    const value = parsed.data;
    await run(() => onSave(value));
  };

  return (
    <form
      className="setting-row"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <TextField
        className="setting-field"
        label={label}
        inputMode="numeric"
        value={text}
        error={error}
        hint={hint}
        readOnly={!onSave}
        onChange={(event) => {
          setText(event.target.value);
          reset();
        }}
      />
      {onSave ? (
        <button type="submit" className="button" disabled={!changed || busy}>
          {saveLabel}
        </button>
      ) : null}
    </form>
  );
}
