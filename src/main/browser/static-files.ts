import fs from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * The built renderer, read once at start: a few small files, served from memory.
 * Paths that name no file get index.html (the app routes in the page itself).
 */
export function loadStaticFiles(rendererDir: string): (urlPath: string) => StaticFile | null {
  const files = new Map<string, StaticFile>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const urlPath = `/${path.relative(rendererDir, full).split(path.sep).join('/')}`;
        const contentType = CONTENT_TYPES[path.extname(entry.name)] ?? 'application/octet-stream';
        files.set(urlPath, { body: fs.readFileSync(full), contentType });
      }
    }
  };
  walk(rendererDir);
  const index = files.get('/index.html');
  if (!index) throw new Error(`No built renderer in ${rendererDir}: run "npm run build" first.`);

  return (urlPath) => {
    const file = files.get(urlPath);
    if (file) return file;
    // A missing asset is a 404; any other path is a page of the app.
    return path.posix.extname(urlPath) ? null : index;
  };
}
