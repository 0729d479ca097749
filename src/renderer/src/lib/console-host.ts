import { CONSOLE_HOST_META, CONSOLE_HOST_SERVER } from '@shared/console-host';

/** Whether a Roster server serves this page as its web console (it marks index.html as it serves it: shared/console-host.ts). */
export function isServerConsole(doc: Pick<Document, 'querySelector'>): boolean {
  return doc.querySelector(`meta[name="${CONSOLE_HOST_META}"]`)?.getAttribute('content') === CONSOLE_HOST_SERVER;
}
