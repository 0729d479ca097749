import { useState, type ReactNode } from 'react';
import type { AppError } from '@shared/errors';
import type { MemberSearchResult } from '@shared/schemas/members';
import type { Result } from '@shared/result';
import { appErrorOf, useContractQuery } from '../../data/query';
import { useSearchPaging } from '../../data/paging';
import { useSubmit } from '../../lib/use-submit';
import { CheckGrid } from '../CheckGrid';
import { Dialog } from '../Dialog';

/** The most matches the picker lists: type more to narrow them. */
const MEMBER_SEARCH_LIMIT = 50;

interface MemberPickerDialogProps {
  title: string;
  description: string;
  /** Where they are being added, so those already there are shown but not offered. */
  place: { orgId: number } | { teamId: number };
  /** Extra fields under the list (a role, say). */
  children?: ReactNode;
  onAdd: (accountIds: number[]) => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Search members by name or email, pick many at once. */
export function MemberPickerDialog({ title, description, place, children, onAdd, onClose }: MemberPickerDialogProps) {
  // Search a moment after typing stops.
  const { searchText: text, setSearchText: setText, search } = useSearchPaging(150);
  const searched = useContractQuery('members:search', { text: search, limit: MEMBER_SEARCH_LIMIT, ...place }, { keepPrevious: true });
  const found = searched.data ?? [];
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [choiceError, setError] = useState<AppError | null>(null);
  const submit = useSubmit({ errors: 'inline' });
  const busy = submit.busy;
  const error = choiceError ?? submit.error ?? appErrorOf(searched.error);

  // From the state as it is when React applies it, so clicks that come quickly never undo each other.
  const toggle = (accountId: number) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(accountId)) next.delete(accountId);
      else next.add(accountId);
      return next;
    });

  const add = async () => {
    if (chosen.size === 0) return setError({ code: 'INVALID_INPUT', message: 'Choose at least one member to add.' });
    setError(null);
    const result = await submit.run(() => onAdd([...chosen]));
    if (result?.ok) onClose();
  };

  const already = (member: MemberSearchResult) => ('orgId' in place ? member.orgRole !== null : member.inTeam);

  return (
    <Dialog
      title={title}
      description={description}
      onClose={onClose}
      onSubmit={() => void add()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {chosen.size > 1 ? `Add ${chosen.size} members` : 'Add member'}
          </button>
        </>
      }
    >
      <input
        type="search"
        className="search-input wide"
        placeholder="Search members by name or email"
        aria-label="Search members"
        value={text}
        autoFocus
        onChange={(event) => setText(event.target.value)}
      />
      {found.length === MEMBER_SEARCH_LIMIT ? <p className="muted small">Showing the first {MEMBER_SEARCH_LIMIT} matches: type more to narrow them.</p> : null}
      {found.length === 0 ? (
        <p className="muted">{text ? 'No member matches.' : 'No members yet: add them in Licenses.'}</p>
      ) : (
        <CheckGrid
          label="Members to add"
          className="tall"
          columns={1}
          items={found.map((member) => {
            const there = already(member);
            return {
              id: member.accountId,
              className: 'person-check',
              checked: there || chosen.has(member.accountId),
              locked: there,
              label: (
                <span className="person">
                  <span className="person-name">
                    {member.name || member.email}
                    {there ? <span className="badge badge-note-inline">Already here{member.orgRole ? ` (${member.orgRole})` : ''}</span> : null}
                  </span>
                  {member.name ? <span className="person-email">{member.email}</span> : null}
                </span>
              ),
            };
          })}
          onToggle={toggle}
        />
      )}
      {children}
      {error ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </Dialog>
  );
}
