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
   * of /api/events beside the app's own (with the page's session key, as the
   * app reads it), so a test can read what the page was told without catching
   * the bar while it is on screen.
   */
  async recordProgress(): Promise<() => Promise<unknown[]>> {
    await this.page.evaluate(async () => {
      const seen: unknown[] = [];
      (window as unknown as { progressSeen: unknown[] }).progressSeen = seen;
      const response = await fetch('/api/events', { headers: { 'X-Roster-Session': localStorage.getItem('roster.sessionKey') ?? '' } });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      const read = async (): Promise<void> => {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        const frames = buffer.split('\n\n');
        buffer = frames.pop()!;
        for (const frame of frames) {
          if (!frame.startsWith('data: ')) continue;
          const { event, payload } = JSON.parse(frame.slice('data: '.length)) as { event: string; payload: unknown };
          if (event === 'progress') seen.push(payload);
        }
        return read();
      };
      // Connected once the headers are in: the server subscribed this stream before answering.
      void read();
    });
    return () => this.page.evaluate(() => (window as unknown as { progressSeen: unknown[] }).progressSeen);
  }
}
