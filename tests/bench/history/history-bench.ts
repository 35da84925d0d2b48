import { sql } from 'drizzle-orm';
import { createApiKey } from '../../../apps/server/src/auth/api-keys';
import { queryRows } from '../../../apps/server/src/db/database';
import { moveStock } from '../../../apps/server/src/inventory/stock-ledger';
import { type RunningServer, startServer } from '../../../apps/server/src/server';
import { anOrder } from '../../../apps/server/src/testing/hub-fixtures';
import { seedBenchWave } from '../bench-workload';
import { enrolDevice, pickBatch, send } from '../http-client';
import { quantile } from '../scale-bench';
import type { Measurement } from '../server-bench';
import { createHistoryDatabase } from './history-database';
import { PWA_DIST, timeSignIns } from './sign-in-at-a-year';

/** Issue 19's done-when: a handheld signing in on day 365, timed in Chromium to its pick screen. */
export const SIGN_IN = 'a new handheld signs in: on the pick screen (Chromium, 360×640)';

/** How big the two databases are and how many times each request is timed. */
export interface HistoryBenchSizes {
  small: number;
  large: number;
  samples: number;
  /** Heavier requests that add data (intake of 500, wave build): fewer samples. */
  writeSamples: number;
  /** New handhelds signed in through Chromium and timed to the pick screen (0 or absent: none). */
  signIns?: number;
}

export const FULL_HISTORY_SIZES: HistoryBenchSizes = {
  small: 10_000,
  large: 1_000_000,
  samples: 20,
  writeSamples: 5,
  signIns: 5,
};

/** What one request took at one size: times in ms, and the bytes of its answer. */
interface Timing {
  p50: number;
  p95: number;
  bytes: number;
}

export interface HistoryRow {
  what: string;
  small: Timing;
  large: Timing;
}

const SECRET = 'history-bench-secret-history-bench-secret-0123';
const round1 = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The history bench (issue 19): builds a database of `small` and one of `large` orders of
 * history on the Postgres at `serverUrl`, one after the other, and times at each what users do
 * all day against a server over it.
 */
export async function runHistoryBench(
  serverUrl: string,
  sizes: HistoryBenchSizes,
  log: (line: string) => void = console.log,
  keep = false,
  /** Databases built earlier (`build-history-cli.ts`), timed as they are and kept. */
  builtEarlier?: { small: string; large: string },
): Promise<{ rows: HistoryRow[]; builds: { orders: number; ms: number }[] }> {
  const builds: { orders: number; ms: number }[] = [];
  const bySize: Map<string, Timing>[] = [];
  for (const [size, orders] of [
    ['small', sizes.small],
    ['large', sizes.large],
  ] as const) {
    if (builtEarlier) {
      bySize.push(await timeHistoryDatabase(builtEarlier[size], orders, sizes, log));
      continue;
    }
    log(`history: building ${orders.toLocaleString('en')} orders`);
    const built = await createHistoryDatabase(serverUrl, orders, new Date(), log);
    builds.push({ orders, ms: built.buildMs });
    try {
      bySize.push(await timeHistoryDatabase(built.url, orders, sizes, log));
    } finally {
      // BENCH_HISTORY_KEEP: the year's database stays, for EXPLAIN (explain-hot-queries.sh).
      if (keep && orders === sizes.large) log(`history: kept ${built.url}`);
      else await built.drop();
    }
  }
  const [small, large] = bySize as [Map<string, Timing>, Map<string, Timing>];
  const rows = [...small.keys()].map((what) => ({
    what,
    small: small.get(what)!,
    large: large.get(what)!,
  }));
  return { rows, builds };
}

/**
 * Times what users do all day against a server over a history database of `orders` orders
 * (built by `createHistoryDatabase`, or one kept with BENCH_HISTORY_KEEP). The server migrates
 * it first, so a kept database is timed with the code of the checkout.
 */
export async function timeHistoryDatabase(
  url: string,
  orders: number,
  sizes: HistoryBenchSizes,
  log: (line: string) => void,
): Promise<Map<string, Timing>> {
  let server: RunningServer | null = null;
  try {
    server = await startServer({
      mode: 'production',
      port: 0,
      host: '127.0.0.1',
      database: { kind: 'postgres', url },
      authSecret: SECRET,
      tokenTtlMs: 3_600_000,
      seedDemo: false,
      pwaDist: sizes.signIns ? PWA_DIST : '/nonexistent',
      logLevel: 'warn',
    });
    return await timeEverything(server, orders, sizes, log);
  } finally {
    await server?.close();
  }
}

