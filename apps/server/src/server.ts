import { KdniaoProvider } from './waybills/kdniao';
import { createServer as createHttpsServer } from 'node:https';
import { assertPortFree } from './ops/assert-port-free';
import { serve, type ServerType } from '@hono/node-server';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase, queryRows } from './db/database';
import { seedDemoIfEmpty } from './demo/seed-demo';
import { seedHubDemoIfMissing } from './demo/seed-hub-demo';
import { seedOrderChangesDemoIfMissing } from './demo/seed-order-changes-demo';
import type { ServerConfig } from './env';
import { createApp } from './app';
import { READABLE_PROTOCOL } from './http/protocol-version';
import { Lifecycle } from './ops/lifecycle';
import { Metrics } from './ops/metrics';
import { startArchiving } from './ops/archive-scan-events';
import { startRetention } from './retention/run-retention';
import { POKE_CHANNEL, type PokeNotice } from './sync/change-feed';
import { PokeHub } from './sync/poke-hub';
import { SERVABLE_HORIZON } from './sync/servable-horizon';
import { ensureHubDefaults } from './holds/ensure-hold-defaults';
import { startWebhookWorker } from './webhooks/deliver-webhooks';
import { startRedAlertWorker } from './console/red-alert-worker';
import { startDoneWaveRetirement } from './sync/retire-done-waves';
import { platformAdapters } from './connectors/registry';
import { startConnectorScheduler } from './connectors/connector-scheduler';

export interface RunningServer {
  url: string;
  database: Database;
  seeded: boolean;
  /**
   * A graceful stop: `/readyz` turns 503, no new connections are accepted, event streams are
   * closed (clients reconnect elsewhere), requests in flight finish (up to the shutdown
   * timeout), then the background work stops and the database is closed.
   */
  close(): Promise<void>;
}

