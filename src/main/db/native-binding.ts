import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is a native module, and Node and Electron speak different ABIs.
 * `npm install` compiles it for Node (tests, command line, browser mode) in
 * node_modules/better-sqlite3; `npm start` compiles a second copy for Electron
 * into this folder, once, the first time Electron can run
 * (scripts/build-electron-sqlite.mjs). The app picks the copy for its ABI here
 * and hands it to better-sqlite3's nativeBinding option.
 */
export const NATIVE_DIR = path.join('node_modules', '.roster-native');

/** Keep in step with bindingFileName in scripts/build-electron-sqlite.mjs (a test checks). */
export function bindingFileName(abi: string, platform: string, arch: string): string {
  return `better-sqlite3-electron-v${abi}-${platform}-${arch}.node`;
}

export function electronBindingPath(appRoot: string, versions: NodeJS.ProcessVersions = process.versions): string {
  return path.join(appRoot, NATIVE_DIR, bindingFileName(versions.modules, process.platform, process.arch));
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
