import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { CONTENT_SECURITY_POLICY_HEADER } from '@shared/csp';
import { APP_SCHEME, resolveAppFile } from './app-protocol';

/**
 * Makes `roster:` a standard, secure scheme, so that the page has an origin of
 * its own (relative URLs, module scripts, localStorage) and counts as a secure
 * context. Electron allows this only before the app is ready, once.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/**
 * Answers `roster://app/…` with the built renderer's files in `root`, and
 * nothing else (404), with the same Content-Security-Policy header browser
 * mode sends (the meta tag in index.html stays, for the dev server).
 */
export function serveAppFiles(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    // Real files inside the renderer folder only (links resolved): net.fetch would list a folder, or follow a link out.
    const file = request.method === 'GET' ? await resolveAppFile(request.url, root) : null;
    const found = file ? await net.fetch(pathToFileURL(file).href).catch(() => null) : null;
    if (!found?.ok) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    const headers = new Headers(found.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY_HEADER);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(found.body, { status: found.status, statusText: found.statusText, headers });
  });
}
