import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Db } from '../../apps/server/src/db/database';
import type { RunningServer } from '../../apps/server/src/server';
import { lineIdOf, seedBenchWave } from './bench-workload';
import { enrolDevice, pickBatch, pullPage, pushBatch } from './http-client';

export interface Measurement {
  name: string;
  value: number;
  unit: string;
  reference: string;
  /** null: no target, only a figure beside its reference. */
  meetsTarget: boolean | null;
  /** A budget: the bench exits non-zero when it is missed. */
  gate?: boolean;
}

const DEVICES = 8;
const BATCH = 500;

/**
 * Push ingest: 8 devices push batches of 500 one-unit picks at once through POST /api/sync/push,
 * beside the floor cost of storing the same number of rows: 500-row INSERTs from 8 connections
 * into a copy of `scan_events` in the same database, in the same run.
 */
export async function benchPushIngest(
  server: RunningServer,
  batchesPerDevice: number,
): Promise<Measurement[]> {
  const waveId = 'W-GZ-BENCH-PUSH';
  const linesPerDevice = 2_000;
  await seedBenchWave(server.database.db, waveId, 'u-gz-p1', DEVICES * linesPerDevice, DEVICES);
  const devices = await Promise.all(
    Array.from({ length: DEVICES }, () => enrolDevice(server.url, 'P-0001')),
  );
  const lanes = devices.map((_, d) =>
    Array.from({ length: linesPerDevice }, (_, i) =>
      lineIdOf(waveId, i * DEVICES + d + (d === 0 ? DEVICES : 0)),
    ),
  );
  const batches = devices.map((device, d) =>
    Array.from({ length: batchesPerDevice }, () => pickBatch(device, waveId, lanes[d]!, BATCH)),
  );
  const events = DEVICES * batchesPerDevice * BATCH;
  const started = performance.now();
  await Promise.all(
    devices.map(async (device, d) => {
      for (const batch of batches[d]!) await pushBatch(server.url, device, batch);
    }),
  );
  const pushRate = events / ((performance.now() - started) / 1000);
  const rawRate = await rawInsertRate(server, batchesPerDevice);
  return [
    {
      name: `push ingest (${DEVICES} devices × ${batchesPerDevice} batches of ${BATCH})`,
      value: Math.round(pushRate),
      unit: 'events/s',
      reference: `raw INSERT floor ${Math.round(rawRate)} rows/s; target ≥ 0.5 × raw = ${Math.round(rawRate / 2)}`,
      meetsTarget: pushRate >= rawRate / 2,
    },
    {
      name: 'raw 500-row INSERT, same rows',
      value: Math.round(rawRate),
      unit: 'rows/s',
      reference: 'the floor cost of storing them',
      meetsTarget: null,
    },
  ];
}

async function rawInsertRate(server: RunningServer, batchesPerDevice: number): Promise<number> {
  const db = server.database.db;
  await db.execute(
    sql`create table if not exists bench_raw_events (like scan_events including all)`,
  );
  const rows = (device: string, from: number) =>
    Array.from({ length: BATCH }, (_, i) => ({
      id: randomUUID(),
      device_id: device,
      epoch: 1,
      seq: from + i,
      warehouse_id: 'GZ',
      user_id: 'u-gz-p1',
      type: 'pick@1',
      payload: { pickLineId: 'PL-x', waveId: 'W', binCode: 'A-01-01', skuId: 'SKU-00001', qty: 1 },
      assignment_version_seen: 1,
      outcome: 'applied',
      device_time: new Date().toISOString(),
    }));
  const inserters = Array.from({ length: DEVICES }, () => randomUUID());
  const prepared = inserters.map((device) =>
    Array.from({ length: batchesPerDevice }, (_, b) => rows(device, b * BATCH + 1)),
  );
  const insert = rawInserter(server);
  const started = performance.now();
  await Promise.all(
    prepared.map(async (batches) => {
      for (const batch of batches) await insert(batch);
    }),
  );
  const rate = (DEVICES * batchesPerDevice * BATCH) / ((performance.now() - started) / 1000);
  await insert.close();
  await db.execute(sql`drop table bench_raw_events`);
  return rate;
}

type RawRow = Record<string, unknown>;

/** Plain multi-row INSERTs: 8 connections on Postgres, the one embedded connection on PGlite. */
function rawInserter(server: RunningServer) {
  const url = process.env.DATABASE_URL;
  const columns = [
    'id',
    'device_id',
    'epoch',
    'seq',
    'warehouse_id',
    'user_id',
    'type',
    'payload',
    'assignment_version_seen',
    'outcome',
    'device_time',
  ];
  if (server.database.driver === 'postgres' && url) {
    const client = postgres(url, { max: DEVICES, onnotice: () => {} });
    const insert = async (batch: RawRow[]) => {
      await client`insert into bench_raw_events ${client(batch as Record<string, postgres.SerializableParameter>[], columns)}`;
    };
    return Object.assign(insert, { close: () => client.end() });
  }
  const db: Db = server.database.db;
  const insert = async (batch: RawRow[]) => {
    const values = sql.join(
      batch.map(
        (r) =>
          sql`(${sql.join(
            columns.map((c) =>
              c === 'payload' ? sql`${JSON.stringify(r[c])}::jsonb` : sql`${r[c]}`,
            ),
            sql`, `,
          )})`,
      ),
      sql`, `,
    );
    await db.execute(
      sql`insert into bench_raw_events (${sql.raw(columns.join(', '))}) values ${values}`,
    );
  };
  return Object.assign(insert, { close: async () => {} });
}

/** Pull: one device receives 10,000 changed lines since its cursor (paged by the server). */
export async function benchPull(server: RunningServer, changes: number): Promise<Measurement[]> {
  const waveId = 'W-GZ-BENCH-PULL';
  await seedBenchWave(server.database.db, waveId, 'u-gz-p2', changes, 1);
  const device = await enrolDevice(server.url, 'P-0002');
  let { cursor } = await pullPage(server.url, device);
  const lineIds = Array.from({ length: changes }, (_, i) => lineIdOf(waveId, i + 1));
  for (let from = 0; from < changes; from += BATCH) {
    await pushBatch(
      server.url,
      device,
      pickBatch(device, waveId, lineIds.slice(from, from + BATCH), Math.min(BATCH, changes - from)),
    );
  }
  const started = performance.now();
  let lines = 0;
  let pages = 0;
  let heldMs = 0;
  for (;;) {
    const page = await pullPage(server.url, device, cursor);
    lines += page.lines.length;
    pages++;
    cursor = page.cursor;
    if (page.hasMore) continue;
    // Changes committed behind another open transaction (on a shared server, of another
    // database) wait for it: look again as the app does; the wait is not the pull's time.
    if (!page.heldBack || lines >= changes || heldMs > 30_000) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
    heldMs += 50;
  }
  const seconds = (performance.now() - started - heldMs) / 1000;
  if (lines < changes) throw new Error(`pull served ${lines} of ${changes} changed lines`);
  return [
    {
      name: `pull ${changes.toLocaleString('en')} changes to one device (${pages} pages)`,
      value: Math.round(seconds * 1000),
      unit: 'ms',
      reference: 'target ≤ 1,000 ms',
      meetsTarget: seconds <= 1,
    },
  ];
}
