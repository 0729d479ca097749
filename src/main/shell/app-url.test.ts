import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL } from './app-protocol';
import { appUrlFor } from './app-url';

const DEV_SERVER = 'http://localhost:5173';

describe('appUrlFor', () => {
  it('loads the dev server that electron-vite dev names, in a development build that is not packaged', () => {
    expect(appUrlFor({ isPackaged: false, devBuild: true, devServerUrl: DEV_SERVER })).toBe(DEV_SERVER);
  });

  it.each([
    ['a production build run from the checkout (npm run build, the e2e tests)', { isPackaged: false, devBuild: false }],
    ['a packaged app', { isPackaged: true, devBuild: false }],
    ['a packaged development build', { isPackaged: true, devBuild: true }],
  ])('ignores ELECTRON_RENDERER_URL in %s', (_what, flags) => {
    expect(appUrlFor({ ...flags, devServerUrl: DEV_SERVER })).toBe(APP_PAGE_URL);
  });

  it.each(['https://localhost:5173', 'http://evil.example:5173', 'http://user:pw@localhost:5173', 'file:///tmp/index.html', 'not a url'])(
    'ignores a dev server that is not plain http on loopback: %s',
    (devServerUrl) => {
      expect(appUrlFor({ isPackaged: false, devBuild: true, devServerUrl })).toBe(APP_PAGE_URL);
    },
  );

  it('loads the built page when no dev server is named', () => {
    expect(appUrlFor({ isPackaged: false, devBuild: true, devServerUrl: undefined })).toBe(APP_PAGE_URL);
  });
});
