import { useState } from 'react';
import { useSubmit } from '../../lib/use-submit';
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
  const { run, busy: saving, error, reset } = useSubmit({ errors: 'inline' });

  // A conflict's message names the domain already there; other refusals say why under the field.
  const message = error ? (error.code === 'CONFLICT' ? error.message : (issueFor(error, 'domain') ?? error.message)) : undefined;

  const add = async () => {
    const result = await run(() => onAdd(domain));
    if (result?.ok) onClose();
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
          reset();
        }}
      />
    </Dialog>
  );
}
