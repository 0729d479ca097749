import { useNoticesStore } from '../../stores/notices-store';
import { invalidateAreas, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';

/** The databases opened before on this computer; in the desktop app each opens with one click. */
export function RecentDatabases({ canOpen }: { canOpen: boolean }) {
  const recent = useContractQuery('app:recentDatabases', undefined).data ?? [];
  const { run, busy } = useContractMutation('app:openRecent', { errors: 'inline' });
  const notify = useNoticesStore((state) => state.push);

  const others = recent.filter((entry) => !entry.current);
  if (others.length === 0) return null;

  const openOne = async (path: string) => {
    const result = await run({ path });
    // A missing file is refused and taken off the list.
    if (!result.ok) void invalidateAreas(['app']);
    if (!result.ok) notify(result.error.message, 'error');
    else if (result.value) notify(`Switching to ${result.value.databasePath}…`);
  };

  return (
    <div className="recent-databases">
      <h3 id="recent-title">Recent databases</h3>
      {canOpen ? null : <p className="field-hint">To open one in browser mode, start it again with --db and the file&apos;s path.</p>}
      <ul aria-labelledby="recent-title" className="recent-list">
        {others.map((entry) => (
          <li key={entry.path}>
            <code className="path">{entry.path}</code>
            {entry.exists ? null : <span className="badge">Missing</span>}
            {canOpen ? (
              <button type="button" className="button small" disabled={busy} onClick={() => void openOne(entry.path)} aria-label={`Open ${entry.path}`}>
                {entry.exists ? 'Open' : 'Remove'}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
