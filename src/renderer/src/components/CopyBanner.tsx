import { formatDateTime } from '../lib/format';
import { useOfflineCopy } from '../stores/offline-copy-store';

/**
 * Above every screen of an offline copy: what it is a copy of, when it was
 * taken and by whom, and that it is read only (every change control is off,
 * data/may-call.ts; main refuses a change anyway).
 */
export function CopyBanner() {
  const copy = useOfflineCopy((state) => state.copy);
  if (!copy) return null;
  return (
    <div className="banner banner-info copy-banner" role="note" aria-label="Offline copy">
      <span>
        <strong>
          Offline copy of {copy.of}, taken {formatDateTime(copy.takenAt)}
        </strong>{' '}
        by {copy.takenBy} — everything shows as it was then; you can read and export, not change.
      </span>
    </div>
  );
}
