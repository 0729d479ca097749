import { create } from 'zustand';
import { readThemeChoice, resolveTheme, THEME_STORAGE_KEY, type Theme, type ThemeChoice } from '../lib/theme';

interface ThemeState {
  choice: ThemeChoice;
  /** What the page shows now: the choice, or the system's while the choice is "system". */
  theme: Theme;
  setChoice(choice: ThemeChoice): void;
}

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function show(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export const useThemeStore = create<ThemeState>()((set) => {
  const choice = readThemeChoice(window.localStorage);
  const theme = resolveTheme(choice, darkQuery().matches);
  show(theme);
  return {
    choice,
    theme,
    setChoice(next) {
      try {
        window.localStorage.setItem(THEME_STORAGE_KEY, next);
      } catch {
        // Not remembered, but still shown.
      }
      const resolved = resolveTheme(next, darkQuery().matches);
      show(resolved);
      set({ choice: next, theme: resolved });
    },
  };
});

/** Follows the system's light or dark setting while the choice is "System". Returns a stop function. */
export function followSystemTheme(): () => void {
  const query = darkQuery();
  const onChange = () => {
    const { choice } = useThemeStore.getState();
    const theme = resolveTheme(choice, query.matches);
    show(theme);
    useThemeStore.setState({ theme });
  };
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
