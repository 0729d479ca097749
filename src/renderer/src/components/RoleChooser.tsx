import { useState } from 'react';
import { ok } from '@shared/result';
import { useSubmit } from '../lib/use-submit';

interface RoleChooserProps<R extends string> {
  label: string;
  value: R;
  roles: readonly R[];
  labels: Record<R, string>;
  /** Asked before saving; return a sentence to show as a warning, or null. */
  warn?: (next: R) => string | null;
  onSave: (role: R) => Promise<unknown>;
  /** False where this admin may not change it (the server's console, by role): the role is shown as text. */
  mayChange?: boolean;
}

/**
 * A role, changed on purpose: picking from the list only proposes it; Save
 * applies it. (Arrowing through a closed select fires a change per step, and
 * each would otherwise be a write and an audit event.)
 */
export function RoleChooser<R extends string>({ label, value, roles, labels, warn, onSave, mayChange = true }: RoleChooserProps<R>) {
  const [draft, setDraft] = useState<R>(value);
  const [shown, setShown] = useState(value);
  const { run, busy } = useSubmit();
  // Follow the stored role when it changes elsewhere.
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const warning = draft !== value && warn ? warn(draft) : null;
  if (!mayChange) return <span className="role-static">{labels[value]}</span>;

  return (
    <span className="role-chooser">
      <select className="role-select" aria-label={label} value={draft} onChange={(event) => setDraft(event.target.value as R)}>
        {roles.map((role) => (
          <option key={role} value={role}>
            {labels[role]}
          </option>
        ))}
      </select>
      {draft !== value ? (
        <>
          <button
            type="button"
            className="button small primary"
            disabled={busy}
            // The screen says how the save went, in a notice.
            onClick={() => void run(async () => ok(await onSave(draft)))}
          >
            Save
          </button>
          <button type="button" className="button small subtle" onClick={() => setDraft(value)}>
            Cancel
          </button>
          {warning ? (
            <span className="role-warning" role="alert">
              {warning}
            </span>
          ) : null}
        </>
      ) : null}
    </span>
  );
}
