import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, queryRows } from '../db/database';
import * as schema from '../db/schema';
import type { createApp } from '../app';
import { aLoggedInDevice, aPick, aSeededApp, pull, push } from '../testing/test-app';
import { type OwnedDatabase, hasPostgres, testDatabases } from '../testing/test-databases';
import { ensureMonthPartitions, monthlyPartitions, partitionName } from './partitions';
import { RETENTION_DEFAULTS } from './policies';
import { runRetention } from './run-retention';

const DAY = 86_400_000;
const monthOf = (at: Date) => at.toISOString().slice(0, 7);
const monthStart = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
const addMonths = (at: Date, n: number) =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + n, 1));

/** Stock is the sum of its ledger in every slot: the slots that are not. */
const drift = async (db: Db) =>
  queryRows<{ bin: string; sku: string }>(
    db,
    sql`select s.bin_id as bin, s.sku_id as sku from stock s
        where s.qty <> (select coalesce(sum(m.delta), 0) from stock_movements m
                        where m.bin_id = s.bin_id and m.sku_id = s.sku_id and m.status = s.status
                          and m.lot is not distinct from s.lot
                          and m.expiry is not distinct from s.expiry)`,
  );
const poolOf = (db: Db) =>
  queryRows(
    db,
    sql`select warehouse_id, sku_id, physical, reserved from inventory_pool
        order by warehouse_id, sku_id`,
  );

