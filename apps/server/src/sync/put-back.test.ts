import type { PickLine } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aPutBack } from '../testing/handheld-events';
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

describe.each(testDatabases())('put back after an order is pulled on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let supervisor = '';
  let picker: TestDevice;
  let lines: PickLine[] = [];
  let cursor = '';
  beforeAll(async () => {
    supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    picker = await aLoggedInDevice(fx.app, 'P-0001');
    const first = await pull(fx.app, picker);
    lines = first.lines;
    cursor = first.cursor;
  });

  const binStock = async (line: PickLine) => {
    const [row] = await queryRows<{ qty: number }>(
      fx.database.db,
      sql`select s.qty from stock s join bins b on b.id = s.bin_id
          where b.warehouse_id = 'GZ' and b.code = ${line.binCode} and s.sku_id = ${line.skuId}`,
    );
    return row?.qty ?? 0;
  };
  const putBackLedger = async (line: PickLine) => {
    const rows = await queryRows<{ delta: number }>(
      fx.database.db,
      sql`select m.delta from stock_movements m join bins b on b.id = m.bin_id
          where b.code = ${line.binCode} and m.sku_id = ${line.skuId} and m.reason = 'put-back'
          order by m.id`,
    );
    return rows.map((r) => r.delta);
  };
  const hold = async (orderId: string) => {
    const res = await postJson(
      fx.app,
      `/api/holds/orders/${orderId}`,
      { reason: 'customer asked to stop' },
      supervisor,
    );
    expect(res.status).toBe(200);
  };

  it('credits the bin with what was picked for a held order, late picks included, once', async () => {
    const line = lines.find((l) => l.status === 'open' && l.qty >= 2);
    if (!line) throw new Error('the demo wave has a line of 2 or more');
    const before = await binStock(line);
    expect((await push(fx.app, picker, [aPick(picker, line, 1)])).status).toBe(200);
    await hold(line.orderId);
    const pulled = (await pull(fx.app, picker, cursor)).lines.find((l) => l.id === line.id);
    expect(pulled).toMatchObject({ status: 'cancelled', pickedQty: 1 });
    expect(await binStock(line)).toBe(before - 1);

    // One more unit picked offline before the device learnt of the hold, then "Done, all put back".
    const late = aPick(picker, line, 1);
    const putBack = aPutBack(picker, [{ line, qty: 2, lot: 'L2411A' }]);
    const sent = await push(fx.app, picker, [late, putBack]);
    expect(sent.body.results.map((r) => r.outcome)).toEqual(['over-pick', 'applied']);
    expect(await binStock(line)).toBe(before);
    expect(await putBackLedger(line)).toEqual([2]);

    // The same push again (lost reply) and a second notice naming the same line change nothing.
    expect((await push(fx.app, picker, [late, putBack])).body.results).toEqual(sent.body.results);
    const again = await push(fx.app, picker, [aPutBack(picker, [{ line, qty: 2 }])]);
    expect(again.body.results.map((r) => r.outcome)).toEqual(['applied']);
    expect(await binStock(line)).toBe(before);
    expect(await putBackLedger(line)).toEqual([2]);

    const trace = await bodyOf<{ timeline: { kind: string; detail: Record<string, unknown> }[] }>(
      await fx.app.request(`/api/orders/${line.orderId}/trace`, {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
    expect(trace.timeline.filter((t) => t.kind === 'put-back').map((t) => t.detail)).toEqual([
      {
        eventId: putBack.id,
        waveId: line.waveId,
        userId: picker.userId,
        credited: [
          { pickLineId: line.id, binCode: line.binCode, skuId: line.skuId, qty: 2, lot: 'L2411A' },
        ],
      },
      {
        eventId: expect.any(String),
        waveId: line.waveId,
        userId: picker.userId,
        credited: [],
      },
    ]);
  });

  it('never credits units still going to their order', async () => {
    const line = lines.find((l) => l.status === 'open' && l.qty === 1);
    if (!line) throw new Error('the demo wave has a line of 1');
    const before = await binStock(line);
    const sent = await push(fx.app, picker, [
      aPick(picker, line, 1),
      aPutBack(picker, [{ line, qty: 1 }]),
    ]);
    expect(sent.body.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    expect(await binStock(line)).toBe(before - 1);
    expect(await putBackLedger(line)).toEqual([]);
  });

  it('stores a put-back naming no line of the warehouse as unknown-line, crediting nothing', async () => {
    const line = lines[0];
    if (!line) throw new Error('the demo wave has lines');
    const before = await binStock(line);
    const sent = await push(fx.app, picker, [
      aPutBack(picker, [{ line: { ...line, id: 'PL-NOPE' }, qty: 3 }]),
    ]);
    expect(sent.body.results.map((r) => r.outcome)).toEqual(['unknown-line']);
    expect(await binStock(line)).toBe(before);
  });
});
