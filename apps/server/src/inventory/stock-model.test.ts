import type { PickLine, Reconciliation } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aShort } from '../testing/handheld-events';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import {
  type TestDevice,
  aLoggedInDevice,
  aPick,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  pull,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe.each(testDatabases())('stock by bin, lot, expiry and status on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let supervisor = '';
  let key = '';
  let picker: TestDevice;
  beforeAll(async () => {
    supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    picker = await aLoggedInDevice(fx.app, 'P-0002');
    key = await anIntegrationKey(fx.database.db);
  });

  const importCsv = (csv: string) =>
    fx.app.request('/api/inventory/opening-balances.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${supervisor}` },
      body: csv,
    });
  const reconciliation = async () =>
    bodyOf<Reconciliation>(
      await fx.app.request('/api/inventory/reconciliation', {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
  const physical = async (skuId: string) =>
    (
      await queryRows<{ physical: number }>(
        fx.database.db,
        sql`select physical from inventory_pool where warehouse_id = 'GZ' and sku_id = ${skuId}`,
      )
    )[0]?.physical;

  /**
   * A GZ SKU on no pick line, its seeded stock written off by adjustments (so only what the test
   * loads is there), made lot-tracked; and three bins on the path that never held it.
   */
  async function aLotTrackedSku(skip: number, minRemainingShelfLifeDays: number | null = null) {
    const [sku] = await queryRows<{ skuId: string }>(
      fx.database.db,
      sql`select s.id as "skuId" from skus s
          where exists (select 1 from stock st where st.sku_id = s.id and st.warehouse_id = 'GZ')
            and not exists (select 1 from pick_lines p where p.sku_id = s.id)
          order by s.id desc offset ${skip} limit 1`,
    );
    const skuId = sku!.skuId;
    const seeded = await queryRows<{ code: string; qty: number }>(
      fx.database.db,
      sql`select b.code, s.qty from stock s join bins b on b.id = s.bin_id
          where s.warehouse_id = 'GZ' and s.sku_id = ${skuId} and s.qty > 0`,
    );
    for (const s of seeded) {
      const res = await postJson(
        fx.app,
        '/api/inventory/adjustments',
        { binCode: s.code, skuId, delta: -s.qty, reasonCode: 'count-correction' },
        supervisor,
      );
      expect(res.status).toBe(201);
    }
    await fx.database.db.execute(
      sql`update skus set lot_tracked = true, min_remaining_shelf_life_days = ${minRemainingShelfLifeDays}
          where id = ${skuId}`,
    );
    const bins = await queryRows<{ code: string; binId: string }>(
      fx.database.db,
      sql`select code, id as "binId" from bins b where warehouse_id = 'GZ' and zone = 'A'
            and not exists (select 1 from stock s where s.bin_id = b.id and s.sku_id = ${skuId})
          order by path_seq offset ${skip * 3} limit 3`,
    );
    return { skuId, bins };
  }

  async function waveOf(skuId: string, qty: number) {
    const { orderId } = await bodyOf<{ orderId: string }>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({ lines: [{ skuId, qty, unitPriceCents: 9_900 }] }),
        key,
      ),
    );
    await postJson(fx.app, '/api/waves/build', { assignTo: picker.userId }, supervisor);
    const lines = await queryRows<{ binCode: string; lot: string; expiry: string; qty: number }>(
      fx.database.db,
      sql`select b.code as "binCode", p.lot, to_char(p.expiry, 'YYYY-MM-DD') as expiry, p.qty
          from pick_lines p join bins b on b.id = p.bin_id
          where p.order_id = ${orderId} order by b.path_seq`,
    );
    const [order] = await queryRows<{ status: string }>(
      fx.database.db,
      sql`select status from orders where id = ${orderId}`,
    );
    return { orderId, lines, status: order?.status };
  }

  it('allocates first expiry first, never an expired lot; the picker sees the lot; picks take it from that lot', async () => {
    const { skuId, bins } = await aLotTrackedSku(0);
    const [first, second, third] = bins.map((b) => b.code);
    const loaded = await importCsv(
      [
        'bin_code,sku_id,lot,expiry,qty',
        `${first},${skuId},OLD,${day(-1)},5`,
        `${second},${skuId},LATE,${day(60)},5`,
        `${third},${skuId},SOON,${day(10)},2`,
      ].join('\n'),
    );
    expect(loaded.status).toBe(201);
    expect(await bodyOf(loaded)).toMatchObject({ imported: 3 });

    const waved = await waveOf(skuId, 3);
    expect(waved.status).toBe('waved');
    expect(waved.lines).toEqual([
      { binCode: second, lot: 'LATE', expiry: day(60), qty: 1 },
      { binCode: third, lot: 'SOON', expiry: day(10), qty: 2 },
    ]);

    const pulled: PickLine[] = [];
    for (let page = await pull(fx.app, picker); ; page = await pull(fx.app, picker, page.cursor)) {
      pulled.push(...page.lines);
      if (!page.hasMore) break;
    }
    const soon = pulled.find((l) => l.orderId === waved.orderId && l.lot === 'SOON');
    expect(soon).toMatchObject({ binCode: third, lot: 'SOON', expiry: day(10), qty: 2 });
    expect((await push(fx.app, picker, [aPick(picker, soon!)])).status).toBe(200);
    const slots = await queryRows<{ lot: string; qty: number }>(
      fx.database.db,
      sql`select lot, qty from stock where warehouse_id = 'GZ' and sku_id = ${skuId} and qty <> 0 order by lot`,
    );
    expect(slots).toEqual([
      { lot: 'LATE', qty: 5 },
      { lot: 'OLD', qty: 5 },
    ]);
    expect(await reconciliation()).toMatchObject({ drifts: [], ledgerDrifts: [] });

    // 4 unexpired units are free (LATE, one planned): an order of 5 waits, the expired 5 untouched.
    expect((await waveOf(skuId, 5)).status).toBe('backordered');
  });

  it('a short pick reallocates by the same rules: the next expiry first, never the expired lot', async () => {
    const { skuId, bins } = await aLotTrackedSku(5);
    const [first, second, third] = bins.map((b) => b.code);
    await importCsv(
      [
        'bin_code,sku_id,lot,expiry,qty',
        `${first},${skuId},SOON,${day(3)},2`,
        `${second},${skuId},GONE,${day(-2)},9`,
        `${third},${skuId},MID,${day(40)},5`,
      ].join('\n'),
    );
    const waved = await waveOf(skuId, 2);
    expect(waved.lines).toEqual([{ binCode: first, lot: 'SOON', expiry: day(3), qty: 2 }]);
    const line = (await pull(fx.app, picker)).lines.find((l) => l.orderId === waved.orderId);
    expect((await push(fx.app, picker, [aShort(picker, line!)])).status).toBe(200);
    const lines = await queryRows<{ binCode: string; lot: string; qty: number; status: string }>(
      fx.database.db,
      sql`select b.code as "binCode", p.lot, p.qty, p.status from pick_lines p join bins b on b.id = p.bin_id
          where p.order_id = ${waved.orderId} order by p.id`,
    );
    expect(lines).toEqual([
      { binCode: first, lot: 'SOON', qty: 2, status: 'short' },
      { binCode: third, lot: 'MID', qty: 2, status: 'open' },
    ]);
  });

  it('leaves a lot with less than the minimum remaining shelf life', async () => {
    const { skuId, bins } = await aLotTrackedSku(1, 30);
    const [first, second] = bins.map((b) => b.code);
    await importCsv(
      [
        'bin_code,sku_id,lot,expiry,qty',
        `${first},${skuId},SHORT-LIFE,${day(20)},9`,
        `${second},${skuId},LONG-LIFE,${day(90)},3`,
      ].join('\n'),
    );
    expect((await waveOf(skuId, 2)).lines).toEqual([
      { binCode: second, lot: 'LONG-LIFE', expiry: day(90), qty: 2 },
    ]);
  });

  it('imports opening balances all or nothing, naming each bad row and field', async () => {
    const { skuId, bins } = await aLotTrackedSku(2);
    const ledgerRows = async () =>
      (
        await queryRows<{ n: number }>(
          fx.database.db,
          sql`select count(*)::int as n from stock_movements`,
        )
      )[0]?.n;
    const before = await ledgerRows();
    const refused = await importCsv(
      [
        'bin_code,sku_id,lot,expiry,qty',
        `${bins[0]!.code},${skuId},L1,${day(30)},4`,
        `Z-99-99,${skuId},L1,${day(30)},4`,
        `${bins[1]!.code},${skuId},,${day(30)},4`,
        `${bins[2]!.code},${skuId},L2,2026-02-30,0`,
      ].join('\n'),
    );
    expect(refused.status).toBe(400);
    expect((await bodyOf<{ error: { fields: unknown[] } }>(refused)).error.fields).toEqual([
      { path: 'rows.4.expiry', message: expect.any(String) },
      { path: 'rows.4.qty', message: expect.any(String) },
      { path: 'rows.2.bin_code', message: 'no bin Z-99-99 in this warehouse' },
      { path: 'rows.3.lot', message: `${skuId} is lot-tracked: give the lot` },
    ]);
    expect(await ledgerRows()).toBe(before);

    const loaded = await importCsv(
      ['bin_code,sku_id,lot,expiry,qty', `${bins[0]!.code},${skuId},L1,${day(30)},4`].join('\n'),
    );
    expect(await bodyOf(loaded)).toEqual({
      imported: 1,
      rows: [{ row: 1, binCode: bins[0]!.code, skuId, lot: 'L1', qty: 4 }],
    });
    // Loading the same bin again is refused: corrections go through adjustments.
    const again = await importCsv(
      ['bin_code,sku_id,lot,expiry,qty', `${bins[0]!.code},${skuId},L1,${day(30)},4`].join('\n'),
    );
    expect(again.status).toBe(400);
  });

  it('reads an opening-balance file as Chinese Excel saves it (GBK, CRLF): the lot is stored as written', async () => {
    const { skuId, bins } = await aLotTrackedSku(6);
    const gbk = iconv.encode(
      [
        'bin_code,sku_id,lot,expiry,qty',
        `${bins[0]!.code},${skuId},批次甲-十二月,${day(60)},7`,
      ].join('\r\n') + '\r\n',
      'gbk',
    );
    const res = await fx.app.request('/api/inventory/opening-balances.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${supervisor}` },
      body: gbk,
    });
    expect(res.status).toBe(201);
    const stored = await queryRows<{ lot: string; qty: number }>(
      fx.database.db,
      sql`select s.lot, s.qty from stock s join bins b on b.id = s.bin_id
          where s.sku_id = ${skuId} and b.code = ${bins[0]!.code} and b.warehouse_id = 'GZ'`,
    );
    expect(stored).toEqual([{ lot: '批次甲-十二月', qty: 7 }]);
  });

  it('receives a lot-tracked SKU into its lot, the expiry from its shelf life; without a lot, 400 naming lot', async () => {
    const { skuId, bins } = await aLotTrackedSku(4);
    await fx.database.db.execute(sql`update skus set shelf_life_days = 90 where id = ${skuId}`);
    const receipt = await bodyOf<{ id: string }>(
      await postJson(
        fx.app,
        '/api/inventory/receipts',
        { warehouseId: 'GZ', skuId, qty: 6, expectedAt: '2026-11-25T00:00:00Z' },
        key,
      ),
    );
    const receive = (body: unknown) =>
      postJson(fx.app, `/api/inventory/receipts/${receipt.id}/receive`, body, key);
    const refused = await receive({ binCode: bins[0]!.code });
    expect(refused.status).toBe(400);
    expect((await bodyOf<{ error: { fields: unknown[] } }>(refused)).error.fields).toEqual([
      { path: 'lot', message: 'required for a lot-tracked SKU' },
    ]);
    expect((await receive({ binCode: bins[0]!.code, lot: 'R1' })).status).toBe(200);
    const slots = await queryRows<{ lot: string; expiry: string; qty: number }>(
      fx.database.db,
      sql`select lot, to_char(expiry, 'YYYY-MM-DD') as expiry, qty from stock
          where warehouse_id = 'GZ' and sku_id = ${skuId} and qty <> 0`,
    );
    expect(slots).toEqual([{ lot: 'R1', expiry: day(90), qty: 6 }]);
    expect(await reconciliation()).toMatchObject({ drifts: [], ledgerDrifts: [] });
  });

  it('moves, lot corrections, quarantine and adjustments go through the ledger; the pool follows', async () => {
    const { skuId, bins } = await aLotTrackedSku(3);
    const [a, b] = bins.map((bin) => bin.code);
    await importCsv(
      ['bin_code,sku_id,lot,expiry,qty', `${a},${skuId},L1,${day(30)},10`].join('\n'),
    );
    const was = await physical(skuId);

    const moved = await postJson(
      fx.app,
      '/api/inventory/moves',
      { fromBinCode: a, toBinCode: b, skuId, lot: 'L1', qty: 4 },
      supervisor,
    );
    expect(moved.status).toBe(201);
    const corrected = await postJson(
      fx.app,
      '/api/inventory/moves',
      { fromBinCode: b, toBinCode: b, skuId, lot: 'L1', qty: 1, toLot: 'L1B', toExpiry: day(20) },
      supervisor,
    );
    expect(await bodyOf(corrected)).toMatchObject({ reason: 'lot-correction', toLot: 'L1B' });
    const quarantined = await postJson(
      fx.app,
      '/api/inventory/moves',
      { fromBinCode: a, toBinCode: a, skuId, lot: 'L1', qty: 2, toStatus: 'quarantined' },
      supervisor,
    );
    expect(quarantined.status).toBe(201);
    const tooMany = await postJson(
      fx.app,
      '/api/inventory/moves',
      { fromBinCode: a, toBinCode: b, skuId, lot: 'L1', qty: 5 },
      supervisor,
    );
    expect(tooMany.status).toBe(409);
    const adjusted = await postJson(
      fx.app,
      '/api/inventory/adjustments',
      { binCode: b, skuId, lot: 'L1', delta: -1, reasonCode: 'damaged', note: 'crushed' },
      supervisor,
    );
    expect(await bodyOf(adjusted)).toMatchObject({ before: 3, after: 2 });
    const picker = (await aLoggedInDevice(fx.app, 'P-0001')).token;
    expect(
      (
        await postJson(
          fx.app,
          '/api/inventory/adjustments',
          { binCode: b, skuId, lot: 'L1', delta: 5, reasonCode: 'found' },
          picker,
        )
      ).status,
    ).toBe(403);

    const slots = await queryRows<{ code: string; lot: string; status: string; qty: number }>(
      fx.database.db,
      sql`select b.code, s.lot, s.status, s.qty from stock s join bins b on b.id = s.bin_id
          where s.warehouse_id = 'GZ' and s.sku_id = ${skuId} and s.qty <> 0
          order by b.path_seq, s.lot, s.status`,
    );
    expect(slots).toEqual([
      { code: a, lot: 'L1', status: 'available', qty: 4 },
      { code: a, lot: 'L1', status: 'quarantined', qty: 2 },
      { code: b, lot: 'L1', status: 'available', qty: 2 },
      { code: b, lot: 'L1B', status: 'available', qty: 1 },
    ]);
    // Quarantined (2) and written off (1) leave the pool; moves and lot corrections do not.
    expect(await physical(skuId)).toBe((was ?? 0) - 3);
    expect(await reconciliation()).toMatchObject({ drifts: [], ledgerDrifts: [] });

    const history = await bodyOf<{ entries: { reason: string; delta: number }[] }>(
      await fx.app.request(`/api/inventory/history/${skuId}`, {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
    expect(history.entries.slice(0, 7).map((e) => `${e.reason} ${e.delta}`)).toEqual([
      'adjust -1',
      'move 2',
      'move -2',
      'lot-correction 1',
      'lot-correction -1',
      'move 4',
      'move -4',
    ]);
    expect(history.entries[0]).toMatchObject({ reasonCode: 'damaged', note: 'crushed' });
  });
});
