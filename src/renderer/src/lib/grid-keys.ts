/**
 * Moving through a grid of checkboxes with the keyboard, as the WAI-ARIA grid
 * pattern has it: the grid is one tab stop, and inside it the arrows move by
 * cell and by row, Home and End to the ends of the row, Ctrl+Home and Ctrl+End
 * to the first and last cell, Page Up and Page Down a few rows at a time. Space
 * ticks the checkbox that has the focus (the checkbox's own key). Nothing wraps:
 * at an edge the focus stays where it is.
 */

export interface GridShape {
  /** The cell that has the focus now. */
  index: number;
  /** How many cells there are; the last row may be short. */
  count: number;
  /** Cells to a row. */
  columns: number;
}

export interface GridKey {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

/** Rows that Page Up and Page Down move. */
export const PAGE_ROWS = 5;

/**
 * Where the focus goes for a key: a cell's index (the same one at an edge, so
 * the key is still the grid's and does not scroll the page), or null for a key
 * the grid leaves alone (Tab, Space, Enter, letters).
 */
export function gridMove({ key, ctrlKey = false, metaKey = false }: GridKey, { index, count, columns }: GridShape): number | null {
  if (count <= 0 || columns <= 0) return null;
  const last = count - 1;
  const at = Math.min(Math.max(index, 0), last);
  const row = Math.floor(at / columns);
  const column = at % columns;
  const lastRow = Math.floor(last / columns);
  const rowStart = row * columns;
  const rowEnd = Math.min(rowStart + columns - 1, last);
  /** The same column in another row; the short last row's last cell where that column is missing. */
  const inRow = (target: number) => Math.min(target * columns + column, last);
  const toEnd = ctrlKey || metaKey;

  switch (key) {
    case 'ArrowRight':
      return Math.min(at + 1, rowEnd);
    case 'ArrowLeft':
      return Math.max(at - 1, rowStart);
    case 'ArrowDown':
      return inRow(Math.min(row + 1, lastRow));
    case 'ArrowUp':
      return inRow(Math.max(row - 1, 0));
    case 'PageDown':
      return inRow(Math.min(row + PAGE_ROWS, lastRow));
    case 'PageUp':
      return inRow(Math.max(row - PAGE_ROWS, 0));
    case 'Home':
      return toEnd ? 0 : rowStart;
    case 'End':
      return toEnd ? last : rowEnd;
    default:
      return null;
  }
}

/** The cell that keeps the tab stop when the cells change (a filter hid some): the same one if it is still there, else the nearest. */
export function keptIndex(index: number, count: number): number {
  return count === 0 ? 0 : Math.min(Math.max(index, 0), count - 1);
}
