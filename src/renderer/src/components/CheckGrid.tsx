import { useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { gridMove, keptIndex } from '../lib/grid-keys';

export interface CheckGridItem<Id> {
  id: Id;
  /** What the checkbox is called: its label, read with it. */
  label: ReactNode;
  checked: boolean;
  /** Shown, ticked or not, but not changed here (already linked, already a member); it keeps its place in the grid. */
  locked?: boolean;
  /** Extra class for the label ("person-check" for a name over an address). */
  className?: string;
}

interface CheckGridProps<Id> {
  /** The grid's accessible name ("Organizations to invite into"). */
  label: string;
  items: CheckGridItem<Id>[];
  /** Cells to a row: 2 for short names, 1 for people. */
  columns: number;
  onToggle: (id: Id) => void;
  /** Extra class for the frame ("short", "tall"). */
  className?: string;
}

/**
 * Checkboxes in a grid that is one tab stop (the WAI-ARIA grid pattern, with a
 * roving tabindex): Tab enters at the last checkbox used and leaves at once;
 * the arrow keys, Home, End, Page Up and Page Down move inside
 * (lib/grid-keys.ts); Space ticks. A long list of organizations no longer asks
 * for a Tab per name before the dialog's buttons.
 */
export function CheckGrid<Id extends string | number>({ label, items, columns, onToggle, className }: CheckGridProps<Id>) {
  const [active, setActive] = useState(0);
  const boxes = useRef<(HTMLInputElement | null)[]>([]);
  const current = keptIndex(active, items.length);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = Number((event.target as HTMLElement).dataset.index);
    if (Number.isNaN(index)) return;
    const next = gridMove(event, { index, count: items.length, columns });
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    boxes.current[next]?.focus();
  };

  const rows: CheckGridItem<Id>[][] = [];
  for (let start = 0; start < items.length; start += columns) rows.push(items.slice(start, start + columns));
  return (
    <div
      className={['check-list', 'check-grid', className].filter(Boolean).join(' ')}
      role="grid"
      aria-label={label}
      style={{ '--check-columns': columns } as CSSProperties}
      onKeyDown={onKeyDown}
    >
      {rows.map((row, rowIndex) => (
        <div key={rowIndex} role="row" className="check-grid-row">
          {row.map((item, column) => {
            const index = rowIndex * columns + column;
            return (
              <div key={String(item.id)} role="gridcell" className="check-grid-cell">
                <label
                  className={['check', item.className, item.locked ? 'disabled' : ''].filter(Boolean).join(' ')}
                  title={typeof item.label === 'string' ? item.label : undefined}
                >
                  <input
                    ref={(box) => {
                      boxes.current[index] = box;
                    }}
                    type="checkbox"
                    data-index={index}
                    tabIndex={index === current ? 0 : -1}
                    checked={item.checked}
                    aria-disabled={item.locked || undefined}
                    onFocus={() => setActive(index)}
                    onChange={() => {
                      if (!item.locked) onToggle(item.id);
                    }}
                  />
                  <span className="check-name">{item.label}</span>
                </label>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
