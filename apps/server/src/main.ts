import { pino } from 'pino';
import { DEMO_PIN, DEMO_USERS } from './demo/seed-demo';
import { loadConfig } from './env';
import { startServer } from './server';

const config = loadConfig();
const server = await startServer(config);
// In production the one start line says where it listens, as JSON like every log line, even when
// LOG_LEVEL hides info (the server's own `listening` line is info).
if (config.mode === 'production' && !['info', 'debug', 'trace'].includes(config.logLevel ?? 'info'))
  pino({ level: 'info' }).info({ url: server.url }, 'listening');
// In production the output is the JSON log alone (the `listening` line says where); the friendly
// banner is for a developer's terminal, and the demo logins only where the demo was loaded.
if (config.mode !== 'production') {
  const where =
    config.database.kind === 'pglite'
      ? `embedded Postgres in ${config.database.dataDir}`
      : 'Postgres at DATABASE_URL';
  console.log(
    `\nWave picking is running at ${server.url}  (${where}${server.seeded ? ', demo warehouse loaded' : ''})`,
  );
  if (config.seedDemo) {
    console.log(`Open it in Chrome on a handheld or desktop. Demo logins (PIN ${DEMO_PIN}):`);
    for (const user of DEMO_USERS)
      console.log(`  ${user.badge}  ${user.role.padEnd(10)} ${user.name} (${user.warehouseId})`);
  }
}

// A graceful stop on SIGTERM (orchestrators, systemd) and SIGINT (Ctrl-C): see `close()`.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('shutdown failed', err);
        process.exit(1);
      },
    );
  });
}
