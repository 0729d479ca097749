/**
 * Light and dark themes. The choice (System, Light or Dark) is kept in the
 * page's localStorage: in the desktop app that is the user-data folder; in
 * browser mode it belongs to the address, so it is remembered when browser
 * mode starts on the same --port. "System" follows prefers-color-scheme, live.
 */
export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'roster.theme';

export function readThemeChoice(storage: Pick<Storage, 'getItem'> | undefined): ThemeChoice {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(THEME_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be refused (private windows, policies): the system's theme it is.
  }
  return (themeChoices as readonly string[]).includes(stored ?? '') ? (stored as ThemeChoice) : 'system';
}

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  return choice === 'system' ? (systemPrefersDark ? 'dark' : 'light') : choice;
}