/** Opens (and migrates) the database, seeds the demo if asked, listens for pokes, and serves. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const logger = pino({ level: config.logLevel ?? 'info' });
  // Before migrating: a second server started on a taken port (an upgrade next to the old one)
  // must stop here, with a clear message, not after changing the database.
  await assertPortFree(config.host, config.port);
  const database = await openDatabase(config.database);
  const seeded = config.seedDemo ? await seedDemoIfEmpty(database.db) : false;
  await ensureHubDefaults(database.db);
  if (config.seedDemo) await seedHubDemoIfMissing(database.db);
  // Issue 21: a return, an exchange and a pre-sale SKU in the demo.
  if (config.seedDemo) await seedOrderChangesDemoIfMissing(database.db, new Date());
  const stopWebhooks = startWebhookWorker(database.db, {
    intervalMs: 1_000,
    now: () => new Date(),
  });
  const stopRedAlerts = startRedAlertWorker(database.db, {
    intervalMs: 60_000,
    now: () => new Date(),
    onError: (error) => console.error('red alerts:', error),
  });
  const stopRetiring = startDoneWaveRetirement(database.db, {
    intervalMs: 60_000,
    now: () => new Date(),
    onError: (error) => console.error('done waves:', error),
  });
  // Issue 27: marketplace connectors (only with CONNECTOR_KEY: their credentials are sealed by it).
  const connectorKey = config.connectorKey ?? null;
  const adapters = platformAdapters({ tmallShops: config.tmallShops ?? [] });
  const connectorRuntime = connectorKey && {
    db: database.db,
    key: connectorKey,
    registry: adapters,
    now: () => new Date(),
    lagAlertMs: config.connectorLagAlertMs,
  };
  const stopConnectors = connectorRuntime
    ? startConnectorScheduler(database, connectorRuntime, {
        tickMs: 1_000,
        onError: (err) => logger.error({ err }, 'connector round failed'),
      })
    : async () => {};
  if (!connectorKey) logger.info('CONNECTOR_KEY not set: marketplace connectors are off');
  if ((config.oldestReadableProtocol ?? 0) > READABLE_PROTOCOL.newest)
    logger.warn(
      { oldest: config.oldestReadableProtocol, newest: READABLE_PROTOCOL.newest },
      'OLDEST_READABLE_PROTOCOL_VERSION is above the version this server speaks: every device is told to update',
    );
  const pokes = new PokeHub(async () => {
    const [row] = await queryRows<{ xmin: string }>(
      database.db,
      sql`select h.xmin::text as xmin from ${SERVABLE_HORIZON} h`,
    );
    return row!.xmin;
  });
  const unlisten = await database.listen(
    POKE_CHANNEL,
    (payload) => pokes.dispatch(JSON.parse(payload) as PokeNotice),
    () => {
      logger.warn({ streams: pokes.size }, 'LISTEN re-established: poking every stream');
      pokes.pokeAll();
    },
  );
  const lifecycle = new Lifecycle();
  const metrics = new Metrics(database.db, { processMetrics: true });
  const app = createApp({
    db: database.db,
    pokes,
    authSecret: config.authSecret,
    tokenTtlMs: config.tokenTtlMs,
    enrolmentRequired: config.enrolmentRequired ?? false,
    ...(config.pictureHosts && { pictureHosts: config.pictureHosts }),
    pwaDist: config.pwaDist,
    ...(config.oldestReadableProtocol !== undefined && {
      readableProtocol: { ...READABLE_PROTOCOL, oldest: config.oldestReadableProtocol },
    }),
    now: () => new Date(),
    lifecycle,
    logger,
    metrics,
    metricsToken: config.metricsToken ?? null,
    trustProxy: config.trustProxy ?? false,
    signInRateLimit: config.signInRateLimit ?? 300,
    ...(database.backup ? { backup: database.backup } : {}),
    ...(database.primary ? { databasePrimary: database.primary } : {}),
    retentionMs: config.retentionMs ?? 0,
    connectors: {
      key: connectorKey,
      registry: adapters,
      ...(config.connectorLagAlertMs && { lagAlertMs: config.connectorLagAlertMs }),
    },
    ...(config.kdniao && {
      waybills: {
        provider: new KdniaoProvider(config.kdniao),
        senderMobile: config.kdniao.senderMobile,
      },
    }),
  });
  // The retention round archives scan events too; without a retention config (tests and benches
  // that build a config by hand) only the archiving runs, as before.
  const stopArchiving = config.retention
    ? startRetention({
        database,
        config: config.retention,
        intervalMs: config.archiveIntervalMs ?? 3_600_000,
        now: () => new Date(),
        metrics,
        logger,
      })
    : startArchiving(database.db, {
        retentionMs: config.retentionMs ?? 0,
        intervalMs: config.archiveIntervalMs ?? 3_600_000,
        now: () => new Date(),
        onArchived: (result) => {
          metrics.observeArchive(result);
          logger.info(result, 'archived old scan events');
        },
        onError: (err) => logger.error({ err }, 'archiving scan events failed'),
      });
  const tls = config.tls ?? null;
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
        ...(tls ? { createServer: createHttpsServer, serverOptions: tls } : {}),
      },
      () => resolve(s),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const scheme = tls ? 'https' : 'http';
  const url = `${scheme}://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info({ url, driver: database.driver }, 'listening');
  let closing: Promise<void> | null = null;
  return {
    url,
    database,
    seeded,
    close: () =>
      (closing ??= (async () => {
        logger.info({ inFlight: lifecycle.inFlight }, 'shutting down');
        const drained = lifecycle.drain();
        await closeGracefully(server, drained, config.shutdownTimeoutMs ?? 20_000, () =>
          logger.warn(
            { inFlight: lifecycle.inFlight },
            'shutdown timeout: closing the remaining connections',
          ),
        );
        await stopArchiving();
        await stopWebhooks();
        await stopRedAlerts();
        await stopRetiring();
        await stopConnectors();
        await unlisten();
        await database.close();
        logger.info('stopped');
      })()),
  };
}

/**
 * Stops accepting, lets the requests in flight finish and their answers go out, closing each
 * connection as it falls idle; after `timeoutMs` whatever is left is cut.
 */
async function closeGracefully(
  server: ServerType,
  drained: Promise<void>,
  timeoutMs: number,
  onTimeout: () => void,
) {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const http = server as ServerType & {
    closeIdleConnections?: () => void;
    closeAllConnections?: () => void;
  };
  let done = false;
  const sweeper = setInterval(() => http.closeIdleConnections?.(), 50);
  const deadline = setTimeout(() => {
    if (done) return;
    onTimeout();
    http.closeAllConnections?.();
  }, timeoutMs);
  try {
    await drained.then(() => http.closeIdleConnections?.());
    await closed;
  } finally {
    done = true;
    clearInterval(sweeper);
    clearTimeout(deadline);
  }
}
