import type {
  Board,
  BoardInboundStage,
  InboundNotice,
  InboundStage,
  InboundWork,
} from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aPutAway, aQcDecision, aReceipt, anInboundSku } from '../testing/inbound-fixtures';
import {
  type TestDevice,
  aLoggedInDevice,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { chinaMidnight, inboundStagesQuery } from './inbound-stages';

describe('the board’s day (China, UTC+8)', () => {
  it.each([
    ['2026-12-07T15:30:00Z', '2026-12-06T16:00:00.000Z'], // 23:30 in Guangzhou
    ['2026-12-07T16:30:00Z', '2026-12-07T16:00:00.000Z'], // 00:30 the next day
    ['2026-12-31T16:00:00Z', '2026-12-31T16:00:00.000Z'], // midnight of New Year's Day
  ])('at %s today began at %s', (now, midnight) => {
    expect(chinaMidnight(new Date(now)).toISOString()).toBe(midnight);
  });
});

describe.each(testDatabases())('the board’s inbound stages on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const CLUTCH = 'SKU-IS-CLUTCH';
  const FILTER = 'SKU-IS-FILTER';
  let gz = '';
  let cd = '';
  let worker: TestDevice;

  const board = async (token: string) => {
    const res = await fx.app.request('/api/console/board', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return (await bodyOf<Board>(res)).inbound!;
  };
  const byStage = (stages: readonly BoardInboundStage[]) =>
    Object.fromEntries(stages.map((s) => [s.stage, [s.count, s.units]])) as Record<
      InboundStage,
      [number, number]
    >;
  /** Counts and units of each stage moved by `delta` from `before`. */
  const moved = (
    before: readonly BoardInboundStage[],
    delta: Partial<Record<InboundStage, [number, number]>>,
  ) => {
    const was = byStage(before);
    return Object.fromEntries(
      Object.entries(was).map(([stage, [count, units]]) => {
        const [dc, du] = delta[stage as InboundStage] ?? [0, 0];
        return [stage, [count + dc, units + du]];
      }),
    );
  };

  beforeAll(async () => {
    gz = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    cd = (await aLoggedInDevice(fx.app, 'S-0002')).token;
    worker = await aLoggedInDevice(fx.app, 'P-0001');
    await anInboundSku(fx.database.db, CLUTCH, { qcRequired: true, nameZh: '离合器片' });
    await anInboundSku(fx.database.db, FILTER, { nameZh: '机油滤清器' });
  });

  it('counts each warehouse’s own open notices, units and oldest, in the order of the work', async () => {
    for (const [token, warehouseId] of [
      [gz, 'GZ'],
      [cd, 'CD'],
    ] as const) {
      const stages = await board(token);
      expect(stages.map((s) => s.stage)).toEqual([
        'expected',
        'receiving',
        'awaiting-qc',
        'awaiting-put-away',
        'put-away-today',
      ]);
      const [open] = await queryRows<{ count: number; units: number; oldest: string | null }>(
        fx.database.db,
        sql`select count(distinct n.id)::int as count,
                   coalesce(sum(greatest(l.expected_qty - l.received_qty, 0)), 0)::int as units,
                   to_char(min(n.created_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as oldest
            from inbound_notices n left join inbound_lines l on l.notice_id = n.id
            where n.warehouse_id = ${warehouseId} and n.status = 'open'
              and n.first_received_at is null`,
      );
      // The demo expects deliveries in both warehouses (and a return in Guangzhou).
      expect(open!.count).toBeGreaterThan(1);
      expect(stages[0]).toEqual({
        stage: 'expected',
        count: open!.count,
        units: open!.units,
        oldestAt: open!.oldest,
      });
    }
  });

  it('follows a delivery: expected → receiving → red gear → blue shelf → put away today, Chengdu unmoved', async () => {
    const cdBefore = await board(cd);
    const start = await board(gz);
    const notice = await bodyOf<InboundNotice>(
      await postJson(
        fx.app,
        '/api/inbound/notices',
        {
          code: 'ASN-2612-0520',
          expectedDate: '2026-12-08',
          lines: [
            { skuId: CLUTCH, expectedQty: 6 },
            { skuId: FILTER, expectedQty: 8 },
          ],
        },
        gz,
      ),
    );
    expect(byStage(await board(gz))).toEqual(moved(start, { expected: [1, 14] }));

    const [clutch, filter] = notice.lines;
    const receipts = [
      aReceipt(worker, { noticeId: notice.id, lineId: clutch!.id, skuId: CLUTCH, qty: 4 }),
      aReceipt(worker, { noticeId: notice.id, lineId: filter!.id, skuId: FILTER, qty: 8 }),
    ];
    await push(fx.app, worker, receipts);
    const received = await board(gz);
    // The notice waits for 2 more clutches; 4 wait for QC (red gear), 8 for put-away (blue shelf).
    expect(byStage(received)).toEqual(
      moved(start, { receiving: [1, 2], 'awaiting-qc': [1, 4], 'awaiting-put-away': [1, 8] }),
    );
    const [firstUnits] = await queryRows<{ at: string }>(
      fx.database.db,
      sql`select to_char(first_received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
          from inbound_notices where id = ${notice.id}::uuid`,
    );
    // Nothing of the demo is being received: this delivery is the oldest at the dock.
    expect(byStage(start).receiving).toEqual([0, 0]);
    expect(received.find((s) => s.stage === 'receiving')?.oldestAt).toBe(firstUnits!.at);

    await push(fx.app, worker, [aQcDecision(worker, receipts[0]!.id, 3, 1, '摩擦片开裂')]);
    expect(byStage(await board(gz))).toEqual(
      moved(start, { receiving: [1, 2], 'awaiting-put-away': [2, 11] }),
    );

    const tasks = (
      await bodyOf<InboundWork>(
        await fx.app.request('/api/inbound/work', { headers: { authorization: `Bearer ${gz}` } }),
      )
    ).tasks.filter((t) => t.noticeId === notice.id);
    const filterTask = tasks.find((t) => t.skuId === FILTER)!;
    const clutchTask = tasks.find((t) => t.skuId === CLUTCH)!;
    await push(fx.app, worker, [
      aPutAway(worker, filterTask.id, 'C-06-12', 8),
      aPutAway(worker, clutchTask.id, 'C-06-12', 2),
    ]);
    // The filters are away (a task done today); one clutch of three still waits.
    expect(byStage(await board(gz))).toEqual(
      moved(start, { receiving: [1, 2], 'awaiting-put-away': [1, 1], 'put-away-today': [1, 8] }),
    );
    expect(await board(cd)).toEqual(cdBefore);
  });

  it('reads only live rows: a year of closed notices and done tasks is neither counted nor scanned', async () => {
    const db = fx.database.db;
    const before = await board(gz);
    const midnight = chinaMidnight(new Date()).toISOString();
    await db.execute(sql`
      insert into inbound_notices (id, warehouse_id, code, kind, expected_date, status, created_at,
                                   closed_at, first_received_at)
      select gen_random_uuid(), 'GZ', 'ASN-HIST-' || n, 'purchase', (now() - n * interval '3 hours')::date,
             'closed', now() - n * interval '3 hours', now() - n * interval '3 hours' + interval '2 hours',
             now() - n * interval '3 hours' + interval '1 hour'
      from generate_series(1, 2900) n`);
    await db.execute(sql`
      insert into inbound_lines (id, notice_id, warehouse_id, line_no, sku_id, expected_qty, received_qty)
      select gen_random_uuid(), n.id, 'GZ', k, ${FILTER}, 10, 10
      from inbound_notices n, generate_series(1, 3) k where n.code like 'ASN-HIST-%'`);
    await db.execute(sql`
      insert into inbound_tasks (id, warehouse_id, kind, status, notice_id, line_id, sku_id,
                                 from_bin_id, qty, done_qty, created_at, done_at)
      select gen_random_uuid(), 'GZ', case when l.line_no = 1 then 'qc' else 'put-away' end, 'done',
             l.notice_id, l.id, l.sku_id, 'GZ:RV-00-01', 10, 10,
             ${midnight}::timestamptz - interval '1 minute' - r * interval '1 hour' - interval '30 minutes',
             ${midnight}::timestamptz - interval '1 minute' - r * interval '1 hour'
      from (select l.*, row_number() over (order by l.id) as r from inbound_lines l
            where l.notice_id in (select id from inbound_notices where code like 'ASN-HIST-%')) l`);
    await db.execute(sql`analyze inbound_notices`);
    await db.execute(sql`analyze inbound_lines`);
    await db.execute(sql`analyze inbound_tasks`);
    expect(await board(gz)).toEqual(before);
    const plan = (
      await queryRows<Record<string, string>>(
        db,
        sql`explain ${inboundStagesQuery('GZ', new Date())}`,
      )
    )
      .map((row) => Object.values(row)[0])
      .join('\n');
    expect(plan).not.toMatch(/Seq Scan on inbound_/);
  });
});
