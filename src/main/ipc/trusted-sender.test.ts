import { describe, expect, it } from 'vitest';
import { createSenderCheck, isAppPage, isLoopbackDevServer } from './trusted-sender';

const built = 'roster://app/index.html';
const dev = 'http://localhost:5173/';

describe('isAppPage', () => {
  it.each([
    [built, true],
    [`${built}#/settings`, true],
    [`${built}?x=1`, false],
    ['roster://app/other.html', false],
    ['roster://app/assets/index.html', false],
    ['roster://evil/index.html', false],
    ['roster://user:pw@app/index.html', false],
    ['roster://app:8080/index.html', false],
    ['file:///opt/Roster/resources/app/out/renderer/index.html', false],
    ['file:///index.html', false],
    ['about:blank', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['https://app/index.html', false],
    ['https://evil.example/index.html', false],
    ['not a url', false],
  ])('for the built app, %s is %s', (url, expected) => {
    expect(isAppPage(url, built)).toBe(expected);
  });

  it.each([
    [dev, true],
    [`${dev}#/organizations`, true],
    ['http://localhost:5174/', false],
    ['http://127.0.0.1:5173/', false],
    ['http://localhost:5173/elsewhere', false],
  ])('for the dev server, %s is %s', (url, expected) => {
    expect(isAppPage(url, dev)).toBe(expected);
  });
});

describe('createSenderCheck', () => {
  it('trusts only a frame showing the app page', () => {
    const check = createSenderCheck(built);
    expect(check({ senderFrame: { url: `${built}#/organizations` } })).toBe(true);
    expect(check({ senderFrame: { url: 'https://evil.example/' } })).toBe(false);
    expect(check({ senderFrame: null })).toBe(false);
  });
});

describe('isLoopbackDevServer', () => {
  it.each([
    ['http://localhost:5173/', true],
    ['http://127.0.0.1:5173/', true],
    ['http://[::1]:5173/', true],
    ['https://localhost:5173/', false],
    ['http://evil.example:5173/', false],
    ['http://localhost.evil.example/', false],
    ['http://user@localhost:5173/', false],
    ['file:///tmp/index.html', false],
    ['not a url', false],
  ])('%s is %s', (url, expected) => {
    expect(isLoopbackDevServer(url)).toBe(expected);
  });
});
