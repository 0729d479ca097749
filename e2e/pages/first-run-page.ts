import type { Locator, Page } from '@playwright/test';

export class FirstRunPage {
  readonly heading: Locator;
  readonly enterpriseName: Locator;
  readonly seats: Locator;
  readonly createButton: Locator;
  readonly demoButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Welcome to Roster' });
    this.enterpriseName = page.getByLabel('Enterprise name');
    this.seats = page.getByLabel('Seats');
    this.createButton = page.getByRole('button', { name: 'Create enterprise' });
    this.demoButton = page.getByRole('button', { name: 'Open the demo enterprise' });
  }
}
