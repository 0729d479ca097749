import { describe, expect, it } from 'vitest';
import { readThemeChoice, resolveTheme, THEME_STORAGE_KEY } from './theme';

const storage = (value: string | null) => ({ getItem: (key: string) => (key === THEME_STORAGE_KEY ? value : null) });

describe('theme', () => {
  it('follows the system until the admin chooses', () => {
    expect(readThemeChoice(storage(null))).toBe('system');
    expect(readThemeChoice(undefined)).toBe('system');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
  });

  it('keeps a chosen theme whatever the system says, and ignores a stored value it does not know', () => {
    expect(readThemeChoice(storage('dark'))).toBe('dark');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
    expect(readThemeChoice(storage('purple'))).toBe('system');
    expect(readThemeChoice({ getItem: () => { throw new Error('denied'); } })).toBe('system');
  });
});
