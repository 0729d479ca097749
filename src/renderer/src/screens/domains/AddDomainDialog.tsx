import { useState } from 'react';
import type { AppError } from '@shared/errors';
import { issueFor, type Result } from '@shared/result';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';

interface AddDomainDialogProps {
  onAdd: (domain: string) => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Claims a domain: main normalises it and says exactly why one cannot be claimed. */
export function AddDomainDialog({ onAdd, onClose }: AddDomainDialogProps) {
  const [domain, setDomain] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);

  // A conflict's message names the domain already there; other refusals say why under the field.
  const message = error ? (error.code === 'CONFLICT' ? error.message : (issueFor(error, 'domain') ?? error.message)) : undefined;

  const add = async () => {
    if (saving) return;
    setSaving(true);
    const result = await onAdd(domain);
    setSaving(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Dialog
      title="Add domain"
      description="Add a domain your enterprise owns. You then prove it by creating a DNS TXT record that Roster gives you."
      onClose={onClose}
      onSubmit={() => void add()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={saving}>
            Add domain
          </button>
        </>
      }
    >
      <TextField
        label="Domain"
        name="domain"
        value={domain}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        placeholder="acme.com"
        error={message}
        hint="Your own domain or a subdomain of it, such as acme.com or eu.acme.com. Not a public suffix such as com or co.uk."
        onChange={(event) => {
          setDomain(event.target.value);
          setError(null);
        }}
      />
    </Dialog>
  );
}
