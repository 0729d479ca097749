import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/shared/csp';

const alias = { '@shared': resolve(__dirname, 'src/shared') };

/**
 * Puts the Content-Security-Policy into index.html as a meta tag (the window's
 * roster:// scheme sends it as a header too). Vite's dev server needs an
 * inline preamble and a websocket, so only `electron-vite dev` relaxes it.
 */
function contentSecurityPolicy(): Plugin {
  let serving = false;
  return {
    name: 'roster-csp',
    configResolved: (config) => {
      serving = config.command === 'serve';
    },
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: {
          'http-equiv': 'Content-Security-Policy',
          content: serving
            ? CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
                "connect-src 'self'",
                "connect-src 'self' ws: http://localhost:*",
              )
            : CONTENT_SECURITY_POLICY,
        },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      // zod is bundled, not loaded from node_modules: only what the schemas use, where the package's
      // entry loads every part of it and its 40-odd locales (about 60 ms of each command line's start).
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          browser: resolve(__dirname, 'src/main/browser/main.ts'),
          cli: resolve(__dirname, 'src/main/cli/main.ts'),
          // `roster server` reads large exports in a worker thread, from this file beside cli.js.
          'export-worker': resolve(__dirname, 'src/main/server/export-worker.ts'),
          // ...and makes its backups in another, from this one.
          'copy-worker': resolve(__dirname, 'src/main/backups/copy-worker.ts'),
          // ...and answers the console's pages from read workers, from this one.
          'read-worker': resolve(__dirname, 'src/main/server/read-worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    // A sandboxed preload cannot require anything but electron: bundle it whole.
    build: { externalizeDeps: false },
  },
  renderer: {
    resolve: { alias },
    plugins: [react(), contentSecurityPolicy()],
    build: { minify: true },
  },
});
