import type { Result } from '@shared/result';
import type { TeamSummary } from '@shared/schemas/teams';
import { countOf } from '@shared/text';
import { TeamPickerDialog } from '../../components/pickers/TeamPickerDialog';
import { ROLE_LABEL } from '../../lib/labels';

interface LinkTeamDialogProps {
  orgName: string;
  /** Teams that reach it already: shown, not offered. */
  reaching: Set<number>;
  onLink: (team: TeamSummary) => Promise<Result<unknown>>;
  onClose: () => void;
}

/**
 * Links one team to the organization, from its page: the team's members get its role there.
 * The teams are searched when the dialog opens (teams:page), never listed all at once.
 */
export function LinkTeamDialog({ orgName, reaching, onLink, onClose }: LinkTeamDialogProps) {
  return (
    <TeamPickerDialog
      title={`Link a team to ${orgName}`}
      description={`Its members get the team's role in ${orgName}. Teams that reach it already, linked to it or to all organizations, cannot be chosen.`}
      detail={(team) => `${ROLE_LABEL[team.role]} · ${countOf(team.memberCount, 'member')}`}
      unavailable={(team) => (reaching.has(team.id) || team.allOrgs ? (team.allOrgs ? 'linked to all organizations' : 'linked already') : null)}
      submitLabel="Link team"
      onPick={onLink}
      onClose={onClose}
    />
  );
}