describe.each(testDatabases())(
  'the monthly partitions of the ledger and timelines on $name',
  (target) => {
    let database: OwnedDatabase;
    let exportDir: string;
    const now = new Date();
    const cutoff = new Date(now.getTime() - RETENTION_DEFAULTS.history * DAY);
    // Two months wholly past the history age, the month the cutoff falls in, and a young day.
    const cutoffMonth = monthStart(cutoff);
    const dates = {
      twoBefore: new Date(addMonths(cutoffMonth, -2).getTime() + 10 * DAY),
      oneBefore: new Date(addMonths(cutoffMonth, -1).getTime() + 20 * DAY),
      cutoffMonth: new Date((cutoffMonth.getTime() + cutoff.getTime()) / 2),
      young: new Date(now.getTime() - 10 * DAY),
    };
    let slot: { bin: string; sku: string };
    let poolBefore: unknown[];
    let round: Awaited<ReturnType<typeof runRetention>>;

    beforeAll(async () => {
      database = await target.open();
      await aSeededApp(database);
      exportDir = mkdtempSync(join(tmpdir(), 'wms-partitions-'));
      const slots = await queryRows<{ bin: string; sku: string }>(
        database.db,
        sql`select bin_id as bin, sku_id as sku from stock
          where warehouse_id = 'GZ' and status = 'available' and lot is null order by bin_id, sku_id limit 1`,
      );
      slot = slots[0]!;
      // At each date 7 units moved into the slot and back out (the pool nets to nothing), and an
      // order's timeline step. Dated months back, they wait in the default partitions.
      for (const [name, at] of Object.entries(dates)) {
        await database.db.execute(sql`
        insert into stock_movements (warehouse_id, bin_id, sku_id, delta, reason, note, at)
        values ('GZ', ${slot.bin}, ${slot.sku}, 7, 'move', ${name}, ${at.toISOString()}::timestamptz),
               ('GZ', ${slot.bin}, ${slot.sku}, -7, 'move', ${name}, ${at.toISOString()}::timestamptz)`);
        await database.db.execute(sql`
        insert into order_events (order_id, kind, detail, at)
        values (${`PART-${name}`}, 'received', '{}'::jsonb, ${at.toISOString()}::timestamptz)`);
      }
      poolBefore = await poolOf(database.db);
      round = await runRetention({
        database,
        config: { ...RETENTION_DEFAULTS, exportDir },
        now,
      });
    });
    afterAll(async () => {
      await database.drop();
      rmSync(exportDir, { recursive: true, force: true });
    });

    it('are partitioned by month: this month and the next two made ahead, a default partition for the rest', async () => {
      for (const table of ['stock_movements', 'order_events'] as const) {
        const [kind] = await queryRows<{ kind: string; strategy: string }>(
          database.db,
          sql`select c.relkind::text as kind, p.partstrat::text as strategy
            from pg_class c join pg_partitioned_table p on p.partrelid = c.oid
            where c.relname = ${table}`,
        );
        expect(kind).toEqual({ kind: 'p', strategy: 'r' });
        const months = (await monthlyPartitions(database.db, table)).map((p) => p.month);
        expect(months).toEqual(
          expect.arrayContaining([0, 1, 2].map((n) => monthOf(addMonths(now, n)))),
        );
        const [fallback] = await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from ${sql.identifier(`${table}_default`)}`,
        );
        expect(fallback!.n).toBe(0);
      }
    });

    it('a round exports each month wholly past the age, checks the file, and drops its partition', async () => {
      expect(round.failures).toEqual([]);
      const gone = [monthOf(dates.twoBefore), monthOf(dates.oneBefore)];
      for (const table of ['stock_movements', 'order_events'] as const) {
        const months = (await monthlyPartitions(database.db, table)).map((p) => p.month);
        expect(months).not.toEqual(expect.arrayContaining([gone[0]]));
        expect(months).not.toContain(gone[1]);
        expect(months).toContain(monthOf(dates.cutoffMonth));
        expect(
          round.months.filter((m) => m.table === table).map((m) => [m.month, m.pruned]),
        ).toEqual([
          [gone[0], table === 'stock_movements' ? 2 : 1],
          [gone[1], table === 'stock_movements' ? 2 : 1],
        ]);
      }
      const rows = (file: string) =>
        gunzipSync(readFileSync(join(exportDir, file)))
          .toString('utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(
        rows(`stock_movements/${gone[0]}.ndjson.gz`).map((r) => [r.delta, r.note, r.bin_id]),
      ).toEqual([
        [7, 'twoBefore', slot.bin],
        [-7, 'twoBefore', slot.bin],
      ]);
      expect(rows(`order_events/${gone[1]}.ndjson.gz`).map((r) => r.order_id)).toEqual([
        'PART-oneBefore',
      ]);
      const [manifest] = await queryRows<{ rows: number; pruned: number }>(
        database.db,
        sql`select rows, pruned_rows as pruned from retention_exports
          where table_name = 'stock_movements' and month = ${gone[1]!}`,
      );
      expect(manifest).toEqual({ rows: 2, pruned: 2 });
    });

    it('leaves the cutoff’s own month and younger ones whole (a month goes once all of it is past the age)', async () => {
      const left = await queryRows<{ note: string; n: number }>(
        database.db,
        sql`select note, count(*)::int as n from stock_movements
          where note in ('twoBefore', 'oneBefore', 'cutoffMonth', 'young') group by note order by note`,
      );
      expect(left).toEqual([
        { note: 'cutoffMonth', n: 2 },
        { note: 'young', n: 2 },
      ]);
      const events = await queryRows<{ id: string }>(
        database.db,
        sql`select order_id as id from order_events where order_id like 'PART-%' order by order_id`,
      );
      expect(events.map((e) => e.id)).toEqual(['PART-cutoffMonth', 'PART-young']);
    });

    it('the stock ledger stays whole: one carried-forward row for the slot, dated in a month that stays; the pool unmoved', async () => {
      const carried = await queryRows<{ delta: number; at: Date | string }>(
        database.db,
        sql`select delta, at from stock_movements
          where reason = 'carried-forward' and bin_id = ${slot.bin} and sku_id = ${slot.sku}`,
      );
      expect(carried.map((c) => [c.delta, new Date(c.at).toISOString()])).toEqual([
        [0, cutoffMonth.toISOString()],
      ]);
      expect(await drift(database.db)).toEqual([]);
      expect(await poolOf(database.db)).toEqual(poolBefore);
    });

    it('a second round drops nothing more and keeps one carried-forward row', async () => {
      const again = await runRetention({
        database,
        config: { ...RETENTION_DEFAULTS, exportDir },
        now,
      });
      expect(again.failures).toEqual([]);
      expect(
        again.months.filter((m) => m.table === 'stock_movements' || m.table === 'order_events'),
      ).toEqual([]);
      const [carried] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from stock_movements
          where reason = 'carried-forward' and bin_id = ${slot.bin} and sku_id = ${slot.sku}`,
      );
      expect(carried!.n).toBe(1);
      expect(await drift(database.db)).toEqual([]);
    });
  },
);

