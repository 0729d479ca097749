import { useState } from 'react';
import type { AppError } from '@shared/errors';
import { orgNameSchema, type Organization } from '@shared/schemas/orgs';
import { MAX_NAME_LENGTH, characterCount } from '@shared/schemas/names';
import { issueFor, type Result } from '@shared/result';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';

interface OrgNameDialogProps {
  /** The organization being renamed; absent when creating one. */
  org?: Organization;
  onSave: (name: string) => Promise<Result<Organization>>;
  onClose: () => void;
}

/** Create or rename: the name is checked as it is typed, with the same rules main applies. */
export function OrgNameDialog({ org, onSave, onClose }: OrgNameDialogProps) {
  const [name, setName] = useState(org?.name ?? '');
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);

  const checked = orgNameSchema.safeParse(name);
  const localError = checked.success ? undefined : checked.error.issues[0]?.message;
  const error = (touched ? localError : undefined) ?? issueFor(serverError, 'name') ?? serverError?.message;

  const save = async () => {
    setTouched(true);
    if (localError || saving) return;
    setSaving(true);
    const result = await onSave(name);
    setSaving(false);
    if (result.ok) onClose();
    else setServerError(result.error);
  };

  const count = characterCount(name.trim());
  return (
    <Dialog
      title={org ? `Rename “${org.name}”` : 'New organization'}
      description={org ? undefined : 'An organization is a workspace that members and teams get access to.'}
      onClose={onClose}
      onSubmit={() => void save()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={saving}>
            {org ? 'Rename' : 'Create organization'}
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
        hint={`Unique ignoring case · ${count}/${MAX_NAME_LENGTH} characters`}
        onChange={(event) => {
          setName(event.target.value);
          setServerError(null);
          if (event.target.value.trim().length > 0) setTouched(true);
        }}
        onBlur={() => setTouched(true)}
      />
    </Dialog>
  );
}
