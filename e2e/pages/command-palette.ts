import type { Locator, Page } from '@playwright/test';

/** The command palette (Ctrl/⌘+K): a dialog with a combobox and its listbox. */
export class CommandPalette {
  readonly dialog: Locator;
  readonly input: Locator;
  readonly results: Locator;
  readonly openButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Go to' });
    this.input = this.dialog.getByRole('combobox', { name: 'Go to a screen, member, team, organization or domain, or run an action' });
    this.results = this.dialog.getByRole('listbox', { name: 'Results' });
    this.openButton = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Go to/ });
  }

  option(name: string | RegExp): Locator {
    return this.results.getByRole('option', { name });
  }

  selected(): Locator {
    return this.results.getByRole('option', { selected: true });
  }

  async open(): Promise<void> {
    await this.page.keyboard.press(process.platform === 'darwin' ? 'Meta+K' : 'Control+K');
  }
}
