import { describe, expect, it } from 'vitest';
import { bindingFileName as scriptName } from '../../../scripts/electron-sqlite.mjs';
import { bindingFileName, electronBindingPath } from './native-binding';

describe('the Electron build of better-sqlite3', () => {
  it('is named the same by the script that builds it and the app that loads it', () => {
    expect(bindingFileName('150', 'linux', 'x64')).toBe('better-sqlite3-electron-v150-linux-x64.node');
    expect(scriptName('150', 'linux', 'x64')).toBe(bindingFileName('150', 'linux', 'x64'));
  });

  it('is looked for under node_modules/.roster-native, by the running ABI', () => {
    const file = electronBindingPath('/app', { ...process.versions, modules: '150' });
    expect(file).toBe(`/app/node_modules/.roster-native/better-sqlite3-electron-v150-${process.platform}-${process.arch}.node`);
  });
});
