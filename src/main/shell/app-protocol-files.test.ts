import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { resolveAppFile } from './app-protocol';

/**
 * A renderer folder beside a folder of secrets, with symlinks from the one to
 * the other: what roster://app/ must never serve, whatever the path says.
 */
function layout() {
  const base = fs.realpathSync(tempDir());
  const root = path.join(base, 'renderer');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(root, 'index.html'), '<title>Roster</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'leak.txt'));
  fs.symlinkSync(outside, path.join(root, 'linked'), 'dir');
  fs.symlinkSync(path.join('..', '..', 'outside', 'secret.txt'), path.join(root, 'assets', 'relative.js'));
  fs.symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'inner.js'));
  fs.symlinkSync(path.join(root, 'loop-b'), path.join(root, 'loop-a'));
  fs.symlinkSync(path.join(root, 'loop-a'), path.join(root, 'loop-b'));
  // The folder itself reached through a link, as an install path may be.
  fs.symlinkSync(root, path.join(base, 'renderer-link'), 'dir');
  return { root, outside, rootLink: path.join(base, 'renderer-link') };
}

describe('resolveAppFile, on a real folder with symlinks', () => {
  it('serves the renderer files, and a link that stays inside the folder', async () => {
    const { root } = layout();
    expect(await resolveAppFile('roster://app/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(await resolveAppFile('roster://app/', root)).toBe(path.join(root, 'index.html'));
    expect(await resolveAppFile('roster://app/assets/app.js', root)).toBe(path.join(root, 'assets', 'app.js'));
    expect(await resolveAppFile('roster://app/inner.js', root)).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('serves from a renderer folder that is itself reached through a link', async () => {
    const { root, rootLink } = layout();
    expect(await resolveAppFile('roster://app/assets/app.js', rootLink)).toBe(path.join(root, 'assets', 'app.js'));
  });

  it.each([
    ['roster://app/leak.txt', 'a link to a file outside'],
    ['roster://app/linked/secret.txt', 'a file under a link to a folder outside'],
    ['roster://app/assets/relative.js', 'a relative link that climbs out'],
    ['roster://app/../outside/secret.txt', '..'],
    ['roster://app/%2e%2e/outside/secret.txt', 'encoded ..'],
    ['roster://app/assets/..%2f..%2foutside%2fsecret.txt', 'encoded .. and slashes'],
    ['roster://app/loop-a', 'a link loop'],
    ['roster://app/assets', 'a folder'],
    ['roster://app/linked', 'a link to a folder'],
    ['roster://app/missing.js', 'a file that is not there'],
  ])('refuses %s (%s)', async (url) => {
    const { root, outside } = layout();
    const file = await resolveAppFile(url, root);
    expect(file).toBeNull();
    expect(fs.existsSync(path.join(outside, 'secret.txt'))).toBe(true);
  });
});
