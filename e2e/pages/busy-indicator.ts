import type { Locator, Page } from '@playwright/test';

/** The busy indicator every screen shows while long work runs: each job's bar and its Cancel button. */
export class BusyIndicator {
  constructor(readonly page: Page) {}

  bar(label: string): Locator {
    return this.page.getByRole('progressbar', { name: label });
  }

  cancel(label: string): Locator {
    return this.page.getByRole('button', { name: `Cancel ${label.toLowerCase()}` });
  }

  /**
   * Keeps every `progress` event main sends this page, over a second stream
   * of /api/events beside the app's own, so a test can read what the page was
   * told without catching the bar while it is on screen.
   */
  async recordProgress(): Promise<() => Promise<unknown[]>> {
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const seen: unknown[] = [];
          (window as unknown as { progressSeen: unknown[] }).progressSeen = seen;
          const source = new EventSource('/api/events');
          source.onmessage = (message: MessageEvent<string>) => {
            const { event, payload } = JSON.parse(message.data) as { event: string; payload: unknown };
            if (event === 'progress') seen.push(payload);
          };
          source.onopen = () => resolve();
        }),
    );
    return () => this.page.evaluate(() => (window as unknown as { progressSeen: unknown[] }).progressSeen);
  }
}
