import { useMemo, useState } from 'react';
import type { AppError } from '@shared/errors';
import type { Result } from '@shared/result';
import { includesFolded } from '@shared/text';
import { CheckGrid } from '../../components/CheckGrid';
import { Dialog } from '../../components/Dialog';
import { appErrorOf, statusOf, useContractQuery } from '../../data/query';
import { useSubmit } from '../../lib/use-submit';

interface LinkOrgsDialogProps {
  teamName: string;
  /** Already linked: shown, but not offered again. */
  linked: Set<number>;
  allOrgs: boolean;
  onLink: (target: { orgIds: number[] } | { allOrgs: true }) => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Link a team to some organizations, or to all of them, present and future. */
export function LinkOrgsDialog({ teamName, linked, allOrgs, onLink, onClose }: LinkOrgsDialogProps) {
  const listed = useContractQuery('orgs:list', undefined);
  const orgs = useMemo(() => listed.data ?? [], [listed.data]);
  const status = statusOf(listed);
  const loadError = appErrorOf(listed.error);
  const load = listed.refetch;
  const [everything, setEverything] = useState(false);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [filter, setFilter] = useState('');
  const [choiceError, setError] = useState<AppError | null>(null);
  const submit = useSubmit({ errors: 'inline' });
  const busy = submit.busy;
  const error = choiceError ?? submit.error;

  // Until the list is in, there is nothing to choose from (only "all" can be linked).
  const loading = orgs.length === 0 && status === 'loading';
  const shown = useMemo(() => (filter.trim() ? orgs.filter((org) => includesFolded(org.name, filter)) : orgs), [orgs, filter]);

  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };

  const link = async () => {
    if (!everything && chosen.size === 0) return setError({ code: 'INVALID_INPUT', message: 'Choose at least one organization, or all of them.' });
    setError(null);
    const result = await submit.run(() => onLink(everything ? { allOrgs: true } : { orgIds: [...chosen] }));
    if (result?.ok) onClose();
  };

  return (
    <Dialog
      title={`Link ${teamName} to organizations`}
      description={`Its members get ${teamName}'s role in each organization it is linked to.`}
      onClose={onClose}
      onSubmit={() => void link()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || (loading && !everything)}>
            Link
          </button>
        </>
      }
    >
      {allOrgs ? null : (
        <label className="check option-card">
          <input type="checkbox" checked={everything} onChange={(event) => setEverything(event.target.checked)} />
          <span>
            <strong>All organizations</strong>
            <span className="muted block">Every organization there is, and every one created later.</span>
          </span>
        </label>
      )}
      {everything ? null : (
        <>
          {orgs.length > 8 ? (
            <input
              type="search"
              className="search-input compact"
              placeholder="Filter organizations"
              aria-label="Filter the organizations to link"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
          ) : null}
          {loading ? <p className="muted">Loading organizations…</p> : null}
          {status === 'error' && orgs.length === 0 ? (
            <p className="form-error" role="alert">
              Could not load the organizations: {loadError?.message}{' '}
              <button type="button" className="button small" onClick={() => void load()}>
                Try again
              </button>
            </p>
          ) : null}
          {!loading && status !== 'error' && shown.length === 0 ? <p className="muted">{orgs.length === 0 ? 'No organizations yet.' : 'None match.'}</p> : null}
          {shown.length > 0 ? (
            <CheckGrid
              label="Organizations to link"
              columns={2}
              items={shown.map((org) => {
                const there = linked.has(org.id);
                return {
                  id: org.id,
                  label: there ? (
                    <>
                      {org.name}
                      <span className="muted"> (linked)</span>
                    </>
                  ) : (
                    org.name
                  ),
                  checked: there || chosen.has(org.id),
                  locked: there,
                };
              })}
              onToggle={toggle}
            />
          ) : null}
        </>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </Dialog>
  );
}
