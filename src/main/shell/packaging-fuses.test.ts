import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The `electronFuses:` block of electron-builder.yml, as key → value. */
function fusesInBuilderConfig(): Record<string, string> {
  const text = fs.readFileSync(path.resolve(__dirname, '../../../electron-builder.yml'), 'utf8');
  const block = /^electronFuses:\n((?:[ ]{2}\S.*\n)+)/m.exec(text);
  if (!block) return {};
  return Object.fromEntries(block[1]!.trim().split('\n').map((line) => line.trim().split(/:\s*/) as [string, string]));
}

describe('the packaged app’s Electron fuses (electron-builder.yml)', () => {
  it('turns off every way to run the binary as something other than Roster', () => {
    expect(fusesInBuilderConfig()).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });
});
