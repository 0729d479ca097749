import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is a native module, and Node and Electron speak different ABIs.
 * `npm install` compiles it for Node (tests, command line, browser mode) in
 * node_modules/better-sqlite3; `npm start` compiles a second copy for Electron
 * into NATIVE_DIR, once, the first time Electron can run
 * (scripts/electron-sqlite.mjs). The app picks the copy for its ABI here and
 * hands it to better-sqlite3's nativeBinding option.
 */
export const NATIVE_DIR = path.join('node_modules', '.roster-native');

/**
 * Named by better-sqlite3's version as well as the ABI, so upgrading the
 * package never loads a binary built from its older sources.
 * Keep in step with bindingFileName in scripts/electron-sqlite.mjs (a test checks).
 */
export function bindingFileName(sqliteVersion: string, abi: string, platform: string, arch: string): string {
  return `better-sqlite3-${sqliteVersion}-electron-v${abi}-${platform}-${arch}.node`;
}

/** The version of better-sqlite3 installed under appRoot: its JavaScript is what will load the binary. */
export function installedSqliteVersion(appRoot: string): string {
  const manifest = path.join(appRoot, 'node_modules', 'better-sqlite3', 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

export function electronBindingPath(appRoot: string, versions: NodeJS.ProcessVersions = process.versions): string {
  const name = bindingFileName(installedSqliteVersion(appRoot), versions.modules, process.platform, process.arch);
  return path.join(appRoot, NATIVE_DIR, name);
}

/**
 * The binding to load under Electron in development, or an error that says how
 * to make it. Packaged apps carry a build made for Electron by electron-builder
 * and need no override.
 */
export function findElectronBinding(appRoot: string): { path: string } | { error: string } {
  const file = electronBindingPath(appRoot);
  if (fs.existsSync(file)) return { path: file };
  return {
    error:
      `Roster has no better-sqlite3 build for Electron ${process.versions.electron} (ABI ${process.versions.modules}) at ${file}. ` +
      'Start the app with "npm start", which builds it once, or run "npm run native:electron" (both need the internet the first time).',
  };
}
