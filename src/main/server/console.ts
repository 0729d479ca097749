import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CONTENT_SECURITY_POLICY_HEADER } from '@shared/csp';
import { CONSOLE_HOST_META, CONSOLE_HOST_SERVER } from '@shared/console-host';
import { fail } from '@shared/result';
import { loadStaticFiles, type StaticFile } from '../browser/static-files';

/**
 * The paths that belong to the server itself: an unknown address under them is
 * a 404 of theirs, never the console's page (a mistyped API call must not get
 * HTML back with a 200).
 */
const SERVER_PREFIXES = ['/api', '/auth', '/scim', '/healthz', '/readyz'];

const isServerPath = (urlPath: string) => {
  const lower = urlPath.toLowerCase();
  return SERVER_PREFIXES.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
};

/** The console's own headers, on top of the server's (app.ts): the same policy as the desktop window's and browser mode's. */
const CONSOLE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * The built renderer beside the server's bundle (out/main/cli.js, so
 * out/renderer; from a shared chunk in out/main/chunks, one folder further
 * up), or null where there is none (the tests' sources): the server then
 * serves no console and says so at `/`.
 */
export function findRenderer(dir: string = __dirname): string | null {
  for (const found of [path.join(dir, '../renderer'), path.join(dir, '../../renderer')]) {
    if (fs.existsSync(path.join(found, 'index.html'))) return found;
  }
  return null;
}

/**
 * index.html as the server serves it: marked as the server's console, so the
 * page signs admins in and calls the API with its session (lib/api.ts).
 * Browser mode and the desktop window serve the file unmarked.
 */
export function markAsConsole(html: string): string {
  const meta = `<meta name="${CONSOLE_HOST_META}" content="${CONSOLE_HOST_SERVER}">`;
  const marked = html.replace(/<head>/i, `<head>\n    ${meta}`);
  if (marked === html) throw new Error('The built index.html has no <head>: the console cannot be marked.');
  return marked;
}

function sendFile(reply: FastifyReply, file: StaticFile, urlPath: string, head: boolean, isPage = false) {
  // Assets carry a hash of their content in their name: a new build has new names. The page (also answered
  // for a path under /assets/ that names no file) is never cached: it names the build's assets.
  const cache = !isPage && urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store';
  return reply
    .code(200)
    .headers(CONSOLE_HEADERS)
    .header('Cache-Control', cache)
    .type(file.contentType)
    .send(head ? '' : file.body);
}

/**
 * The web console: the renderer, at `/` and its assets, with any other path
 * that is not the server's own (above) answered with index.html, where the app
 * routes by itself. The page holds nothing secret and needs no sign-in; the
 * calls it makes do (the /auth routes and the session cookie).
 */
export function installConsole(app: FastifyInstance, rendererDir: string | null): void {
  const files = rendererDir ? loadStaticFiles(rendererDir) : null;
  const index = files ? files('/index.html') : null;
  const page: StaticFile | null = index ? { ...index, body: Buffer.from(markAsConsole(index.body.toString('utf8'))) } : null;

  const serve = (urlPath: string, head: boolean, reply: FastifyReply) => {
    if (!files || !page) {
      return reply.code(404).header('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send('This Roster server was built without its web console: run "npm run build".\n');
    }
    const file = urlPath === '/' || urlPath === '/index.html' ? page : files(urlPath);
    // files() answers index.html for a path without an extension: the console's, marked.
    if (file === index || file === page) return sendFile(reply, page, urlPath, head, true);
    if (file) return sendFile(reply, file, urlPath, head);
    return reply.code(404).header('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send('Not found.\n');
  };

  // Every path the routes of /api, /auth, /scim and the probes do not answer comes here.
  app.setNotFoundHandler((request, reply) => {
    const urlPath = request.url.split('?')[0]!;
    if (isServerPath(urlPath)) {
      return reply
        .code(404)
        .header('Cache-Control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(fail('NOT_FOUND', `There is nothing at ${request.method} ${urlPath}.`)));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply.code(405).header('Allow', 'GET, HEAD').type('text/plain; charset=utf-8').send('Use GET.\n');
    }
    return serve(urlPath, request.method === 'HEAD', reply);
  });
}
