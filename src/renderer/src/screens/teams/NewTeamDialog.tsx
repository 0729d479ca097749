import { useState } from 'react';
import type { InvitationRole } from '@shared/schemas/members';
import { teamNameSchema } from '@shared/schemas/teams';
import type { Result } from '@shared/result';
import { NameDialog } from '../../components/NameDialog';

interface NewTeamDialogProps {
  onCreate: (name: string, role: InvitationRole) => Promise<Result<unknown>>;
  onClose: () => void;
}

export function NewTeamDialog({ onCreate, onClose }: NewTeamDialogProps) {
  const [role, setRole] = useState<InvitationRole>('member');
  return (
    <NameDialog
      title="New team"
      description="A team gives its role to its members in every organization it is linked to."
      schema={teamNameSchema}
      submitLabel="Create team"
      onSave={(name) => onCreate(name, role)}
      onClose={onClose}
    >
      <fieldset className="field">
        <legend>Role in linked organizations</legend>
        <div className="radio-row">
          {(['member', 'admin'] as const).map((value) => (
            <label key={value} className="radio">
              <input type="radio" name="role" value={value} checked={role === value} onChange={() => setRole(value)} />
              {value === 'member' ? 'Member' : 'Admin'}
            </label>
          ))}
        </div>
      </fieldset>
    </NameDialog>
  );
}
