import { formatTimeOfDay } from '../lib/format';
import { useConnection } from '../stores/connection-store';

/**
 * Above every screen while the Roster server cannot be reached: since when,
 * that what shows is as of then, and that nothing can be changed until it is
 * back (every change control is off meanwhile, data/may-call.ts). It goes by
 * itself when the server is back, as every screen reloads.
 */
export function ConnectionBanner() {
  const lost = useConnection((state) => state.lost);
  if (!lost) return null;
  // It answers, but speaks another contract (upgraded meanwhile): what to upgrade, rather than "retrying".
  if (lost.message) {
    return (
      <div className="banner banner-warning connection-banner" role="alert" aria-label="Not connected">
        <span>
          <strong>Not connected to {lost.host}</strong> — {lost.message} What you see is as of {formatTimeOfDay(lost.since!)}; changes are off.
        </span>
      </div>
    );
  }
  return (
    <div className="banner banner-warning connection-banner" role="alert" aria-label="Not connected">
      <span>
        <strong>
          Not connected to {lost.host} since {formatTimeOfDay(lost.since!)}
        </strong>{' '}
        — showing what was there then; changes are off until it is back. Retrying…
      </span>
    </div>
  );
}
