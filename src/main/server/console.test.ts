import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY_HEADER } from '@shared/csp';
import { createAdminRepository } from '../admins/repository';
import { createAdminService } from '../admins/service';
import type { Core } from '../core';
import { coreWithEnterprise } from '../test-support/temp-db';
import { buildRosterServer } from './app';
import { findRenderer, markAsConsole } from './console';
import { findWorker } from './worker-files';
import { testServerOptions } from './test-support/server-fixture';

const INDEX = '<!doctype html>\n<html lang="en">\n  <head>\n    <title>Roster</title>\n  </head>\n  <body><div id="root"></div></body>\n</html>\n';

/** A built renderer of two files, as `npm run build` leaves out/renderer. */
function fakeRenderer(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-console-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
  return dir;
}

describe("the server's web console", () => {
  let core: Core;
  let app: ReturnType<typeof buildRosterServer>;
  let bare: ReturnType<typeof buildRosterServer>;
  const rendererDir = fakeRenderer();

  beforeAll(async () => {
    core = await coreWithEnterprise();
    const admins = createAdminService({ db: core.db, admins: createAdminRepository(core.db), audit: core.services.audit, now: () => new Date() });
    const logger = pino({ level: 'silent' });
    app = buildRosterServer({ core, admins, options: testServerOptions(core.db.name), logger, rendererDir });
    bare = buildRosterServer({ core, admins, options: testServerOptions(core.db.name), logger });
    await Promise.all([app.ready(), bare.ready()]);
  });
  afterAll(async () => {
    await Promise.all([app.close(), bare.close()]);
    core.close();
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  it('serves index.html at / without sign-in, marked as the console, with a strict policy and the security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<meta name="roster-host" content="server">');
    expect(response.body).toContain('<div id="root"></div>');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it("answers the app's own routes with the page, and assets by name", async () => {
    for (const url of ['/index.html', '/licenses', '/teams/12?x=1', '/scimulated']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('roster-host');
    }
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.body).toBe('console.log(1);');
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    // The page under /assets (a path without an extension) is the page, never cached: only hashed assets are immutable.
    const page = await app.inject({ method: 'GET', url: '/assets/missing' });
    expect(page.body).toContain('roster-host');
    expect(page.headers['cache-control']).toBe('no-store');
    const head = await app.inject({ method: 'HEAD', url: '/' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it("never answers the server's own paths with the page", async () => {
    for (const url of ['/auth/nothing', '/healthz/x', '/scim', '/AUTH/methods-typo']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('roster-host');
    }
    // /api's own refusal (a token first), not the page.
    const api = await app.inject({ method: 'GET', url: '/api/nothing' });
    expect(api.statusCode).toBe(401);
    expect(api.body).not.toContain('roster-host');
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toMatchObject({ status: 'ok' });
    expect((await app.inject({ method: 'POST', url: '/licenses' })).statusCode).toBe(405);
  });

  it('says how to build the console when the server has none', async () => {
    const response = await bare.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('npm run build');
  });

  it('finds the renderer beside the bundle, and none beside the sources', () => {
    expect(findRenderer(path.join(rendererDir, 'main'))).toBeNull();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-out-'));
    fs.mkdirSync(path.join(root, 'renderer'));
    fs.writeFileSync(path.join(root, 'renderer', 'index.html'), INDEX);
    expect(findRenderer(path.join(root, 'main'))).toBe(path.join(root, 'renderer'));
    // From a shared chunk of the build (out/main/chunks), as the command line loads the server.
    expect(findRenderer(path.join(root, 'main', 'chunks'))).toBe(path.join(path.join(root, 'main', 'chunks'), '../../renderer'));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('finds a built worker beside the bundle or above the chunk it is called from, and none beside the sources', () => {
    expect(findWorker('export-worker')).toBeNull();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-out-'));
    fs.mkdirSync(path.join(root, 'main', 'chunks'), { recursive: true });
    fs.writeFileSync(path.join(root, 'main', 'copy-worker.js'), '');
    expect(findWorker('copy-worker', path.join(root, 'main'))).toBe(path.join(root, 'main', 'copy-worker.js'));
    expect(findWorker('copy-worker', path.join(root, 'main', 'chunks'))).toBe(path.join(root, 'main', 'copy-worker.js'));
    expect(findWorker('export-worker', path.join(root, 'main', 'chunks'))).toBeNull();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('refuses to serve an index.html it cannot mark', () => {
    expect(() => markAsConsole('<html><body></body></html>')).toThrow(/no <head>/);
  });
});
