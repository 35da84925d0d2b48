import { cpus } from 'node:os';
import { type RunningServer, startServer } from '../../apps/server/src/server';
import { createPostgresDatabase } from '../sim/sim-database';
import { type ServerProcess, startServerProcess } from '../support/server-process';
import {
  type ConnectorBenchSizes,
  FULL_CONNECTOR_SIZES,
  connectorMeasurements,
  runConnectorBench,
} from './connectors-bench';
import { benchManyDevices, benchOrderIntake, benchTwoInstances } from './scale-bench';
import { benchPull, benchPushIngest, type Measurement } from './server-bench';

/** How big each server measurement is: `npm run bench` uses the defaults, the smoke test tiny ones. */
export interface ServerBenchSizes {
  pushBatchesPerDevice: number;
  pullChanges: number;
  orders: number;
  devices: number;
  deviceRounds: number;
  /** Each device pushes once per this many ms; one 200-device run per pace. */
  devicePacesMs: readonly number[];
  switchingDevices: number;
  /** The marketplace connectors (issue 27); absent: not measured (it has its own tiny test). */
  connectors?: ConnectorBenchSizes;
}

export const FULL_SIZES: ServerBenchSizes = {
  pushBatchesPerDevice: 10,
  pullChanges: 10_000,
  orders: 4_000,
  devices: 200,
  deviceRounds: 5,
  // Once a second is the stress the bench has always used (200 pushes/s of 10 picks); once in
  // 5 s is still faster than pickers confirm picks (120–175 an hour with voice).
  devicePacesMs: [1_000, 5_000],
  switchingDevices: 20,
  connectors: FULL_CONNECTOR_SIZES,
};

const SECRET = 'bench-secret-bench-secret-bench-secret-0123';

async function startInstance(database: { kind: 'postgres'; url: string } | null, seed: boolean) {
  return startServer({
    mode: 'production',
    port: 0,
    host: '127.0.0.1',
    database: database ?? { kind: 'pglite', dataDir: null },
    authSecret: SECRET,
    tokenTtlMs: 3_600_000,
    seedDemo: seed,
    pwaDist: '/nonexistent',
    logLevel: 'warn',
  });
}

/**
 * The server measurements, each beside its reference: on a database of its own on the Postgres
 * at `postgresUrl` when given (two instances measured too), else on the embedded PGlite.
 */
export async function runServerBench(
  postgresUrl: string | undefined,
  sizes: ServerBenchSizes,
  only?: ReadonlySet<string>,
  /** Where the separate server process writes a CPU profile (`node --cpu-prof`), if anywhere. */
  profileDir?: string,
): Promise<{ database: string; results: Measurement[] }> {
  const own = postgresUrl ? await createPostgresDatabase(postgresUrl) : null;
  const previousUrl = process.env.DATABASE_URL;
  // The raw-insert floor opens its own connections to the same database.
  if (own) process.env.DATABASE_URL = own.url;
  const wanted = (name: string) => !only || only.has(name);
  const results: Measurement[] = [];
  let server: RunningServer | null = null;
  let second: RunningServer | null = null;
  let child: ServerProcess | null = null;
  try {
    server = await startInstance(own ? { kind: 'postgres', url: own.url } : null, true);
    if (wanted('push'))
      results.push(...(await benchPushIngest(server, sizes.pushBatchesPerDevice)));
    if (wanted('pull')) results.push(...(await benchPull(server, sizes.pullChanges)));
    if (wanted('intake')) results.push(...(await benchOrderIntake(server, sizes.orders)));
    if (wanted('connectors') && sizes.connectors)
      results.push(
        ...connectorMeasurements(await runConnectorBench(server.database.db, sizes.connectors)),
      );
    if (wanted('devices')) {
      if (own) {
        // Real devices are other machines: the server runs in a process of its own (as
        // `npm start` does), so the 200 simulated devices here do not share its event loop.
        child = await startServerProcess(
          {
            DATABASE_URL: own.url,
            NODE_ENV: 'production',
            AUTH_SECRET: SECRET,
            SEED_DEMO: 'false',
            SCAN_EVENT_RETENTION_DAYS: '0',
            LOG_LEVEL: 'warn',
            SIGN_IN_RATE_LIMIT: '0', // the fleet signs in from one loopback address
          },
          { nodeArgs: profileArgs(profileDir) },
        );
        const target = {
          url: child.url,
          database: server.database,
          where: 'server in its own process',
        };
        results.push(...(await manyDevicesAtEachPace(target, sizes)));
        await child.stop();
        child = null;
      } else {
        const target = {
          ...server,
          where: 'server in the devices’ process (PGlite)',
        };
        results.push(...(await manyDevicesAtEachPace(target, sizes)));
      }
    }
    if (wanted('instances')) {
      if (own) {
        second = await startInstance({ kind: 'postgres', url: own.url }, false);
        results.push(...(await benchTwoInstances(server, second, sizes.switchingDevices)));
      } else {
        results.push({
          name: 'two instances over one database',
          value: 0,
          unit: '',
          reference: 'skipped: needs Postgres (DATABASE_URL); PGlite is one process',
          meetsTarget: null,
        });
      }
    }
  } finally {
    await child?.stop();
    await second?.close();
    await server?.close();
    await own?.drop();
    if (own) process.env.DATABASE_URL = previousUrl;
  }
  return {
    database: own ? 'Postgres (DATABASE_URL)' : 'PGlite (embedded, in memory)',
    results,
  };
}

async function manyDevicesAtEachPace(
  target: Parameters<typeof benchManyDevices>[0],
  sizes: ServerBenchSizes,
): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (const [i, pace] of sizes.devicePacesMs.entries())
    results.push(
      ...(await benchManyDevices(target, sizes.devices, sizes.deviceRounds, pace, `BD${i}`)),
    );
  return results;
}

const profileArgs = (dir: string | undefined) =>
  dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];

export const machine = () =>
  `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;

/** The table: ✓ met, ✗ missed, FAIL a gate (a budget the bench fails on), blank no target. */
export function formatTable(title: string, results: readonly Measurement[]): string {
  const out = [`\n${title}\n`, `${'  measure'.padEnd(70)} ${'figure'.padStart(16)}  reference`];
  for (const m of results) {
    const mark =
      m.meetsTarget === null ? '    ' : m.meetsTarget ? '✓   ' : m.gate ? 'FAIL' : '✗   ';
    const figure = m.unit ? `${m.value.toLocaleString('en')} ${m.unit}` : '—';
    out.push(`${mark} ${m.name.padEnd(65)} ${figure.padStart(16)}  ${m.reference}`);
  }
  return out.join('\n');
}
