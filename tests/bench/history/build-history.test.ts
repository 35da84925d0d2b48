import type { Board, Kpis, PullResponse, Reconciliation } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../apps/server/src/db/database';
// The templates' provided context (types only).
import type {} from '../../../apps/server/src/testing/database-templates';
import { seedDemoIfEmpty } from '../../../apps/server/src/demo/seed-demo';
import { aLoggedInDevice, aSeededApp, pull } from '../../../apps/server/src/testing/test-app';
import { type OwnedDatabase, testDatabases } from '../../../apps/server/src/testing/test-databases';
import { buildHistory } from './build-history';

/**
 * The history bench's builder, tiny (300 orders over three days), so it cannot rot: what it
 * writes holds the server's own invariants, and the server's reads work on it.
 */
describe.each(testDatabases())('a tiny history on $name', (target) => {
  const now = new Date();
  let database: OwnedDatabase;
  let app: Awaited<ReturnType<typeof aSeededApp>>['app'];
  const rows = <Row>(text: string) => queryRows<Row>(database.db, sql.raw(text));

  beforeAll(async () => {
    database = await target.open();
    await seedDemoIfEmpty(database.db);
    await buildHistory((text) => database.db.execute(sql.raw(text)), {
      orders: 300,
      ordersPerDay: 100,
      waveSize: 20,
      now,
    });
    app = (await aSeededApp(database, { now: () => now })).app;
  });
  afterAll(() => database?.drop());

  it('writes every order, line, wave, pick and scan the server would have', async () => {
    const [counts] = await rows<Record<string, number>>(`
      select (select count(*)::int from orders where id like 'HO-%') as orders,
             (select count(*)::int from orders where id like 'HO-%' and status = 'cancelled') as cancelled,
             (select count(*)::int from waves where id like 'HW-%') as waves,
             (select count(*)::int from order_lines ol join orders o on o.id = ol.order_id
               where o.id like 'HO-%' and o.status <> 'cancelled') as "linesToPick",
             (select count(*)::int from pick_lines where id like 'PL-HO-%' and status = 'picked'
               and picked_qty = qty) as picked,
             (select count(*)::int from scan_events where payload->>'pickLineId' like 'PL-HO-%') as scans,
             (select count(*)::int from order_events e where e.order_id like 'HO-%' and kind = 'shipped') as shipped`);
    expect(counts).toEqual({
      orders: 300,
      cancelled: 3,
      waves: 15,
      linesToPick: counts!.picked,
      picked: counts!.scans,
      scans: counts!.picked,
      shipped: 297,
    });
    expect(counts!.picked).toBeGreaterThan(800);
  });

  it('keeps the ledgers whole: stock is the sum of its movements, seqs have no gaps', async () => {
    const drift = await rows(`
      select s.bin_id, s.sku_id
      from (select bin_id, sku_id, sum(qty) as qty from stock group by 1, 2) s
      left join (select bin_id, sku_id, sum(delta) as qty from stock_movements group by 1, 2) m
        on m.bin_id = s.bin_id and m.sku_id = s.sku_id
      where s.qty <> coalesce(m.qty, 0)`);
    expect(drift).toEqual([]);
    const gaps = await rows(`
      select i.device_id from device_incarnations i
      join (select device_id, epoch, count(*) as n, max(seq) as top from scan_events group by 1, 2) e
        on e.device_id = i.device_id and e.epoch = i.epoch
      where e.n <> e.top or i.last_seq <> e.top`);
    expect(gaps).toEqual([]);
    const reconciliation = await getJson<Reconciliation>('S-0001', '/api/inventory/reconciliation');
    expect(reconciliation.drifts).toEqual([]);
  });

  it('a fresh picker pulls only the waves of this shift, never the done ones that left', async () => {
    const inScope = await rows<{ id: string }>(`
      select id from waves where assigned_user_id = 'u-gz-p1' and left_scope_at is null
      order by created_at, id`);
    const left = await rows<{ n: number }>(
      `select count(*)::int as n from waves where assigned_user_id = 'u-gz-p1' and left_scope_at is not null`,
    );
    expect(left[0]!.n).toBeGreaterThan(0);
    const picker = await aLoggedInDevice(app, 'P-0001');
    const snapshot: PullResponse = await pull(app, picker);
    expect(snapshot.waves.map((w) => w.id)).toEqual(inScope.map((w) => w.id));
  });

  it('the console and the order trace read it', async () => {
    const trace = await getJson<{ timeline: { kind: string }[] }>(
      'S-0001',
      '/api/orders/HO-0000001/trace',
    );
    expect(trace.timeline.filter((t) => t.kind !== 'scan').map((t) => t.kind)).toEqual([
      'received',
      'routed',
      'waved',
      'picked',
      'shipped',
    ]);
    expect(trace.timeline.filter((t) => t.kind === 'scan').length).toBeGreaterThan(0);
    const [day] = await rows<{ shipped: number; lines: number }>(`
      select (select count(*)::int from orders where warehouse_id = 'GZ' and status = 'shipped'
                and placed_at > '${now.toISOString()}'::timestamptz - interval '24 hours') as shipped,
             (select count(distinct payload->>'pickLineId')::int from scan_events
               where user_id = 'u-gz-p1'
                 and received_at >= '${now.toISOString()}'::timestamptz - interval '24 hours') as lines`);
    const board = await getJson<Board>('S-0001', '/api/console/board');
    expect(board.stages.find((s) => s.stage === 'shipped')?.count).toBe(day!.shipped);
    const kpis = await getJson<Kpis>('S-0001', '/api/console/kpis');
    expect(kpis.pickers.find((p) => p.userId === 'u-gz-p1')?.lines).toBe(day!.lines);
  });

  async function getJson<T>(badge: string, path: string): Promise<T> {
    const device = await aLoggedInDevice(app, badge);
    const res = await app.request(path, { headers: { authorization: `Bearer ${device.token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }
});
