import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PickLine, ScanEvent } from '@wms/protocol';
import { queryRows } from '../db/database';
import type { createApp } from '../app';
import { Metrics } from '../ops/metrics';
import { advanceLedgerCheckpoint } from '../inventory/ledger-checkpoint';
import { reconcilePool } from '../inventory/reconcile-pool';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { oldPicks } from '../testing/old-picks';
import {
  aLoggedInDevice,
  aSeededApp,
  postJson,
  pull,
  push,
  type TestDevice,
} from '../testing/test-app';
import { type OwnedDatabase, testDatabases } from '../testing/test-databases';
import { RETENTION_DEFAULTS, type RetentionConfig } from './policies';
import { RETENTION_LOCK, type RetentionRound, runRetention, startRetention } from './run-retention';

/** Three shipped orders of Guangdong consignees, shipped 500, 40 and 5 days ago. */
const CONSIGNEES = [
  {
    age: 500,
    name: '张伟',
    phone: '13812345678',
    idNumber: '33010619900101123X',
    detail: '文三路 90 号 3 幢 502',
    office: '珠江新城华夏路 10 号富力中心 2201',
  },
  {
    age: 40,
    name: '欧阳娜娜',
    phone: '13987654321',
    idNumber: '',
    detail: '科技园南区 8 栋 1201',
    office: '体育西路 103 号维多利广场 B 座 3605',
  },
  {
    age: 5,
    name: '李娜',
    phone: '13700001111',
    idNumber: '',
    detail: '沙河西路 3009 号',
    office: '天河北路 233 号中信广场 5801',
  },
] as const;

