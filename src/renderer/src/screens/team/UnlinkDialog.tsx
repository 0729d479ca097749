import type { Result } from '@shared/result';
import type { TeamSummary } from '@shared/schemas/teams';
import { countOf } from '@shared/text';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ROLE_LABEL } from '../../lib/labels';

interface UnlinkDialogProps {
  team: TeamSummary;
  /** One organization linked by name, or "all organizations". */
  org: { id: number; name: string } | 'all';
  onConfirm: () => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Asks before a team stops giving its role somewhere, saying to how many people and what they keep. */
export function UnlinkDialog({ team, org, onConfirm, onClose }: UnlinkDialogProps) {
  const role = ROLE_LABEL[team.role].toLowerCase();
  const where = org === 'all' ? 'every organization' : org.name;
  const kept = org === 'all' && team.organizations.length > 0 ? ` except those it is linked to by name: ${team.organizations.map((linked) => linked.name).join(', ')}` : '';
  const who =
    team.memberCount === 0
      ? `${team.name} has no members yet, so nobody loses access in ${where}${kept}.`
      : `Its ${countOf(team.memberCount, 'member')} ${team.memberCount === 1 ? 'loses' : 'lose'} the ${role} access ${team.name} gave them in ${where}${kept}.`;
  const stays = org === 'all' ? 'Access they have directly or through another team stays.' : `Access they have in ${org.name} directly or through another team stays.`;
  return (
    <ConfirmDialog
      title={org === 'all' ? `Unlink ${team.name} from all organizations?` : `Unlink ${team.name} from ${org.name}?`}
      body={[who, `${stays} No seat is freed.`]}
      confirmLabel="Unlink"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
