import { useState } from 'react';
import { orgRoles, type OrgRole } from '@shared/schemas/members';
import type { MemberAccess } from '@shared/schemas/access';
import type { Result } from '@shared/result';
import { PlacePickerDialog } from '../../components/pickers/PlacePickerDialog';
import { TeamPickerDialog } from '../../components/pickers/TeamPickerDialog';
import { appErrorOf, statusOf, useContractQuery } from '../../data/query';
import { ROLE_LABEL } from '../../lib/labels';
import { teamReach } from './MemberTeams';

interface AddToTeamDialogProps {
  who: string;
  access: MemberAccess;
  onAdd: (team: { id: number; name: string }) => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Pick a team to join: those they are in already, and those the identity provider fills, are shown but not offered. */
export function AddToTeamDialog({ who, access, onAdd, onClose }: AddToTeamDialogProps) {
  const inTeam = new Set(access.teams.map((team) => team.id));
  return (
    <TeamPickerDialog
      title={`Add ${who} to a team`}
      description="They get the team's role in every organization it is linked to. Joining a team takes no seat."
      detail={(team) => `${ROLE_LABEL[team.role]} · ${teamReach(team)}`}
      unavailable={(team) => (inTeam.has(team.id) ? 'already in it' : team.source === 'scim' ? 'set by your identity provider' : null)}
      submitLabel="Add to team"
      onPick={onAdd}
      onClose={onClose}
    />
  );
}

interface AddToOrgDialogProps {
  who: string;
  access: MemberAccess;
  onAdd: (org: { id: number; name: string }, role: OrgRole) => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Pick an organization to join directly, with a role; one they reach only through a team can be joined directly too. */
export function AddToOrgDialog({ who, access, onAdd, onClose }: AddToOrgDialogProps) {
  const listed = useContractQuery('orgs:list', undefined);
  const orgs = listed.data ?? [];
  const [role, setRole] = useState<OrgRole>('member');
  const reached = new Map(access.organizations.map((entry) => [entry.org.id, entry]));
  return (
    <PlacePickerDialog
      title={`Add ${who} to an organization`}
      description="As a direct member, with the role chosen below. Their role there is the highest of this and what their teams give. It takes no seat."
      noun="organization"
      loading={!listed.data && statusOf(listed) === 'loading'}
      loadError={appErrorOf(listed.error)}
      onRetry={() => void listed.refetch()}
      options={orgs.map((org) => {
        const entry = reached.get(org.id);
        const direct = entry?.paths.find((path) => path.kind === 'direct');
        return {
          id: org.id,
          name: org.name,
          detail: entry && !direct ? `${ROLE_LABEL[entry.role]} through a team` : undefined,
          unavailable: direct ? `a direct member already, ${ROLE_LABEL[direct.role]}` : null,
        };
      })}
      submitLabel="Add to organization"
      onPick={(id) => onAdd(orgs.find((org) => org.id === id)!, role)}
      onClose={onClose}
    >
      <label className="field inline-field">
        <span>Role</span>
        <select value={role} onChange={(event) => setRole(event.target.value as OrgRole)}>
          {orgRoles.map((option) => (
            <option key={option} value={option}>
              {ROLE_LABEL[option]}
            </option>
          ))}
        </select>
      </label>
    </PlacePickerDialog>
  );
}
