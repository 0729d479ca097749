import { useEffect, useState } from 'react';
import { useNoticesStore } from '../../stores/notices-store';
import { useRecentDatabasesStore } from '../../stores/recent-databases-store';

/** The databases opened before on this computer; in the desktop app each opens with one click. */
export function RecentDatabases({ canOpen }: { canOpen: boolean }) {
  const { recent, load, open } = useRecentDatabasesStore();
  const notify = useNoticesStore((state) => state.push);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  const others = recent.filter((entry) => !entry.current);
  if (others.length === 0) return null;

  const openOne = async (path: string) => {
    setBusy(true);
    const result = await open(path);
    setBusy(false);
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
