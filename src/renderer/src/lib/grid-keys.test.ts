import { describe, expect, it } from 'vitest';
import { gridMove, keptIndex, PAGE_ROWS } from './grid-keys';

// Seven cells, two to a row:   0 1
//                              2 3
//                              4 5
//                              6
const shape = (index: number) => ({ index, count: 7, columns: 2 });
const move = (key: string, index: number, mods: { ctrlKey?: boolean; metaKey?: boolean } = {}) => gridMove({ key, ...mods }, shape(index));

describe('moving through a grid of checkboxes', () => {
  it('moves by cell along a row with Left and Right, and stops at its ends', () => {
    expect(move('ArrowRight', 0)).toBe(1);
    expect(move('ArrowRight', 1)).toBe(1);
    expect(move('ArrowLeft', 3)).toBe(2);
    expect(move('ArrowLeft', 2)).toBe(2);
    expect(move('ArrowRight', 6)).toBe(6);
  });

  it('moves by row with Up and Down, keeping the column, and stops at the first and last rows', () => {
    expect(move('ArrowDown', 1)).toBe(3);
    expect(move('ArrowDown', 4)).toBe(6);
    expect(move('ArrowUp', 3)).toBe(1);
    expect(move('ArrowUp', 0)).toBe(0);
    expect(move('ArrowDown', 6)).toBe(6);
  });

  it('goes to the short last row’s last cell where its column is missing', () => {
    expect(move('ArrowDown', 5)).toBe(6);
  });

  it('goes to the ends of the row with Home and End, and of the grid with Ctrl (or ⌘)', () => {
    expect(move('Home', 3)).toBe(2);
    expect(move('End', 2)).toBe(3);
    expect(move('End', 6)).toBe(6);
    expect(move('Home', 5, { ctrlKey: true })).toBe(0);
    expect(move('End', 1, { ctrlKey: true })).toBe(6);
    expect(move('End', 1, { metaKey: true })).toBe(6);
  });

  it('moves a few rows at a time with Page Up and Page Down, and stops at the first and last rows', () => {
    const long = { count: 40, columns: 2 };
    expect(gridMove({ key: 'PageDown' }, { ...long, index: 1 })).toBe(1 + PAGE_ROWS * 2);
    expect(gridMove({ key: 'PageUp' }, { ...long, index: 1 + PAGE_ROWS * 2 })).toBe(1);
    expect(gridMove({ key: 'PageDown' }, { ...long, index: 36 })).toBe(38);
    expect(gridMove({ key: 'PageUp' }, { ...long, index: 3 })).toBe(1);
  });

  it('works as a list with one column', () => {
    expect(gridMove({ key: 'ArrowDown' }, { index: 0, count: 3, columns: 1 })).toBe(1);
    expect(gridMove({ key: 'ArrowRight' }, { index: 0, count: 3, columns: 1 })).toBe(0);
    expect(gridMove({ key: 'End' }, { index: 0, count: 3, columns: 1 })).toBe(0);
    expect(gridMove({ key: 'End', ctrlKey: true }, { index: 0, count: 3, columns: 1 })).toBe(2);
  });

  it('leaves Tab, Space, Enter and letters to the page, and does nothing in an empty grid', () => {
    for (const key of ['Tab', ' ', 'Enter', 'a']) expect(move(key, 2)).toBeNull();
    expect(gridMove({ key: 'ArrowDown' }, { index: 0, count: 0, columns: 2 })).toBeNull();
  });

  it('keeps the tab stop on the same cell, or the nearest one left, when cells are filtered away', () => {
    expect(keptIndex(3, 7)).toBe(3);
    expect(keptIndex(6, 2)).toBe(1);
    expect(keptIndex(4, 0)).toBe(0);
  });
});
