import { accessAfter, describeAccessAfter, type AccessChange } from '../lib/access-after';
import { appErrorOf, useContractQuery } from '../data/query';

/**
 * What access a person keeps after a change, said before it is made (in a
 * confirm dialog) and after (in the notice): from their paths as access:member
 * gives them, by the rule in lib/access-after.ts. Null until their paths are in.
 */
export function useAccessAfter(accountId: number, who: string, change: AccessChange): { sentence: string | null; error: string | null } {
  const access = useContractQuery('access:member', { accountId });
  const error = appErrorOf(access.error);
  if (error) return { sentence: null, error: error.message };
  if (!access.data) return { sentence: null, error: null };
  return { sentence: describeAccessAfter(who, accessAfter(access.data.organizations, change)), error: null };
}

/** The sentence as a dialog shows it, with what it says while the paths load or if they cannot be read. */
export function AccessAfterNote({ sentence, error }: { sentence: string | null; error: string | null }) {
  if (error) return <p className="muted">What access remains could not be worked out: {error}</p>;
  return (
    <p className="access-after" aria-busy={sentence === null}>
      {sentence ?? 'Working out what access remains…'}
    </p>
  );
}
