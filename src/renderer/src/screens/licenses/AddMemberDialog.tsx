import { useState } from 'react';
import { useSubmit } from '../../lib/use-submit';
import { emailSchema } from '@shared/schemas/email';
import { personNameSchema } from '@shared/schemas/members';
import { issueFor, type Result } from '@shared/result';
import { Dialog } from '../../components/Dialog';
import { EmailField, TextField } from '../../components/TextField';

interface AddMemberDialogProps {
  free: number;
  onAdd: (email: string, name: string) => Promise<Result<unknown>>;
  onClose: () => void;
}

export function AddMemberDialog({ free, onAdd, onClose }: AddMemberDialogProps) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const { run, busy, error: serverError, reset } = useSubmit({ errors: 'inline' });

  const checkedEmail = emailSchema.safeParse(email);
  const emailError = submitted && !checkedEmail.success ? checkedEmail.error.issues[0]?.message : issueFor(serverError, 'email');
  const checkedName = personNameSchema.safeParse(name);
  const nameError = !checkedName.success ? checkedName.error.issues[0]?.message : undefined;

  const add = async () => {
    setSubmitted(true);
    if (!checkedEmail.success || nameError) return;
    const result = await run(() => onAdd(email, name));
    if (result?.ok) onClose();
  };

  return (
    <Dialog
      title="Add a member"
      description={`Gives them a seat now. ${free === 1 ? '1 seat is' : `${free.toLocaleString()} seats are`} free.`}
      onClose={onClose}
      onSubmit={() => void add()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Add member
          </button>
        </>
      }
    >
      <EmailField
        value={email}
        error={emailError}
        onChange={(value) => {
          setEmail(value);
          reset();
        }}
      />
      <TextField
        label="Name"
        name="name"
        value={name}
        autoComplete="off"
        hint="Optional. Their email stands in until they sign in."
        error={nameError}
        onChange={(event) => setName(event.target.value)}
      />
      {serverError && !issueFor(serverError, 'email') ? (
        <p className="form-error" role="alert">
          {serverError.message}
        </p>
      ) : null}
    </Dialog>
  );
}