async function timeEverything(
  server: RunningServer,
  orders: number,
  sizes: HistoryBenchSizes,
  log: (line: string) => void,
): Promise<Map<string, Timing>> {
  const timings = new Map<string, Timing>();
  const supervisor = await enrolDevice(server.url, 'S-0001');
  const auth = { authorization: `Bearer ${supervisor.token}` };
  /** `once` answers the bytes, or the bytes and its own time (when it does more than the request). */
  const measure = async (
    what: string,
    samples: number,
    once: () => Promise<number | { bytes: number; ms: number }>,
  ) => {
    await once(); // warm: the first request of a kind plans its statements
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      const answer = await once();
      const elapsed = performance.now() - started;
      bytes = typeof answer === 'number' ? answer : answer.bytes;
      ms.push(typeof answer === 'number' ? elapsed : answer.ms);
    }
    const timing = { p50: round1(quantile(ms, 0.5)), p95: round1(quantile(ms, 0.95)), bytes };
    timings.set(what, timing);
    log(`  ${orders}: ${what} p50 ${timing.p50} ms, p95 ${timing.p95} ms, ${bytes} B`);
  };
  const get =
    (path: string, headers: Record<string, string> = auth) =>
    async () => {
      const res = await send(`${server.url}${path}`, { headers });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text.slice(0, 300)}`);
      return Buffer.byteLength(res.text);
    };
  if (sizes.signIns) {
    // First, before the bench's own waves join the picker's scope.
    const ms = await timeSignIns(server.url, sizes.signIns);
    const timing = { p50: round1(quantile(ms, 0.5)), p95: round1(quantile(ms, 0.95)), bytes: 0 };
    timings.set(SIGN_IN, timing);
    log(`  ${orders}: ${SIGN_IN} p50 ${timing.p50} ms, p95 ${timing.p95} ms`);
  }
  await measure('GET /api/console/board', sizes.samples, get('/api/console/board'));
  await measure('GET /api/console/kpis', sizes.samples, get('/api/console/kpis'));
  await measure('GET /api/exceptions/queue', sizes.samples, get('/api/exceptions/queue'));
  // The supervisor is Guangzhou's: trace its own warehouse's history orders, spread over the year.
  const spread = Math.max(1, Math.floor(orders / 200));
  const traceable = await queryRows<{ id: string }>(
    server.database.db,
    sql`select id from orders
        where warehouse_id = 'GZ' and id like 'HO-%' and substr(id, 4)::int % ${spread} = ${7 % spread}
        order by id limit 200`,
  );
  if (traceable.length === 0) throw new Error('history: no Guangzhou history order to trace');
  let traced = 0;
  await measure('GET /api/orders/:id/trace (a history order)', sizes.samples, () =>
    get(`/api/orders/${traceable[(traced++ * 37) % traceable.length]!.id}/trace`)(),
  );
  await measure(
    'GET /api/inventory/reconciliation',
    sizes.samples,
    get('/api/inventory/reconciliation'),
  );
  await measure('GET /metrics', sizes.samples, get('/metrics', {}));
  for (const [who, badge] of [
    ['picker', 'P-0001'],
    ['supervisor', 'S-0001'],
  ] as const) {
    await measure(`a fresh ${who}'s first pull`, sizes.samples, async () => {
      // Outside the timing: registering and logging in (a PIN hash) happen before it.
      const device = await enrolDevice(server.url, badge);
      const started = performance.now();
      const bytes = await get('/api/sync/pull', { authorization: `Bearer ${device.token}` })();
      return { bytes, ms: performance.now() - started };
    });
  }
  const picker = await enrolDevice(server.url, 'P-0001');
  // Unique per run: a kept database (BENCH_HISTORY_DATABASE) is timed more than once.
  const run = Date.now().toString(36);
  let wave = 0;
  await measure('POST /api/sync/push (100 picks)', sizes.samples, async () => {
    const waveId = `W-HB-${run}-${++wave}`;
    await seedBenchWave(server.database.db, waveId, picker.userId, 100, 1, wave * 7);
    const lineIds = Array.from({ length: 100 }, (_, k) => `PL-${waveId}-${k + 1}`);
    const body = JSON.stringify({
      deviceId: picker.deviceId,
      epoch: picker.epoch,
      highestLocalSeq: picker.nextSeq + 99,
      events: pickBatch(picker, waveId, lineIds, 100),
    });
    const res = await send(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${picker.token}` },
      body,
    });
    if (res.status !== 200) throw new Error(`push: ${res.status} ${res.text}`);
    return Buffer.byteLength(res.text);
  });
  const { key } = await createApiKey(server.database.db, 'history bench channel', 'GZ');
  const intake = async (tag: string, count: number) => {
    const body = JSON.stringify({
      orders: Array.from({ length: count }, (_, i) =>
        anOrder({
          channelOrderId: `HB-${Date.now()}-${tag}-${i}`,
          lines: [
            {
              skuId: `SKU-${String(121 + (i % 5)).padStart(5, '0')}`,
              qty: 1,
              unitPriceCents: 9_900,
            },
          ],
        }),
      ),
    });
    const res = await send(`${server.url}/api/orders/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body,
    });
    if (res.status !== 200)
      throw new Error(`orders/batch: ${res.status} ${res.text.slice(0, 300)}`);
    return Buffer.byteLength(res.text);
  };
  let batch = 0;
  await measure('POST /api/orders/batch (500 orders)', sizes.writeSamples, () =>
    intake(`B${++batch}`, 500),
  );
  // A wave build waves what has stock: top up the intake SKUs' Guangzhou bins (a receipt through
  // the ledger), then before each timed build take in 20 fresh orders (outside the timing), so
  // every sample plans real waves over a year of history instead of backordering an empty shelf.
  const intakeSkus = Array.from({ length: 5 }, (_, i) => `SKU-${String(121 + i).padStart(5, '0')}`);
  await server.database.db.transaction(async (tx) => {
    const slots = await queryRows<{ bin_id: string; sku_id: string }>(
      tx,
      // The slot least planned by open lines: the push timing's seeded waves plan their bins
      // out (999,999 a line).
      sql`select distinct on (s.sku_id) s.bin_id, s.sku_id from stock s
          where s.warehouse_id = 'GZ' and s.status = 'available'
            and s.sku_id in (${sql.join(
              intakeSkus.map((id) => sql`${id}`),
              sql`, `,
            )})
          order by s.sku_id,
            (select coalesce(sum(p.qty - p.picked_qty), 0) from pick_lines p
             where p.status = 'open' and p.bin_id = s.bin_id and p.sku_id = s.sku_id),
            s.bin_id`,
    );
    await moveStock(
      tx,
      slots.map((slot) => ({
        warehouseId: 'GZ',
        binId: slot.bin_id,
        skuId: slot.sku_id,
        lot: null,
        expiry: null,
        status: 'available' as const,
        delta: 100_000,
        reason: 'receipt' as const,
      })),
      new Date(),
    );
  });
  let build = 0;
  await measure('POST /api/waves/build (up to 20 orders)', sizes.writeSamples, async () => {
    build++;
    await intake(`HW-${build}`, 20);
    const started = performance.now();
    const res = await send(`${server.url}/api/waves/build`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ maxOrders: 20 }),
    });
    const ms = performance.now() - started;
    if (res.status !== 201) throw new Error(`waves/build: ${res.status} ${res.text.slice(0, 300)}`);
    const waved = (JSON.parse(res.text) as { waves: { orders: number }[] }).waves.reduce(
      (sum, w) => sum + w.orders,
      0,
    );
    if (waved === 0) throw new Error(`waves/build waved nothing: ${res.text.slice(0, 300)}`);
    return { bytes: Buffer.byteLength(res.text), ms };
  });
  return timings;
}

