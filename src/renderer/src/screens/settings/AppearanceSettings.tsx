import type { ThemeChoice } from '../../lib/theme';
import { useThemeStore } from '../../stores/theme-store';

const CHOICES: { choice: ThemeChoice; label: string; hint: string }[] = [
  { choice: 'system', label: 'System', hint: 'Light or dark, as your operating system is set, changing when it does.' },
  { choice: 'light', label: 'Light', hint: 'Always light.' },
  { choice: 'dark', label: 'Dark', hint: 'Always dark.' },
];

/** Settings → Appearance: the theme, applied at once and remembered on this computer. */
export function AppearanceSettings() {
  const { choice, setChoice } = useThemeStore();
  return (
    <div className="card settings-section" aria-labelledby="appearance-title" role="region">
      <h2 id="appearance-title">Appearance</h2>
      <fieldset className="plain-fieldset">
        <legend className="field-label">Theme</legend>
        <div className="option-list">
          {CHOICES.map((option) => (
            <label key={option.choice} className="radio option-card">
              <input type="radio" name="theme" value={option.choice} checked={choice === option.choice} onChange={() => setChoice(option.choice)} />
              <span>
                {option.label}
                <span className="block field-hint">{option.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <p className="field-hint">Zoom with Ctrl and + or − (⌘ on macOS); Ctrl+0 goes back to 100%.</p>
    </div>
  );
}
