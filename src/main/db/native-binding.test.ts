import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindingFileName as scriptName } from '../../../scripts/electron-sqlite.mjs';
import { bindingFileName, electronBindingPath, installedSqliteVersion } from './native-binding';

const root = path.resolve(__dirname, '../../..');

describe('the Electron build of better-sqlite3', () => {
  it('is named the same by the script that builds it and the app that loads it', () => {
    expect(bindingFileName('12.11.1', '150', 'linux', 'x64')).toBe('better-sqlite3-12.11.1-electron-v150-linux-x64.node');
    expect(scriptName('12.11.1', '150', 'linux', 'x64')).toBe(bindingFileName('12.11.1', '150', 'linux', 'x64'));
  });

  it("is looked for under node_modules/.roster-native, by the installed package's version and the running ABI", () => {
    const version = installedSqliteVersion(root);
    expect(version).toMatch(/^12\./);
    expect(electronBindingPath(root, { ...process.versions, modules: '150' })).toBe(
      path.join(root, 'node_modules', '.roster-native', `better-sqlite3-${version}-electron-v150-${process.platform}-${process.arch}.node`),
    );
  });
});