describe.each(testDatabases())('a missing month never fails a pick on $name', (target) => {
  let database: OwnedDatabase;
  let app: ReturnType<typeof createApp>;
  const month = monthOf(new Date());

  beforeAll(async () => {
    database = await target.open();
    ({ app } = await aSeededApp(database));
  });
  afterAll(() => database.drop());

  it('a pick dated where no partition is lands in the default one; the next round makes the month and moves it there, the pool untouched', async () => {
    // This month's partitions are gone (as if no round had made them): parked aside.
    for (const table of ['stock_movements', 'order_events'] as const) {
      const name = partitionName(table, month);
      await database.db.execute(
        sql`alter table ${sql.identifier(table)} detach partition ${sql.identifier(name)}`,
      );
      await database.db.execute(
        sql`alter table ${sql.identifier(name)} rename to ${sql.identifier(`${name}_parked`)}`,
      );
    }
    const picker = await aLoggedInDevice(app, 'P-0001');
    const [line] = (await pull(app, picker)).lines.filter((l) => l.status === 'open');
    const pushed = await push(app, picker, [aPick(picker, line!)]);
    expect(pushed.status).toBe(200);
    expect(pushed.body.results).toEqual([{ seq: 1, outcome: 'applied' }]);
    const waiting = async () =>
      queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from stock_movements_default
            where reason = 'pick' and sku_id = ${line!.skuId}`,
      );
    expect(await waiting()).toEqual([{ n: 1 }]);
    const pool = await poolOf(database.db);
    const made = await ensureMonthPartitions(database.db, 'stock_movements', new Date());
    expect(made).toEqual([partitionName('stock_movements', month)]);
    expect(await waiting()).toEqual([{ n: 0 }]);
    const [moved] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${sql.identifier(partitionName('stock_movements', month))}
          where reason = 'pick' and sku_id = ${line!.skuId}`,
    );
    expect(moved!.n).toBe(1);
    expect(await poolOf(database.db)).toEqual(pool);
    // Made once: a second call finds it there.
    expect(await ensureMonthPartitions(database.db, 'stock_movements', new Date())).toEqual([]);
  });
});

/** The migrations up to `last` (a tag), as a folder of their own: a database as it was then. */
function migrationsUpTo(last: string): string {
  const folder = fileURLToPath(new URL('../../drizzle', import.meta.url));
  const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string; idx: number }[];
  };
  const upTo = journal.entries.findIndex((e) => e.tag === last);
  const entries = journal.entries.slice(0, upTo + 1);
  const out = mkdtempSync(join(tmpdir(), 'wms-migrations-'));
  mkdirSync(join(out, 'meta'));
  writeFileSync(join(out, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) copyFileSync(join(folder, `${e.tag}.sql`), join(out, `${e.tag}.sql`));
  return out;
}

interface Upgradable {
  db: Db;
  migrate: (folder: string) => Promise<void>;
  close: () => Promise<void>;
}

const upgradables: { name: string; open: () => Promise<Upgradable> }[] = [
  {
    name: 'pglite',
    open: async () => {
      const client = new PGlite();
      await client.waitReady;
      const db = drizzlePglite(client, { schema });
      return {
        db: db as unknown as Db,
        migrate: (migrationsFolder) => migratePglite(db, { migrationsFolder }),
        close: () => client.close(),
      };
    },
  },
  ...(hasPostgres
    ? [
        {
          name: 'postgres',
          open: async () => {
            const server = process.env.DATABASE_URL!;
            const name = `wms_upgrade_${Math.random().toString(16).slice(2, 10)}`;
            const admin = postgres(server, { max: 1, onnotice: () => {} });
            await admin.unsafe(`create database ${name}`);
            const url = new URL(server);
            url.pathname = `/${name}`;
            const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
            const db = drizzlePostgres(client, { schema });
            return {
              db: db as unknown as Db,
              migrate: (migrationsFolder: string) => migratePostgres(db, { migrationsFolder }),
              close: async () => {
                await client.end();
                await admin.unsafe(`drop database if exists ${name} with (force)`);
                await admin.end();
              },
            };
          },
        },
      ]
    : []),
];

