import { existsSync } from 'node:fs';
import { type Context, Hono } from 'hono';
import { authRoutes } from './auth/routes';
import { deviceRoutes } from './devices/routes';
import { syncRoutes } from './sync/routes';
import { taskRoutes } from './tasks/routes';
import { consoleRoutes } from './console/routes';
import { masterDataRoutes } from './master-data/routes';
import { labelRoutes } from './labels/routes';
import { waveRoutes } from './waves/routes';
import { exceptionRoutes } from './exceptions/routes';
import { orderRoutes } from './orders/routes';
import { inventoryRoutes } from './inventory/routes';
import { moveRoutes } from './inventory/move-routes';
import { holdRoutes } from './holds/routes';
import { webhookRoutes } from './webhooks/routes';
import { routingRoutes } from './routing/routes';
import { apiKeyRoutes } from './auth/api-key-routes';
import { hubAdminRoutes } from './auth/hub-admin-routes';
import { settingsRoutes } from './inventory/settings-routes';
import { openApiDocument } from './api-docs/openapi-document';
import { referencePage } from './api-docs/reference-page';
import { documented } from './api-docs/documented';
import { openApiDocumentSchema } from './api-docs/response-schemas';
import { z } from 'zod';
import { notFound } from './http/api-error';
import { bodyLimits } from './http/body-limits';
import { RateLimiter, callerAddress, rateLimited } from './http/rate-limit';
import type { AppDeps } from './http/app-deps';
import { handleError } from './http/error-handler';
import { securityHeaders } from './http/security-headers';
import { servePwa } from './http/serve-pwa';
import { checkProtocolVersion } from './http/protocol-version';
import { rejectRevokedDevices } from './auth/reject-revoked-devices';
import { authorizeRoute } from './auth/authorize-route';
import { healthRoutes } from './ops/health';
import { pino } from 'pino';
import { Lifecycle } from './ops/lifecycle';
import { Metrics, metricsRoutes } from './ops/metrics';
import { requestContext } from './ops/request-context';
import { adminRoutes } from './ops/admin-routes';
import { channelCodeRoutes } from './channel-codes/routes';
import { addressConfirmationRoutes } from './address-changes/routes';
import { inboundRoutes } from './inbound/routes';
import { packingRoutes } from './packing/routes';
import { waybillRoutes } from './waybills/routes';
import { orderStatusRoutes, trackingRoutes } from './delivery/routes';
import { connectorAdminRoutes, connectorPushRoutes } from './connectors/routes';
import type { Db } from './db/database';
import { PokeHub } from './sync/poke-hub';

/**
 * Builds the whole HTTP app without listening: the API under `/api`, and the PWA at `/` with
 * every other path answered by its `index.html` (the app routes on the client).
 *
 * @example
 * const app = createApp(deps);
 * const res = await app.request('/api/health');
 */