/** The measurements against the issue's targets, for the bench's table and JSON. */
export function historyMeasurements(rows: readonly HistoryRow[], large: number): Measurement[] {
  const size = `${(large / 1_000_000).toLocaleString('en')}M`;
  return rows.flatMap((row): Measurement[] => {
    const ratio = row.small.p95 > 0 ? row.large.p95 / row.small.p95 : 1;
    const isPull = row.what.includes('first pull');
    const isKpis = row.what.includes('kpis');
    if (row.what === SIGN_IN)
      return [
        {
          name: `history ${size}: ${row.what} p95 (10k: ${row.small.p95} ms)`,
          value: row.large.p95,
          unit: 'ms',
          reference: 'target < 2,000 ms at a year',
          meetsTarget: row.large.p95 < 2_000,
        },
      ];
    const out: Measurement[] = [
      {
        name: `history ${size}: ${row.what} p95 (10k: ${row.small.p95} ms)`,
        value: row.large.p95,
        unit: 'ms',
        reference: isKpis
          ? 'target ≤ 150 ms and ≤ 1.5× the 10k p95'
          : isPull
            ? 'target < 1,000 ms and ≤ 1.2× the 10k p95'
            : 'target ≤ 1.5× the 10k p95',
        meetsTarget: isKpis
          ? row.large.p95 <= 150 && ratio <= 1.5
          : isPull
            ? row.large.p95 < 1_000 && ratio <= 1.2
            : ratio <= 1.5,
      },
    ];
    if (isPull)
      out.push({
        name: `history ${size}: ${row.what} bytes (10k: ${row.small.bytes.toLocaleString('en')})`,
        value: row.large.bytes,
        unit: 'B',
        reference: 'target ≤ 1.2× the 10k bytes',
        meetsTarget: row.large.bytes <= row.small.bytes * 1.2,
      });
    return out;
  });
}

/** The side-by-side table: p50/p95 at both sizes and the ratio of the p95s. */
export function formatHistoryTable(rows: readonly HistoryRow[], small: number, large: number) {
  const k = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1_000}k`);
  const head = `| what a user does | ${k(small)}: p50 / p95 ms | ${k(large)}: p50 / p95 ms | ratio p95 | bytes ${k(small)} → ${k(large)} |`;
  const lines = [head, '|---|---|---|---|---|'];
  for (const r of rows) {
    const ratio = r.small.p95 > 0 ? (r.large.p95 / r.small.p95).toFixed(2) : '—';
    lines.push(
      `| ${r.what} | ${r.small.p50} / ${r.small.p95} | ${r.large.p50} / ${r.large.p95} | ${ratio}× | ${r.small.bytes.toLocaleString('en')} → ${r.large.bytes.toLocaleString('en')} |`,
    );
  }
  return lines.join('\n');
}