describe.each(upgradables)('upgrading a database that holds a ledger on $name', (target) => {
  let database: Upgradable;
  let before: { ledger: unknown[]; events: unknown[]; pool: unknown[] };
  const ledger = (db: Db) =>
    queryRows(
      db,
      sql`select id::int, bin_id, sku_id, delta, reason, at::text from stock_movements order by id`,
    );
  const events = (db: Db) =>
    queryRows(
      db,
      sql`select id::int, order_id, kind, detail, at::text from order_events order by id`,
    );
  const dated = [500, 400, 40, 0].map((days) => new Date(Date.now() - days * DAY).toISOString());

  beforeAll(async () => {
    database = await target.open();
    const old = migrationsUpTo('0020_connectors');
    await database.migrate(old);
    rmSync(old, { recursive: true, force: true });
    // A year of ledger and timelines, as the unpartitioned tables held them: receipts move the
    // pool (the trigger), picks do not.
    for (const at of dated) {
      await database.db.execute(sql`
        insert into stock_movements (warehouse_id, bin_id, sku_id, delta, reason, at)
        values ('GZ', 'B-1', 'SKU-1', 10, 'receipt', ${at}::timestamptz),
               ('GZ', 'B-1', 'SKU-1', -3, 'pick', ${at}::timestamptz)`);
      await database.db.execute(sql`
        insert into order_events (order_id, kind, detail, at)
        values ('O-1', 'received', ${JSON.stringify({ at })}::jsonb, ${at}::timestamptz)`);
    }
    before = {
      ledger: await ledger(database.db),
      events: await events(database.db),
      pool: await poolOf(database.db),
    };
    await database.migrate(fileURLToPath(new URL('../../drizzle', import.meta.url)));
  });
  afterAll(() => database.close());

  it('keeps every row, in a partition of its month, and the pool as it was (the copy moved nothing)', async () => {
    expect(await ledger(database.db)).toEqual(before.ledger);
    expect(await events(database.db)).toEqual(before.events);
    expect(await poolOf(database.db)).toEqual(before.pool);
    expect(before.pool).toEqual([
      { warehouse_id: 'GZ', sku_id: 'SKU-1', physical: 40, reserved: 0 },
    ]);
    for (const table of ['stock_movements', 'order_events'] as const) {
      const months = (await monthlyPartitions(database.db, table)).map((p) => p.month);
      for (const at of dated) expect(months).toContain(at.slice(0, 7));
      const [fallback] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from ${sql.identifier(`${table}_default`)}`,
      );
      expect(fallback!.n).toBe(0);
    }
  });

  it('ids carry on from the old sequence, and the pool trigger still counts receipts, not picks', async () => {
    const [row] = await queryRows<{ id: number }>(
      database.db,
      sql`insert into stock_movements (warehouse_id, bin_id, sku_id, delta, reason)
          values ('GZ', 'B-1', 'SKU-1', 5, 'receipt'), ('GZ', 'B-1', 'SKU-1', -2, 'pick')
          returning id::int as id`,
    );
    expect(row!.id).toBe(before.ledger.length + 1);
    expect(await poolOf(database.db)).toEqual([
      { warehouse_id: 'GZ', sku_id: 'SKU-1', physical: 45, reserved: 0 },
    ]);
    const [event] = await queryRows<{ id: number }>(
      database.db,
      sql`insert into order_events (order_id, kind, detail) values ('O-1', 'shipped', '{}'::jsonb)
          returning id::int as id`,
    );
    expect(event!.id).toBe(before.events.length + 1);
  });
});
