import { LastActiveCell } from './LastActiveCell';

interface MemberLastActiveProps {
  member: { lastActive: string; lastActiveAt: string | null; lastActiveLegacy: boolean };
}

/** A member's Last Active in a list of people (a team's, an organization's), as Licenses and the report show it. */
export function MemberLastActive({ member }: MemberLastActiveProps) {
  return (
    <LastActiveCell
      value={member.lastActive}
      legacy={member.lastActiveLegacy}
      exactAt={member.lastActiveAt}
      blankTitle="Left empty: last active too long ago for the date to be kept, not long enough to say N/A"
    />
  );
}