export function createApp(given: AppDeps) {
  const deps: AppDeps & Required<Pick<AppDeps, 'lifecycle' | 'logger' | 'metrics'>> = {
    ...given,
    lifecycle: given.lifecycle ?? new Lifecycle(),
    logger: given.logger ?? pino({ level: 'silent' }),
    metrics: given.metrics ?? new Metrics(given.db),
  };
  const app = new Hono();
  app.onError(handleError);
  app.use(requestContext(deps));
  app.use(securityHeaders(deps.pictureHosts));
  app.route(
    '/',
    healthRoutes(deps.db, { lifecycle: deps.lifecycle, primary: deps.databasePrimary }),
  );
  app.route('/', metricsRoutes(deps.metrics, deps.metricsToken ?? null));
  app.use('/api/*', checkProtocolVersion(deps.readableProtocol));
  app.use('/api/*', rejectRevokedDevices(deps.db, deps.authSecret));
  app.use('/api/*', bodyLimits());
  app.use('/api/*', authorizeRoute(deps));
  // Sign-in and registration are open to anyone: limited per caller address, sized for a
  // warehouse's whole fleet behind one NAT address at shift start, not for guessing PINs.
  const signInLimit = deps.signInRateLimit ?? 300;
  if (signInLimit > 0) {
    const signIns = new RateLimiter({ name: 'sign-in', limit: signInLimit, windowMs: 60_000 });
    const byAddress = (c: Context) => callerAddress(c, deps.trustProxy ?? false);
    app.post('/api/auth/login', rateLimited(signIns, byAddress));
    app.post('/api/devices/register', rateLimited(signIns, byAddress));
  }
  // Issue 22: the customer's order status page, per caller address (stops guessing and scraping).
  const statusPages = new RateLimiter({ name: 'order-status', limit: 60, windowMs: 60_000 });
  app.get(
    '/api/order-status/:token',
    rateLimited(statusPages, (c) => callerAddress(c, deps.trustProxy ?? false)),
  );
  // Issue 27: a platform's pushes, per connector (a platform resending in a loop, or a flood).
  const pushes = new RateLimiter({
    name: 'connector-push',
    limit: deps.connectorPushRateLimit ?? 600,
    windowMs: 60_000,
  });
  app.post(
    '/api/connectors/:connectorId/push',
    rateLimited(pushes, (c) => c.req.param('connectorId') ?? ''),
  );
  app.get(
    '/api/health',
    documented({
      summary: 'Liveness: answers while the process runs',
      response: z.object({ status: z.literal('ok') }),
    }),
    (c) => c.json({ status: 'ok' }),
  );
  // The document and the reference are of this app's routes, built at the first call.
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get(
    '/api/openapi.json',
    documented({ summary: 'This document (OpenAPI 3.1)', response: openApiDocumentSchema }),
    (c) => c.json((document ??= openApiDocument(app))),
  );
  app.get('/api/docs', documented({ summary: 'The readable API reference', html: true }), (c) =>
    c.html(referencePage(app)),
  );
  app.route('/api/devices', deviceRoutes(deps));
  app.route('/api/auth', authRoutes(deps));
  app.route('/api/sync', syncRoutes(deps));
  app.route('/api/waves', waveRoutes(deps));
  app.route('/api/exceptions', exceptionRoutes(deps));
  app.route('/api/orders', orderRoutes(deps));
  app.route('/api/inventory', inventoryRoutes(deps));
  // Issue 16: moves on the handheld (the moves are pushed as events).
  app.route('/api/moves', moveRoutes(deps));
  app.route('/api/holds', holdRoutes(deps));
  app.route('/api/webhooks', webhookRoutes(deps));
  app.route('/api/routing', routingRoutes(deps));
  app.route('/api/integration-keys', apiKeyRoutes(deps));
  app.route('/api/hub-settings', settingsRoutes(deps));
  app.route('/api/tasks', taskRoutes(deps));
  app.route('/api/console', consoleRoutes(deps));
  app.route('/api/admin', adminRoutes(deps));
  app.route('/api/admin', masterDataRoutes(deps));
  app.route('/api/admin', channelCodeRoutes(deps));
  app.route('/api/admin', hubAdminRoutes(deps));
  app.route('/api/labels', labelRoutes(deps));
  // Issue 21: the customer's address-confirmation page (public, signed link, rate-limited).
  app.route('/api/address-confirmations', addressConfirmationRoutes(deps));
  app.route('/api/inbound', inboundRoutes(deps));
  // Pack and ship (issue 22).
  app.route('/api/packing', packingRoutes(deps));
  app.route('/api/orders', waybillRoutes(deps));
  app.route('/api/parcels', trackingRoutes(deps));
  app.route('/api/order-status', orderStatusRoutes(deps));
  // Marketplace connectors (issue 27): admins run them; platforms push to them.
  app.route('/api/admin/connectors', connectorAdminRoutes(deps));
  app.route('/api/connectors', connectorPushRoutes(deps));
  app.all('/api/*', (c) => {
    throw notFound(`No API route ${c.req.method} ${c.req.path}`);
  });
  if (deps.pwaDist && existsSync(deps.pwaDist)) servePwa(app, deps.pwaDist);
  return app;
}

/**
 * The app assembled with inert dependencies, for what reads only its route table: the API
 * document outside a running server (`npm run api:types`, the contract check). It must never
 * answer a request (it has no database).
 */
export function routeTableApp() {
  return createApp({
    db: undefined as unknown as Db,
    pokes: new PokeHub(),
    authSecret: 'route-table-only',
    tokenTtlMs: 0,
    pwaDist: null,
    now: () => new Date(0),
  });
}
