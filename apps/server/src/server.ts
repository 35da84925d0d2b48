import { serve, type ServerType } from '@hono/node-server';
import { type Database, openDatabase } from './db/database';
import { seedDemoIfEmpty } from './demo/seed-demo';
import { seedHubDemoIfMissing } from './demo/seed-hub-demo';
import type { ServerConfig } from './env';
import { createApp } from './http/app';
import { POKE_CHANNEL, type PokeNotice } from './sync/change-feed';
import { PokeHub } from './sync/poke-hub';
import { ensureHubDefaults } from './holds/ensure-hold-defaults';
import { startWebhookWorker } from './webhooks/deliver-webhooks';

export interface RunningServer {
  url: string;
  database: Database;
  seeded: boolean;
  close(): Promise<void>;
}

/** Opens (and migrates) the database, seeds the demo if asked, listens for pokes, and serves. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const database = await openDatabase(config.database);
  const seeded = config.seedDemo ? await seedDemoIfEmpty(database.db) : false;
  await ensureHubDefaults(database.db);
  if (config.seedDemo) await seedHubDemoIfMissing(database.db);
  const stopWebhooks = startWebhookWorker(database.db, {
    intervalMs: 1_000,
    now: () => new Date(),
  });
  const pokes = new PokeHub();
  const unlisten = await database.listen(POKE_CHANNEL, (payload) => {
    pokes.dispatch(JSON.parse(payload) as PokeNotice);
  });
  const app = createApp({
    db: database.db,
    pokes,
    authSecret: config.authSecret,
    tokenTtlMs: config.tokenTtlMs,
    enrolmentRequired: config.enrolmentRequired ?? false,
    pwaDist: config.pwaDist,
    now: () => new Date(),
  });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    database,
    seeded,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await stopWebhooks();
      await unlisten();
      await database.close();
    },
  };
}
