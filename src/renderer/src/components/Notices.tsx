import { useNoticesStore } from '../stores/notices-store';

/** Brief notices in a live region, so screen readers hear them too. */
export function Notices() {
  const notices = useNoticesStore((state) => state.notices);
  const dismiss = useNoticesStore((state) => state.dismiss);
  return (
    <div className="notices" role="status" aria-live="polite" aria-label="Notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.tone}`}>
          <span>{notice.text}</span>
          <button type="button" className="notice-close" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
