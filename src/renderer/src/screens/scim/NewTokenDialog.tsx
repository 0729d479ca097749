import { useState } from 'react';
import { MAX_TOKEN_DAYS, type CreateTokenInput, type ScimToken } from '@shared/schemas/scim';
import { issueFor, type Result } from '@shared/result';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { formatDate } from '../../lib/format';
import { useSubmit } from '../../lib/use-submit';

interface NewTokenDialogProps {
  onCreate: (input: CreateTokenInput) => Promise<Result<{ token: ScimToken; secret: string }>>;
  onClose: () => void;
}

/** Empty: never expires; otherwise a whole number of days, or why not. */
function parseDays(text: string): { days: number | undefined } | { error: string } {
  if (text.trim() === '') return { days: undefined };
  if (!/^\s*\d+\s*$/.test(text)) return { error: 'Expiry must be a whole number of days' };
  return { days: Number(text) };
}

/** The secret, once: Roster keeps only its hash, so closing this dialog is the last chance to copy it. */
function ShownOnce({ token, secret, onClose }: { token: ScimToken; secret: string; onClose: () => void }) {
  return (
    <Dialog
      title={`Token “${token.name}” created`}
      description="Paste it into your identity provider now: as the Bearer token in Okta, or the Secret Token in Microsoft Entra ID."
      onClose={onClose}
      onSubmit={onClose}
      actions={
        <button type="submit" className="button primary">
          Done
        </button>
      }
    >
      <div className="banner banner-warning" role="alert">
        <span>
          <strong>Copy it now: you will not see it again.</strong> Roster keeps only a hash of it. If it is lost, create a new token and revoke
          this one.
        </span>
      </div>
      <div className="secret-row">
        <code className="record-value secret-value" aria-label="New token">
          {secret}
        </code>
        <CopyButton text={secret} label="Copy token" />
      </div>
      <p className="field-hint">
        {token.expiresAt ? `It expires on ${formatDate(token.expiresAt)}.` : 'It never expires; revoke it when it is no longer used.'}
      </p>
    </Dialog>
  );
}

/** Names a new token (one per identity provider) and, optionally, when it expires. */
export function NewTokenDialog({ onCreate, onClose }: NewTokenDialogProps) {
  const [name, setName] = useState('');
  const [daysText, setDaysText] = useState('');
  const { run, busy, error, reset } = useSubmit({ errors: 'inline' });
  const [tried, setTried] = useState(false);
  const [created, setCreated] = useState<{ token: ScimToken; secret: string } | null>(null);

  if (created) return <ShownOnce token={created.token} secret={created.secret} onClose={onClose} />;

  const days = parseDays(daysText);
  const daysError = 'error' in days ? days.error : issueFor(error, 'expiresInDays');
  // A conflict's message names the token already there; other refusals say why under their field.
  const nameError = error?.code === 'CONFLICT' ? error.message : issueFor(error, 'name');
  const otherError = error && !nameError && !issueFor(error, 'expiresInDays') ? error.message : undefined;

  const create = async () => {
    setTried(true);
    if ('error' in days) return;
    const result = await run(() => onCreate({ name, ...(days.days !== undefined ? { expiresInDays: days.days } : {}) }));
    if (result?.ok) setCreated(result.value);
  };

  return (
    <Dialog
      title="New token"
      description="A bearer token lets an identity provider manage members and teams through SCIM. Give each provider its own token, so you can tell their requests apart and revoke one alone."
      onClose={onClose}
      onSubmit={() => void create()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Create token
          </button>
        </>
      }
    >
      <TextField
        label="Name"
        value={name}
        autoFocus
        autoComplete="off"
        placeholder="Okta production"
        error={nameError}
        hint="Shown in the request log and the audit log beside every change this token makes."
        onChange={(event) => {
          setName(event.target.value);
          reset();
        }}
      />
      <TextField
        label="Expires in (days)"
        inputMode="numeric"
        value={daysText}
        error={tried || daysText ? daysError : undefined}
        hint={`Optional, 1 to ${MAX_TOKEN_DAYS}. Leave it empty for a token that never expires.`}
        onChange={(event) => {
          setDaysText(event.target.value);
          reset();
        }}
      />
      {otherError ? (
        <p className="form-error" role="alert">
          {otherError}
        </p>
      ) : null}
    </Dialog>
  );
}
