import { useEffect, useState } from 'react';
import type { AppError } from '@shared/errors';
import { orgRoles, type MemberSearchResult, type OrgRole } from '@shared/schemas/members';
import type { Result } from '@shared/result';
import { Dialog } from '../../components/Dialog';
import { api } from '../../lib/api';

interface AddOrgMembersDialogProps {
  orgId: number;
  orgName: string;
  onAdd: (accountIds: number[], role: OrgRole) => Promise<Result<{ added: number; alreadyMembers: number }>>;
  onClose: () => void;
}

const ROLE_LABEL: Record<OrgRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/** Search members by name or email, pick many, give them one role. */
export function AddOrgMembersDialog({ orgId, orgName, onAdd, onClose }: AddOrgMembersDialogProps) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<MemberSearchResult[]>([]);
  const [chosen, setChosen] = useState<Map<number, MemberSearchResult>>(new Map());
  const [role, setRole] = useState<OrgRole>('member');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void api.invoke('members:search', { text, limit: 50, orgId }).then((result) => {
        if (!current) return;
        if (result.ok) setFound(result.value);
        else setError(result.error);
      });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, orgId]);

  const toggle = (member: MemberSearchResult) => {
    const next = new Map(chosen);
    if (next.has(member.accountId)) next.delete(member.accountId);
    else next.set(member.accountId, member);
    setChosen(next);
  };

  const add = async () => {
    if (busy) return;
    if (chosen.size === 0) return setError({ code: 'INVALID_INPUT', message: 'Choose at least one member to add.' });
    setBusy(true);
    const result = await onAdd([...chosen.keys()], role);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Dialog
      title={`Add members to ${orgName}`}
      description="Only members (people who hold a seat) can join. Adding them here takes no seat."
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
      <div className="check-list tall" role="group" aria-label="Members to add">
        {found.length === 0 ? <p className="muted">{text ? 'No member matches.' : 'No members yet: add them in Licenses.'}</p> : null}
        {found.map((member) => {
          const already = member.orgRole !== null;
          return (
            <label key={member.accountId} className={`check person-check${already ? ' disabled' : ''}`}>
              <input type="checkbox" disabled={already} checked={already || chosen.has(member.accountId)} onChange={() => toggle(member)} />
              <span className="person">
                <span className="person-name">{member.name || member.email}</span>
                <span className="person-email">{already ? `Already here (${ROLE_LABEL[member.orgRole!].toLowerCase()})` : member.name ? member.email : ''}</span>
              </span>
            </label>
          );
        })}
      </div>
      <label className="field inline-field">
        <span>Role</span>
        <select value={role} onChange={(event) => setRole(event.target.value as OrgRole)}>
          {orgRoles.map((value) => (
            <option key={value} value={value}>
              {ROLE_LABEL[value]}
            </option>
          ))}
        </select>
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </Dialog>
  );
}
