import { sql } from 'drizzle-orm';
import type { ScanEvent } from '@wms/protocol';
import { createApiKey } from '../../apps/server/src/auth/api-keys';
import { queryRows } from '../../apps/server/src/db/database';
import type { RunningServer } from '../../apps/server/src/server';
import { anOrder } from '../../apps/server/src/testing/hub-fixtures';
import { lineIdOf, seedBenchWave } from './bench-workload';
import {
  type BenchDevice,
  enrolDevice,
  openStream,
  pickBatch,
  pullPage,
  pushBatch,
} from './http-client';
import { childPids, cpuMsOf } from './process-cpu';
import type { Measurement } from './server-bench';

/** The q-quantile (0..1) of some figures, by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Order intake through the real HTTP API: `POST /api/orders/batch` (cleaning, rules,
 * reservation) with batches of `batch` orders from `clients` channels at once.
 */
export async function benchOrderIntake(
  server: RunningServer,
  orders: number,
  batch = 250,
  clients = 4,
): Promise<Measurement[]> {
  const { key } = await createApiKey(server.database.db, 'bench channel', 'GZ');
  const skus = ['SKU-00121', 'SKU-00122', 'SKU-00123', 'SKU-00124', 'SKU-00125'];
  const all = Array.from({ length: orders }, (_, i) =>
    anOrder({
      channelOrderId: `BENCH-${Date.now()}-${i}`,
      lines: [{ skuId: skus[i % skus.length]!, qty: 1, unitPriceCents: 9_900 }],
    }),
  );
  const batches: (typeof all)[] = [];
  for (let i = 0; i < all.length; i += batch) batches.push(all.slice(i, i + batch));
  let accepted = 0;
  const meter = await CpuMeter.start(server);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let next = batches.shift(); next; next = batches.shift()) {
        const res = await fetch(`${server.url}/api/orders/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ orders: next }),
        });
        if (res.status !== 200) throw new Error(`orders/batch: ${res.status} ${await res.text()}`);
        const { results } = (await res.json()) as { results: { ok: boolean }[] };
        accepted += results.filter((r) => r.ok).length;
      }
    }),
  );
  const rate = orders / ((performance.now() - started) / 1000);
  const spent = await meter.stop();
  if (accepted !== orders) throw new Error(`order intake accepted ${accepted} of ${orders}`);
  return [
    {
      name: `order intake (${clients} clients × batches of ${batch}, ${orders} orders)`,
      value: Math.round(rate),
      unit: 'orders/s',
      reference: 'target ≥ 2,000 orders/s (seeds’ peak: 12,000 in an hour)',
      meetsTarget: rate >= 2_000,
    },
    ...spent.map(([party, ms]): Measurement => ({
      name: `order intake: CPU per 1,000 orders, ${party}`,
      value: Math.round((ms / orders) * 1_000),
      unit: 'ms',
      reference: 'no target: steadier than orders/s on a shared machine (from /proc)',
      meetsTarget: null,
    })),
  ];
}

/**
 * A server to load: its URL and a handle on its database for seeding. `where` says how it runs
 * (for the table): in this process, or in one of its own.
 */
export type BenchTarget = Pick<RunningServer, 'url' | 'database'> & { where?: string };

/** `count` picker users of GZ with the demo PIN, each with a wave of `lines` lines of their own. */
export async function seedPickers(
  server: Pick<RunningServer, 'database'>,
  prefix: string,
  count: number,
  lines: number,
): Promise<{ badge: string; userId: string; waveId: string }[]> {
  const db = server.database.db;
  const pickers = Array.from({ length: count }, (_, i) => ({
    badge: `${prefix}-${String(i + 1).padStart(4, '0')}`,
    userId: `u-${prefix.toLowerCase()}-${i + 1}`,
    waveId: `W-${prefix}-${i + 1}`,
  }));
  await db.execute(sql`
    insert into users (id, warehouse_id, name, role, badge, pin_hash, language)
    select r.id, 'GZ', r.badge, 'picker', r.badge, (select pin_hash from users where id = 'u-gz-p1'), 'zh-CN'
    from jsonb_to_recordset(${JSON.stringify(pickers.map((p) => ({ id: p.userId, badge: p.badge })))}::jsonb)
      as r(id text, badge text)`);
  for (const [i, p] of pickers.entries())
    await seedBenchWave(db, p.waveId, p.userId, lines, 1, i * 10);
  return pickers;
}

/** Enrols devices `parallel` at a time (logging in hashes a PIN: CPU-bound). */
export async function enrolAll(
  urls: readonly string[],
  badges: readonly string[],
  parallel = 4,
): Promise<BenchDevice[]> {
  const devices: BenchDevice[] = new Array<BenchDevice>(badges.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = next++; i < badges.length; i = next++) {
        devices[i] = await enrolDevice(urls[i % urls.length]!, badges[i]!);
      }
    }),
  );
  return devices;
}

/** An open SSE stream of pokes: calls `onPoke` for every `scope-changed` poke. */
export async function listenForPokes(
  baseUrl: string,
  device: BenchDevice,
  onPoke: () => void,
): Promise<{ close: () => void }> {
  const issued = await fetch(`${baseUrl}/api/sync/stream-ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${device.token}` },
  });
  if (issued.status !== 200) throw new Error(`stream-ticket: ${issued.status}`);
  const { ticket } = (await issued.json()) as { ticket: string };
  const { response, abort } = await openStream(`${baseUrl}/api/sync/events?ticket=${ticket}`);
  if (response.statusCode !== 200) throw new Error(`events: ${response.statusCode}`);
  response.setEncoding('utf8');
  let hello!: () => void;
  const helloSeen = new Promise<void>((resolve) => (hello = resolve));
  // A poke is one small event: it arrives in one chunk (the server writes each event at once).
  response.on('data', (chunk: string) => {
    if (chunk.includes('"hello"')) hello();
    if (chunk.includes('scope-changed')) onPoke();
  });
  response.on('error', () => {
    // closed
  });
  await helloSeen;
  return { close: abort };
}

const RETRY_PULL_MS = 250;

/** A device that keeps its pull cursor and pulls whenever poked (one pull at a time). */
class SyncingDevice {
  cursor: string | undefined;
  /** Pull requests made, and how many of them answered `heldBack`. */
  pulls = 0;
  heldBackPulls = 0;
  private pulling: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  readonly seen = new Map<string, number>();
  private readonly waiters: { lineId: string; qty: number; resolve: () => void }[] = [];

  constructor(
    readonly url: string,
    readonly device: BenchDevice,
  ) {}

  async initialPull() {
    await this.pullAll();
  }

  poked = () => {
    if (this.stopped) return;
    if (this.pulling) {
      this.again = true;
      return;
    }
    this.pulling = (async () => {
      try {
        do {
          this.again = false;
          await this.pullAll();
        } while (this.again && !this.stopped);
      } catch (error) {
        // Once stopped, the server may be gone: a pull in flight then fails, as it may.
        if (!this.stopped) throw error;
      } finally {
        this.pulling = null;
      }
    })();
  };

  /** No more pulls (pokes and held-back retries are ignored); resolves once none is in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.pulling?.catch(() => {});
  }

  /** Resolves once a pull has shown `lineId` picked to at least `qty`. */
  pulled(lineId: string, qty: number): Promise<void> {
    if ((this.seen.get(lineId) ?? 0) >= qty) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ lineId, qty, resolve }));
  }

  private async pullAll() {
    let heldBack: boolean;
    for (;;) {
      const page = await pullPage(this.url, this.device, this.cursor);
      this.pulls++;
      if (page.heldBack) this.heldBackPulls++;
      for (const line of page.lines) this.seen.set(line.id, line.pickedQty);
      this.cursor = page.cursor;
      heldBack = page.heldBack === true;
      if (!page.hasMore) break;
    }
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if ((this.seen.get(w.lineId) ?? 0) >= w.qty) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
    // A change committed while an older transaction was still open is served only once that
    // one ends (the pull's xmin rule), and no second poke comes for it: the server says
    // `heldBack`, and the device looks again shortly, as the app does.
    if (heldBack) setTimeout(this.poked, RETRY_PULL_MS);
  }
}

async function timedPush(url: string, device: BenchDevice, events: ScanEvent[]) {
  const started = performance.now();
  await pushBatch(url, device, events);
  return performance.now() - started;
}

/**
 * 200 devices syncing at once: each listens for pokes on SSE and pulls when poked, and pushes
 * `rounds` batches of `batch` picks, once per round of `roundMs` at a random moment in it (so
 * 200 devices at 1 s offer 200 pushes a second). The change-to-pulled latency is measured from
 * sending the push to the device's pull showing it. `prefix` keeps each run's pickers apart.
 */
export async function benchManyDevices(
  server: BenchTarget,
  count = 200,
  rounds = 5,
  roundMs = 1_000,
  prefix = 'BD',
  batch = 10,
): Promise<Measurement[]> {
  const pickers = await seedPickers(server, prefix, count, 50);
  const devices = await enrolAll(
    [server.url],
    pickers.map((p) => p.badge),
  );
  const syncing = devices.map((d) => new SyncingDevice(server.url, d));
  await Promise.all(syncing.map((s) => s.initialPull()));
  const streams = await Promise.all(
    syncing.map((s) => listenForPokes(server.url, s.device, s.poked)),
  );
  const pushMs: number[] = [];
  const pulledMs: number[] = [];
  const cpu = await CpuMeter.start(server);
  const pullsBefore = sum(syncing.map((s) => s.pulls));
  const heldBefore = sum(syncing.map((s) => s.heldBackPulls));
  try {
    for (let round = 0; round < rounds; round++) {
      await Promise.all(
        syncing.map(async (s, i) => {
          await sleep(Math.random() * roundMs);
          const waveId = pickers[i]!.waveId;
          const lineIds = Array.from({ length: batch }, (_, k) => lineIdOf(waveId, k + 1));
          const sent = performance.now();
          const seen = s.pulled(lineIds[0]!, round + 1);
          pushMs.push(
            await timedPush(server.url, s.device, pickBatch(s.device, waveId, lineIds, batch)),
          );
          await seen;
          pulledMs.push(performance.now() - sent);
        }),
      );
    }
  } finally {
    streams.forEach((s) => s.close());
    await Promise.all(syncing.map((s) => s.stop()));
  }
  const spent = await cpu.stop();
  const pushes = pushMs.length;
  const pulls = sum(syncing.map((s) => s.pulls)) - pullsBefore;
  const held = sum(syncing.map((s) => s.heldBackPulls)) - heldBefore;
  const p50 = quantile(pushMs, 0.5);
  const p99 = quantile(pushMs, 0.99);
  const pulled95 = quantile(pulledMs, 0.95);
  const label = `${count} devices, a push each every ${roundMs / 1000} s`;
  const rate = round1((count * 1000) / roundMs);
  return [
    {
      name: `${label}: push latency p50 (${rounds} × ${batch} picks, ${rate} pushes/s; ${server.where ?? 'server in this process'})`,
      value: round1(p50),
      unit: 'ms',
      reference: 'no target (p99 below)',
      meetsTarget: null,
    },
    {
      name: `${label}: push latency p99`,
      value: round1(p99),
      unit: 'ms',
      reference: 'target ≤ 250 ms',
      meetsTarget: p99 <= 250,
    },
    {
      name: `${label}: push sent → poked device pulled it, p95`,
      value: round1(pulled95),
      unit: 'ms',
      reference: 'target ≤ 500 ms (includes the push itself)',
      meetsTarget: pulled95 <= 500,
    },
    {
      name: `${label}: pull requests per push (held back: ${round1(held / pushes)})`,
      value: round1(pulls / pushes),
      unit: 'pulls',
      reference: 'no target: each push pokes its own device, which pulls',
      meetsTarget: null,
    },
    ...spent.map(([party, ms]): Measurement => ({
      name: `${label}: CPU per push and its pulls, ${party}`,
      value: round1(ms / pushes),
      unit: 'ms',
      reference: 'no target: what saturates the shared cores (from /proc)',
      meetsTarget: null,
    })),
  ];
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/**
 * CPU spent meanwhile by the three parties on this machine: the server process (when it runs
 * in a process of its own), the Postgres backends of the bench's database, and this process
 * (the simulated devices, plus the server when it runs here).
 */
class CpuMeter {
  private constructor(
    private readonly server: BenchTarget,
    private readonly serverPids: number[],
    private readonly backends: number[],
    private readonly before: number[],
  ) {}

  static async start(server: BenchTarget): Promise<CpuMeter> {
    const serverPids = childPids('apps/server/src/main.ts');
    const backends = await backendPids(server);
    const meter = new CpuMeter(server, serverPids, backends, []);
    meter.before.push(...meter.read(backends));
    return meter;
  }

  private read(backends: readonly number[]): number[] {
    return [cpuMsOf(this.serverPids), cpuMsOf(backends), cpuMsOf([process.pid])];
  }

  /** [party, CPU ms] since start. */
  async stop(): Promise<[string, number][]> {
    // Backends opened meanwhile count from zero.
    const backends = [...new Set([...this.backends, ...(await backendPids(this.server))])];
    const after = this.read(backends);
    const spent = after.map((ms, i) => ms - this.before[i]!);
    const parties: [string, number][] = [
      ['Postgres backends', spent[1]!],
      [this.serverPids.length > 0 ? 'load generator' : 'server and load generator', spent[2]!],
    ];
    if (this.serverPids.length > 0) parties.unshift(['server process', spent[0]!]);
    return parties;
  }
}

/** The database's backends on this machine (none for the embedded PGlite: it runs here). */
async function backendPids(server: BenchTarget): Promise<number[]> {
  if (server.database.driver !== 'postgres') return [];
  const rows = await queryRows<{ pid: number }>(
    server.database.db,
    sql`select pid from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`,
  );
  return rows.map((r) => r.pid);
}

/**
 * Two instances over one Postgres: `count` devices alternate instances batch by batch (pushing
 * to one, pulling from the other, resending the last batch to the other as after a lost reply),
 * and nothing may be lost or doubled. Cross-instance poke latency: a device listening on the
 * second instance, its picks pushed (by its twin device) through the first.
 */
export async function benchTwoInstances(
  first: RunningServer,
  second: RunningServer,
  count = 20,
  batches = 6,
  batch = 25,
): Promise<Measurement[]> {
  const urls = [first.url, second.url];
  const pickers = await seedPickers(first, 'BT', count, batch);
  const devices = await enrolAll(
    urls,
    pickers.map((p) => p.badge),
  );
  let lost = 0;
  await Promise.all(
    devices.map(async (device, i) => {
      const waveId = pickers[i]!.waveId;
      const lineIds = Array.from({ length: batch }, (_, k) => lineIdOf(waveId, k + 1));
      let cursor = (await pullPage(urls[i % 2]!, device)).cursor;
      let previous: ScanEvent[] = [];
      for (let b = 0; b < batches; b++) {
        const url = urls[(i + b) % 2]!;
        const other = urls[(i + b + 1) % 2]!;
        const events = pickBatch(device, waveId, lineIds, batch);
        await pushBatch(url, device, [...previous, ...events]);
        previous = events;
        for (;;) {
          const page = await pullPage(other, device, cursor);
          cursor = page.cursor;
          if (!page.hasMore) break;
        }
      }
      const [row] = await queryRows<{ n: number; picked: number }>(
        first.database.db,
        sql`
        select (select count(*)::int from scan_events where device_id = ${device.deviceId}) as n,
               (select sum(picked_qty)::int from pick_lines where wave_id = ${waveId}) as picked`,
      );
      if (row?.n !== batches * batch || row.picked !== batches * batch) lost++;
    }),
  );
  const [listener, twin] = await enrolAll(urls, [pickers[0]!.badge, pickers[0]!.badge], 1);
  const latencies: number[] = [];
  let resolvePoke: (() => void) | null = null;
  const stream = await listenForPokes(second.url, listener!, () => resolvePoke?.());
  try {
    const waveId = pickers[0]!.waveId;
    for (let k = 0; k < 50; k++) {
      const poked = new Promise<void>((resolve) => (resolvePoke = resolve));
      const sent = performance.now();
      await pushBatch(first.url, twin!, pickBatch(twin!, waveId, [lineIdOf(waveId, 1)], 1));
      await poked;
      latencies.push(performance.now() - sent);
      await sleep(10);
    }
  } finally {
    stream.close();
  }
  return [
    {
      name: `two instances: ${count} devices switching instance every batch`,
      value: lost,
      unit: 'lost',
      reference: `every one of ${count * batches * batch} picks stored once and applied once`,
      meetsTarget: lost === 0,
    },
    {
      name: 'two instances: push on one → poke on the other, p50',
      value: round1(quantile(latencies, 0.5)),
      unit: 'ms',
      reference: 'no target (includes the push itself)',
      meetsTarget: null,
    },
    {
      name: 'two instances: push on one → poke on the other, p95',
      value: round1(quantile(latencies, 0.95)),
      unit: 'ms',
      reference: 'within the 500 ms change-to-pulled target',
      meetsTarget: quantile(latencies, 0.95) <= 500,
    },
  ];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
