import { useBusyStore } from '../stores/busy-store';

/** A thin bar and a sentence while long work runs, announced to screen readers. */
export function BusyIndicator() {
  const task = useBusyStore((state) => state.task);
  return (
    <div className="busy-indicator" role="status" aria-live="polite" aria-label="Working">
      {task ? (
        <div className="busy-box" aria-busy="true">
          <span className="busy-bar" role="progressbar" aria-label={task} />
          <span>{task}</span>
        </div>
      ) : null}
    </div>
  );
}
