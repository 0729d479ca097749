import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { MAX_NAME_LENGTH, characterCount } from '@shared/schemas/names';
import { issueFor, type Result } from '@shared/result';
import { useSubmit } from '../lib/use-submit';
import { Dialog } from './Dialog';
import { TextField } from './TextField';

interface NameDialogProps {
  title: string;
  description?: string;
  /** The name now, when renaming. */
  initial?: string;
  /** The same schema main checks with, so the name is checked as it is typed. */
  schema: z.ZodType<string>;
  submitLabel: string;
  /** More fields under the name (a role, say). */
  children?: ReactNode;
  onSave: (name: string) => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Creating or renaming something with a unique name: organizations, teams. */
export function NameDialog({ title, description, initial = '', schema, submitLabel, children, onSave, onClose }: NameDialogProps) {
  const [name, setName] = useState(initial);
  const [touched, setTouched] = useState(false);
  const { run, busy: saving, error: serverError, reset } = useSubmit({ errors: 'inline' });

  const checked = schema.safeParse(name);
  const localError = checked.success ? undefined : checked.error.issues[0]?.message;
  const error = (touched ? localError : undefined) ?? issueFor(serverError, 'name') ?? serverError?.message;

  const save = async () => {
    setTouched(true);
    if (localError) return;
    const result = await run(() => onSave(name));
    if (result?.ok) onClose();
  };

  return (
    <Dialog
      title={title}
      description={description}
      onClose={onClose}
      onSubmit={() => void save()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={saving}>
            {submitLabel}
          </button>
        </>
      }
    >
      <TextField
        label="Name"
        name="name"
        value={name}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        error={error}
        hint={`Unique ignoring case · ${characterCount(name.trim())}/${MAX_NAME_LENGTH} characters`}
        onChange={(event) => {
          setName(event.target.value);
          reset();
          if (event.target.value.trim().length > 0) setTouched(true);
        }}
        onBlur={() => setTouched(true)}
      />
      {children}
    </Dialog>
  );
}
