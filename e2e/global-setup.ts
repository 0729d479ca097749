import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ElectronSqlite from '../scripts/electron-sqlite.mjs';

const root = path.join(__dirname, '..');

/**
 * End-to-end tests drive the built app; say so plainly instead of failing every
 * test. In Electron mode, make sure better-sqlite3 is built for Electron too.
 */
export default async function globalSetup(): Promise<void> {
  if (!fs.existsSync(path.join(root, 'out', 'main', 'browser.js'))) {
    throw new Error('Roster is not built. Run "npm run build" (or the whole suite with "npm test") first.');
  }
  if (process.env.ROSTER_E2E_MODE === 'electron') {
    // An ES module script: loaded by URL, so the test runner's CommonJS transform leaves it alone.
    const script = pathToFileURL(path.join(root, 'scripts', 'electron-sqlite.mjs')).href;
    const { ensureElectronSqlite, findElectron } = (await import(script)) as typeof ElectronSqlite;
    const electron = findElectron();
    if ('error' in electron) throw new Error(`ROSTER_E2E_MODE=electron, but Electron's binary is not available: ${electron.error}.`);
    ensureElectronSqlite(electron.path);
  }
}
