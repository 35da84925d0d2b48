import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { notFound } from './api-error';

/** The service worker, the page and the manifest must be revalidated so updates reach handhelds. */
const REVALIDATE = /(?:sw\.js|workbox-[\w-]+\.js|index\.html|manifest(?:\.[\w-]+)?\.webmanifest)$/;

/** A request for a file (its last segment has an extension) is never answered with the app. */
const FILE_REQUEST = /\/[^/]*\.[A-Za-z0-9]+$/;

/**
 * Serves the built PWA from `root`: its files as built, sent brotli or gzip-compressed from the
 * `.br`/`.gz` twins the build writes (`apps/pwa/scripts/precompress.mjs`) when the client accepts
 * them; the app's `index.html` for navigations (a path without a file extension, the client
 * routes it); and a 404 for a file that is not there (`/assets/gone.js`, `/favicon.ico`), so a
 * stale script or a crawler's probe never gets the page with 200.
 *
 * @example
 * servePwa(app, '/srv/wms/apps/pwa/dist');
 */
export function servePwa(app: Hono, root: string) {
  // Set once the file is chosen: serveStatic builds its response before its onFound hook runs.
  app.use('/*', async (c, next) => {
    await next();
    if (c.res.status !== 200 && c.res.status !== 206) return;
    const immutable = FILE_REQUEST.test(c.req.path) && !REVALIDATE.test(c.req.path);
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  app.use('/*', serveStatic({ root, precompressed: true }));
  app.get('/*', async (c, next) => {
    if (FILE_REQUEST.test(c.req.path)) throw notFound(`No file ${c.req.path}`);
    return next();
  });
  app.get('/*', serveStatic({ path: join(root, 'index.html'), precompressed: true }));
}