describe.each(testDatabases())('retention: a round over days of history on $name', (target) => {
  let database: OwnedDatabase;
  let app: ReturnType<typeof createApp>;
  let metrics: Metrics;
  let exportDir: string;
  let config: RetentionConfig;
  let picker: TestDevice;
  let events: ScanEvent[];
  let lines: PickLine[];
  let oldCursor: string;
  let orderIds: string[];
  let round: RetentionRound;
  let ledgerBefore: { rows: number; slots: number } | undefined;
  let checkpointedBefore: number | null = null;
  let poolBefore: unknown[];
  const poolOf = () =>
    queryRows(
      database.db,
      sql`select sku_id, physical, reserved from inventory_pool where warehouse_id = 'GZ' order by sku_id`,
    );
  const month = (daysAgo: number) =>
    new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 7);

  beforeAll(async () => {
    database = await target.open();
    metrics = new Metrics(database.db);
    ({ app } = await aSeededApp(database, { metrics }));
    exportDir = mkdtempSync(join(tmpdir(), 'wms-exports-'));
    config = { ...RETENTION_DEFAULTS, exportDir };
    const key = await anIntegrationKey(database.db);
    orderIds = [];
    for (const c of CONSIGNEES) {
      const sent = anOrder({
        consignee: { name: c.name, phone: c.phone, ...(c.idNumber && { idNumber: c.idNumber }) },
        address: { province: '广东省', city: '广州市', district: '天河区', detail: c.detail },
      });
      expect((await postJson(app, '/api/orders', sent, key)).status).toBe(201);
      const [row] = await queryRows<{ id: string }>(
        database.db,
        sql`select order_id as id from channel_orders where channel_order_id = ${sent.channelOrderId}`,
      );
      orderIds.push(row!.id);
      // Each customer asked (through the storefront) to send it to the office instead: a request
      // waiting for their confirmation, a step in the trace and a webhook, each with the address.
      const asked = await postJson(
        app,
        `/api/holds/orders/${row!.id}/address-change`,
        { newAddress: `广东省广州市天河区${c.office}` },
        key,
      );
      expect(asked.status).toBe(200);
      // Shipped `age` days ago: its whole life moved back in time.
      const at = sql`now() - make_interval(days => ${c.age})`;
      await database.db.execute(sql`
        update orders set status = 'shipped', created_at = ${at}, placed_at = ${at} where id = ${row!.id}`);
      await database.db.execute(
        sql`update order_events set at = ${at} where order_id = ${row!.id}`,
      );
      await database.db.execute(sql`
        insert into order_events (order_id, at, kind, detail)
        values (${row!.id}, ${at}, 'shipped', '{"carrier":"SF"}'::jsonb)`);
      await database.db.execute(sql`
        update reservations set status = 'shipped', created_at = ${at} where order_id = ${row!.id}`);
    }
    // A picker's three picks, received 500 days ago (a handheld back from a year in a drawer
    // would replay them).
    ({
      picker,
      cursor: oldCursor,
      lines,
      events,
    } = await oldPicks(app, database.db, { days: 500 }));
    // The txid clock ticked 31 days ago after the picker's cursor was minted (a cursor a month
    // old): the feed below that tick is past its 30 days.
    await database.db.execute(sql`
      insert into txid_clock (at, txid, last_change_id)
      select now() - interval '31 days', pg_current_xact_id(), coalesce(max(id), 0) from changes`);
    // The opening stock of Guangzhou was booked 500 days ago.
    await database.db.execute(sql`
      update stock_movements set at = now() - interval '500 days'
      where warehouse_id = 'GZ' and reason <> 'pick'`);
    [ledgerBefore] = await queryRows<{ rows: number; slots: number }>(
      database.db,
      sql`select count(*)::int as rows,
                 count(distinct (bin_id, sku_id, lot, expiry, status))::int as slots
          from stock_movements where warehouse_id = 'GZ' and reason <> 'pick'`,
    );
    poolBefore = await poolOf();
    // The reconciliation checkpoint holds the old rows (as after a year of checks): the drop
    // must take them out of it again.
    checkpointedBefore = await advanceLedgerCheckpoint(database.db, 0);
    round = await runRetention({ database, config, now: new Date(), metrics });
  });
  afterAll(async () => {
    await database.drop();
    rmSync(exportDir, { recursive: true, force: true });
  });

  const ordersLeft = async () =>
    (
      await queryRows<{ id: string }>(
        database.db,
        sql`select id from orders where id in (${sql.join(
          orderIds.map((id) => sql`${id}`),
          sql`, `,
        )}) order by created_at`,
      )
    ).map((r) => r.id);
  const fileRows = (file: string) =>
    gunzipSync(readFileSync(join(exportDir, file)))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('exports the old order, its lines and the old scans to monthly files, checks them, then prunes them; nothing younger is touched', async () => {
    expect(round).toMatchObject({ busy: false, failures: [] });
    expect(await ordersLeft()).toEqual([orderIds[1], orderIds[2]]);
    const old = month(500);
    const ordersFile = `orders/${old}.ndjson.gz`;
    expect(fileRows(ordersFile)).toEqual([
      expect.objectContaining({
        id: orderIds[0],
        consignee_name: '张*',
        phone: '138****5678',
        id_number: '330106************',
        address_detail: '***',
        city: '广州市',
      }),
    ]);
    expect(fileRows(`order_lines/${old}.ndjson.gz`)).toEqual([
      expect.objectContaining({ order_id: orderIds[0], sku_id: 'SKU-00121', qty: 1 }),
    ]);
    const [manifest] = await queryRows<{ rows: number; sha256: string; prunedRows: number }>(
      database.db,
      sql`select rows, sha256, pruned_rows as "prunedRows" from retention_exports
          where table_name = 'orders' and month = ${old} and part = 1`,
    );
    expect(manifest).toEqual({
      rows: 1,
      sha256: createHash('sha256')
        .update(readFileSync(join(exportDir, ordersFile)))
        .digest('hex'),
      prunedRows: 1,
    });
    const scans = fileRows(`scan_events_archive/${old}.ndjson.gz`).map((r) => r.id);
    expect(scans).toEqual(events.map((e) => e.id).sort());
    const [left] = await queryRows<{ hot: number; archived: number; order_lines: number }>(
      database.db,
      sql`select (select count(*) from scan_events where device_id = ${picker.deviceId})::int as hot,
                 (select count(*) from scan_events_archive where device_id = ${picker.deviceId})::int as archived,
                 (select count(*) from order_lines where order_id = ${orderIds[0]!})::int as order_lines`,
    );
    expect(left).toEqual({ hot: 0, archived: 0, order_lines: 0 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('wms_retention_rows_total{table="orders",action="pruned"} 1');
    expect(text).toContain('wms_retention_rows_total{table="scan_events",action="archived"} 3');
    expect(text).toContain('wms_retention_runs_total{result="done"} 1');
  });

  it('prunes the old stock ledger with one carried-forward row per slot: stock stays the sum of its ledger, the pool unmoved', async () => {
    expect(ledgerBefore!.rows).toBeGreaterThan(ledgerBefore!.slots);
    expect(fileRows(`stock_movements/${month(500)}.ndjson.gz`)).toHaveLength(ledgerBefore!.rows);
    const [ledger] = await queryRows<{ carried: number; old: number; drift: number }>(
      database.db,
      sql`select (select count(*) from stock_movements
                  where warehouse_id = 'GZ' and reason = 'carried-forward')::int as carried,
                 (select count(*) from stock_movements where warehouse_id = 'GZ'
                  and reason <> 'carried-forward' and at < now() - interval '400 days')::int as old,
                 (select count(*) from stock s where s.warehouse_id = 'GZ' and s.qty <> (
                    select coalesce(sum(m.delta), 0) from stock_movements m
                    where m.bin_id = s.bin_id and m.sku_id = s.sku_id and m.status = s.status
                      and m.lot is not distinct from s.lot and m.expiry is not distinct from s.expiry))::int as drift`,
    );
    expect(ledger).toEqual({ carried: ledgerBefore!.slots, old: 0, drift: 0 });
    expect(await poolOf()).toEqual(poolBefore);
    // The checkpoint had summed the dropped month; reconciliation still finds the ledger whole.
    // (Not the pool here: moving rows 500 days back fired its trigger again, by design.)
    expect(checkpointedBefore).toBeGreaterThan(0);
    expect((await reconcilePool(database.db, 'GZ')).ledgerDrifts).toEqual([]);
  });

  it('the trace of a pruned order says where and when it was archived; other warehouses get 404', async () => {
    const admin = await aLoggedInDevice(app, 'A-0001');
    const res = await app.request(`/api/orders/${orderIds[0]}/trace`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.status).toBe(200);
    const trace = (await res.json()) as {
      order: { id: string; archived: { file: string } };
      timeline: { kind: string; detail: { file: string } }[];
    };
    expect(trace.order.id).toBe(orderIds[0]);
    expect(trace.order.archived.file).toBe(`orders/${month(500)}.ndjson.gz`);
    expect(trace.timeline.map((t) => [t.kind, t.detail.file])).toEqual([
      ['archived', `orders/${month(500)}.ndjson.gz`],
    ]);
    const chengdu = await aLoggedInDevice(app, 'S-0002');
    const elsewhere = await app.request(`/api/orders/${orderIds[0]}/trace`, {
      headers: { authorization: `Bearer ${chengdu.token}` },
    });
    expect(elsewhere.status).toBe(404);
  });

  it('masks the consignee of an order shipped past the return window, in the trace too, and leaves a recent one in clear', async () => {
    const rows = await queryRows<{
      name: string;
      phone: string;
      detail: string;
      district: string;
      sent: { consignee: { name: string; phone: string }; address: { detail: string } };
      masked: boolean;
    }>(
      database.db,
      sql`select consignee_name as name, phone, address_detail as detail, district,
                 original as sent, masked_at is not null as masked
          from orders where id in (${orderIds[1]!}, ${orderIds[2]!}) order by created_at`,
    );
    expect(rows.map((r) => [r.name, r.phone, r.detail, r.district, r.masked])).toEqual([
      ['欧***', '139****4321', '***', '天河区', true],
      ['李娜', '13700001111', '沙河西路3009号', '天河区', false],
    ]);
    expect(rows[0]!.sent.consignee).toMatchObject({ name: '欧***', phone: '139****4321' });
    expect(rows[0]!.sent.address.detail).toBe('***');
    expect(JSON.stringify(rows[0]!.sent)).not.toContain('科技园');
    const admin = await aLoggedInDevice(app, 'A-0001');
    const res = await app.request(`/api/orders/${orderIds[1]}/trace`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(((await res.json()) as { order: Record<string, unknown> }).order).toMatchObject({
      consigneeName: '欧***',
      phone: '139****4321',
      addressDetail: '***',
    });
  });

  it('masks the copies of a masked order’s addresses: its change request, its trace steps and webhooks', async () => {
    const copies = async (orderId: string) =>
      JSON.stringify(
        await queryRows(
          database.db,
          sql`select (select jsonb_agg(new_address) from address_change_requests where order_id = ${orderId}) as requests,
                     (select jsonb_agg(detail) from order_events where order_id = ${orderId}
                        and kind like 'address%') as steps,
                     (select jsonb_agg(payload) from webhook_messages where order_id = ${orderId}
                        and type like 'order.address%') as webhooks`,
        ),
      );
    const masked = await copies(orderIds[1]!);
    expect(masked).toContain('***');
    expect(masked).not.toContain('体育西路');
    expect(masked).not.toContain('维多利广场');
    // The recent order (inside its return window) keeps its request readable.
    const recent = await copies(orderIds[2]!);
    expect(recent).toContain('中信广场');
    expect(recent.match(/中信广场/g)?.length).toBe(3);
  });

  it('a replay of pruned events is acknowledged and applies nothing again', async () => {
    const picked = async () =>
      queryRows<{ id: string; picked: number }>(
        database.db,
        sql`select id, picked_qty as picked from pick_lines
            where id in (${sql.join(
              lines.map((l) => sql`${l.id}`),
              sql`, `,
            )}) order by id`,
      );
    const before = await picked();
    const replay = await push(app, picker, events, 3);
    expect(replay).toEqual({
      status: 200,
      body: {
        ackedThroughSeq: 3,
        results: [
          { seq: 1, outcome: 'applied' },
          { seq: 2, outcome: 'applied' },
          { seq: 3, outcome: 'applied' },
        ],
      },
    });
    expect(await picked()).toEqual(before);
    const [stored] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from scan_events where device_id = ${picker.deviceId}`,
    );
    expect(stored!.n).toBe(0);
  });

  it('a cursor older than the pruned change feed gets a reset and the whole scope; a new cursor does not', async () => {
    const again = await pull(app, picker, oldCursor);
    const fresh = await pull(app, picker);
    expect(again.reset).toBe(true);
    expect(again.lines.map((l) => l.id).sort()).toEqual(fresh.lines.map((l) => l.id).sort());
    expect(again.lines.length).toBeGreaterThan(0);
    const next = await pull(app, picker, again.cursor);
    expect(next).toMatchObject({ reset: false, lines: [] });
  });

  it('a failed export prunes nothing of its table and raises an alert, cleared once exports work again', async () => {
    // The youngest order now looks old too, and the export folder cannot be made.
    await database.db.execute(sql`
      update orders set created_at = now() - interval '500 days' where id = ${orderIds[2]!}`);
    await database.db.execute(sql`
      update order_events set at = now() - interval '500 days' where order_id = ${orderIds[2]!}`);
    const blocked = join(exportDir, 'not-a-folder');
    writeFileSync(blocked, 'a file where the export folder should be');
    const failed = await runRetention({
      database,
      config: { ...config, exportDir: join(blocked, 'exports') },
      now: new Date(),
      metrics,
    });
    expect(failed.failures.map((f) => f.table)).toContain('orders');
    expect(await ordersLeft()).toEqual([orderIds[2], orderIds[1]]);
    const alerts = async () =>
      queryRows<{ warehouse: string; open: boolean }>(
        database.db,
        sql`select warehouse_id as warehouse, cleared_at is null as open from alerts
            where kind = 'retention-export' and warehouse_id = 'GZ'`,
      );
    expect(await alerts()).toEqual([{ warehouse: 'GZ', open: true }]);
    const [told] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from webhook_messages
          where type = 'alert.raised' and payload::text like '%retention-export%'`,
    );
    expect(told!.n).toBe(4); // one per warehouse of the demo
    expect(await metrics.registry.metrics()).toContain(
      'wms_retention_export_failures_total{table="orders"} 1',
    );
    const fixed = await runRetention({ database, config, now: new Date(), metrics });
    expect(fixed.failures).toEqual([]);
    expect(await ordersLeft()).toEqual([orderIds[1]]);
    expect(await alerts()).toEqual([{ warehouse: 'GZ', open: false }]);
  });

  it('a second server does nothing while one runs a round (advisory lock)', async () => {
    const inner = await database.whileHolding(RETENTION_LOCK, () =>
      runRetention({ database, config, now: new Date() }),
    );
    // PGlite is one process by construction: there is no second server to keep out.
    expect(inner?.busy).toBe(target.name === 'postgres');
  });

  it('the server runs it on its schedule, with metrics', async () => {
    const scheduled = new Metrics(database.db);
    const ran = new Promise<RetentionRound>((resolve) => {
      const stop = startRetention({
        database,
        config,
        intervalMs: 3_600_000,
        firstDelayMs: 0,
        now: () => new Date(),
        metrics: scheduled,
        onRound: (r) => void stop().then(() => resolve(r)),
      });
    });
    expect(await ran).toMatchObject({ busy: false, failures: [] });
    expect(await scheduled.registry.metrics()).toContain(
      'wms_retention_runs_total{result="done"} 1',
    );
  });
});
