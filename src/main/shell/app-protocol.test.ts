import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL, appFileFor } from './app-protocol';

const root = path.resolve('/opt/Roster/resources/app.asar/out/renderer');

describe('appFileFor', () => {
  it.each([
    [APP_PAGE_URL, 'index.html'],
    [`${APP_PAGE_URL}#/teams/4`, 'index.html'],
    ['roster://app/', 'index.html'],
    ['roster://app', 'index.html'],
    ['roster://app/assets/index-Bx1.js', 'assets/index-Bx1.js'],
    ['roster://app/assets/a%20b.css', 'assets/a b.css'],
  ])('serves %s from the renderer folder', (url, file) => {
    expect(appFileFor(url, root)).toBe(path.join(root, file));
  });

  it.each([
    'roster://app/../main/index.js',
    'roster://app/%2e%2e/main/index.js',
    'roster://app/assets/%2e%2e%2f%2e%2e%2fmain/index.js',
    'roster://app/assets/..%2f..%2f..%2fmain/index.js',
    'roster://app/%2F..%2F..%2Fetc/passwd',
  ])('never leaves the renderer folder for %s', (url) => {
    const file = appFileFor(url, root);
    if (file !== null) expect(path.relative(root, file).split(path.sep)).not.toContain('..');
  });

  it.each([
    ['roster://app/..%5c..%5cmain%5cindex.js', 'encoded backslashes'],
    ['roster://app/index.html%00.js', 'a NUL'],
    ['roster://app/%E0%A4%A', 'a broken escape'],
    ['roster://app/index.html?x=1', 'a query'],
    ['roster://evil/index.html', 'another host'],
    ['roster://user@app/index.html', 'credentials'],
    ['roster://app:99/index.html', 'a port'],
    ['file:///opt/Roster/resources/app.asar/out/renderer/index.html', 'another scheme'],
    ['https://app/index.html', 'another scheme'],
    ['not a url', 'no URL at all'],
  ])('answers nothing for %s (%s)', (url) => {
    expect(appFileFor(url, root)).toBeNull();
  });
});
