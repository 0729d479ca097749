import fs from 'node:fs';
import path from 'node:path';

/** End-to-end tests drive the built app; say so plainly instead of failing every test. */
export default function globalSetup(): void {
  const built = path.join(__dirname, '..', 'out', 'main', 'browser.js');
  if (!fs.existsSync(built)) {
    throw new Error('Roster is not built. Run "npm run build" (or the whole suite with "npm test") first.');
  }
}
