import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { type Fault, FaultProxy, sleep } from './fault-proxy';
import { checkInvariants, type InvariantReport } from './invariants';
import {
  createPostgresDatabase,
  openEmbedded,
  openPostgres,
  type SimDatabase,
} from './sim-database';
import { VirtualDevice } from './virtual-device';
import { type ReplicatedPair, replicatedPair } from '../support/pg-cluster';
import { seededRandom } from '../../apps/server/src/demo/seeded-random';

export interface ChaosOptions {
  devices: number;
  events: number;
  /** Share of requests that meet a network fault (0–1). */
  faults: number;
  /** Server kills (SIGKILL, mid-batch) and restarts during the run. */
  crashes: number;
  seed: number;
  /** Run on this Postgres (a fresh database of its own); null: the embedded PGlite. */
  postgresUrl: string | null;
  /** Pause between two scans of one device. */
  scanMs: number;
  /**
   * Devices that receive, check and put away instead of picking (issue 23): the last ones, so
   * both warehouses get some. Default: a third of them.
   */
  inboundDevices?: number;
  /** A device gives up on a request after this long and resends. */
  requestTimeoutMs: number;
  /**
   * Run on a primary + synchronous standby of its own (the machine's Postgres binaries) and, half
   * way through, kill -9 the primary and promote the standby.
   */
  failover?: boolean;
}

export interface ChaosResult {
  options: ChaosOptions;
  database: 'postgres' | 'pglite';
  durationMs: number;
  requests: number;
  faultsInjected: Partial<Record<Fault | 'server-down', number>>;
  crashes: number;
  /** Seconds from the primary's kill -9 to the standby's promotion done; null: no failover. */
  failoverSeconds: number | null;
  /** Requests the server had received and not yet answered when it was killed, per crash. */
  inFlightAtCrash: number[];
  pushes: number;
  gapReplies: number;
  regressions: number;
  invariants: InvariantReport;
}

/** Badges of the demo pickers that have a wave. */
const PICKERS = ['P-0001', 'P-0002', 'P-0003'];

/**
 * N simulated handhelds scan and sync through a fault-injecting proxy while the server is killed
 * and restarted; then the network heals, every device drains, and the invariants are checked.
 */
export async function runChaos(
  options: ChaosOptions,
  log: (line: string) => void = () => {},
): Promise<ChaosResult> {
  const started = Date.now();
  const random = seededRandom(options.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'wms-chaos-'));
  const pair: ReplicatedPair | null = options.failover ? await replicatedPair() : null;
  const pg = pair
    ? {
        url: `postgres://postgres@${pair.primary.address},${pair.standby.address}/wms?target_session_attrs=read-write`,
        drop: () => pair.destroy(),
      }
    : options.postgresUrl
      ? await createPostgresDatabase(options.postgresUrl)
      : null;
  // The simulated fleet signs in (again after every fault) from one loopback address.
  const env: Record<string, string> = {
    SIGN_IN_RATE_LIMIT: '0',
    ...(pg && { DATABASE_URL: pg.url }),
  };
  let failoverSeconds: number | null = null;
  let server: ServerProcess = await startServerProcess(env, { dataDir });
  const proxy = new FaultProxy(server.url, {
    faultRate: options.faults,
    random,
    reorderHoldMs: options.requestTimeoutMs * 1.5,
  });
  const proxyUrl = await proxy.start();
  try {
    const inbound = options.inboundDevices ?? Math.floor(options.devices / 3);
    const devices = Array.from(
      { length: options.devices },
      (_, i) =>
        new VirtualDevice(
          () => proxyUrl,
          PICKERS[i % PICKERS.length]!,
          random,
          options.requestTimeoutMs,
          i >= options.devices - inbound ? 'inbound' : 'pick',
        ),
    );
    log(
      `enrolling ${devices.length} devices (${inbound} on inbound) through the proxy (faults ${options.faults})`,
    );
    await Promise.all(devices.map((d) => d.enrol()));
    const quotas = devices.map(
      (_, i) =>
        Math.floor(options.events / devices.length) + (i < options.events % devices.length ? 1 : 0),
    );
    const inFlightAtCrash: number[] = [];
    const totalCreated = () => devices.reduce((n, d) => n + d.created.length, 0);
    const crasher = (async () => {
      for (let k = 1; k <= options.crashes; k++) {
        const at = Math.floor((options.events * k) / (options.crashes + 1));
        while (totalCreated() < at) await sleep(20);
        // Kill it mid-batch: wait (a little) for a request the server is working on.
        for (let waited = 0; proxy.inFlight === 0 && waited < 3000; waited += 2) await sleep(2);
        inFlightAtCrash.push(proxy.inFlight);
        log(
          `crash ${k}: kill -9 the server at ${totalCreated()} events created, ${proxy.inFlight} requests in flight`,
        );
        await server.crash();
        server = await startServerProcess(env, { dataDir });
        proxy.setTarget(server.url);
        log(`crash ${k}: server back at ${server.url}`);
      }
    })();
    const failover = (async () => {
      if (!pair) return;
      while (totalCreated() < options.events / 2) await sleep(20);
      for (let waited = 0; proxy.inFlight === 0 && waited < 3000; waited += 2) await sleep(2);
      log(
        `failover: kill -9 the primary at ${totalCreated()} events created, ${proxy.inFlight} requests in flight`,
      );
      const killed = performance.now();
      pair.primary.kill();
      await pair.standby.promote();
      failoverSeconds = (performance.now() - killed) / 1000;
      log(`failover: standby promoted ${failoverSeconds.toFixed(2)} s after the kill`);
    })();
    await Promise.all(devices.map((d, i) => scanAndSync(d, quotas[i] ?? 0, options, random)));
    await crasher;
    await failover;
    log(`all ${totalCreated()} events created; network healed, draining outboxes`);
    proxy.heal();
    await Promise.all(devices.map((d) => drain(d)));
    await server.stop();
    const db: SimDatabase = pair
      ? openPostgres(pair.standby.url())
      : pg
        ? openPostgres(pg.url)
        : await openEmbedded(dataDir);
    const invariants = await checkInvariants(db, devices).finally(() => db.close());
    return {
      options,
      database: pg ? 'postgres' : 'pglite',
      durationMs: Date.now() - started,
      requests: proxy.requests,
      faultsInjected: Object.fromEntries(proxy.injected),
      crashes: inFlightAtCrash.length,
      failoverSeconds,
      inFlightAtCrash,
      pushes: sum(devices, (d) => d.stats.pushes),
      gapReplies: sum(devices, (d) => d.stats.gapReplies),
      regressions: sum(devices, (d) => d.stats.regressions),
      invariants,
    };
  } finally {
    await proxy.stop();
    await server.stop();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function scanAndSync(
  device: VirtualDevice,
  quota: number,
  options: ChaosOptions,
  random: () => number,
) {
  while (device.created.length < quota) {
    device.scan(new Date());
    if (random() < 0.3) await device.sync();
    await sleep(options.scanMs * (0.5 + random()));
  }
  await device.sync();
}

/** Syncs until the outbox is empty; the network is healed, so this ends unless events are lost. */
async function drain(device: VirtualDevice) {
  for (let attempt = 0; attempt < 100 && device.unsynced > 0; attempt++) {
    if (!(await device.sync())) await sleep(100);
  }
  await device.sync();
}

const sum = <T>(items: readonly T[], of: (item: T) => number) =>
  items.reduce((n, item) => n + of(item), 0);
