import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authRoutes } from '../auth/routes';
import { deviceRoutes } from '../devices/routes';
import { syncRoutes } from '../sync/routes';
import { taskRoutes } from '../tasks/routes';
import { waveRoutes } from '../waves/routes';
import { ApiError, notFound } from './api-error';
import type { AppDeps } from './app-deps';
import { handleError } from './error-handler';

/** Every route but push carries a few fields at most. */
const SMALL_BODY_LIMIT = 16 * 1024;

/**
 * Builds the whole HTTP app without listening: the API under `/api`, and the PWA at `/` with
 * every other path answered by its `index.html` (the app routes on the client).
 *
 * @example
 * const app = createApp(deps);
 * const res = await app.request('/api/health');
 */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.onError(handleError);
  const smallBody = bodyLimit({
    maxSize: SMALL_BODY_LIMIT,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', 'This request may carry at most 16 KiB');
    },
  });
  for (const path of ['/api/devices/*', '/api/auth/*', '/api/waves/*']) app.use(path, smallBody);
  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  app.route('/api/devices', deviceRoutes(deps));
  app.route('/api/auth', authRoutes(deps));
  app.route('/api/sync', syncRoutes(deps));
  app.route('/api/waves', waveRoutes(deps));
  app.route('/api/tasks', taskRoutes(deps));
  app.all('/api/*', (c) => {
    throw notFound(`No API route ${c.req.method} ${c.req.path}`);
  });
  if (deps.pwaDist && existsSync(deps.pwaDist)) servePwa(app, deps.pwaDist);
  return app;
}

function servePwa(app: Hono, root: string) {
  app.use(
    '/*',
    serveStatic({
      root,
      onFound: (path, c) => {
        // The service worker and the page must be revalidated so updates reach the handhelds.
        const revalidate = /(?:sw\.js|workbox-[\w-]+\.js|index\.html|manifest\.webmanifest)$/.test(
          path,
        );
        c.header('Cache-Control', revalidate ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.get('/*', serveStatic({ path: join(root, 'index.html') }));
}
