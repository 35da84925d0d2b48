import type { MoveSlot, MoveWork, Reconciliation, StockHistoryEntry } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aStockMove } from '../testing/handheld-events';
import {
  type TestDevice,
  aLoggedInDevice,
  aSeededAppPerFile,
  bodyOf,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('moves on the handheld (stock-moved@1) on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let picker: TestDevice;
  let supervisor: TestDevice;
  beforeAll(async () => {
    picker = await aLoggedInDevice(fx.app, 'P-0001');
    supervisor = await aLoggedInDevice(fx.app, 'S-0001');
  });

  const get = async <T>(path: string, token = supervisor.token) =>
    bodyOf<T>(await fx.app.request(path, { headers: { authorization: `Bearer ${token}` } }));
  const moveWork = () => get<MoveWork>('/api/moves/work', picker.token);
  const slotQty = async (binCode: string, skuId: string, lot: string | null) =>
    (
      await queryRows<{ qty: number }>(
        fx.database.db,
        sql`select coalesce(sum(s.qty), 0)::int as qty from stock s join bins b on b.id = s.bin_id
            where b.warehouse_id = 'GZ' and b.code = ${binCode} and s.sku_id = ${skuId}
              and s.status = 'available' and s.lot is not distinct from ${lot}`,
      )
    )[0]!.qty;
  const physical = async (skuId: string) =>
    (
      await queryRows<{ physical: number }>(
        fx.database.db,
        sql`select physical from inventory_pool where warehouse_id = 'GZ' and sku_id = ${skuId}`,
      )
    )[0]?.physical;
  /** A slot with `free` units to spare, and an active bin that holds nothing of its SKU. */
  async function aMovableSlot(minFree: number, lotTracked: boolean) {
    const work = await moveWork();
    const tracked = new Set(work.skus.filter((s) => s.lotTracked).map((s) => s.id));
    const slot = work.slots.find(
      (s) => s.free >= minFree && tracked.has(s.skuId) === lotTracked && s.free === s.qty,
    )!;
    const held = new Set(work.slots.filter((s) => s.skuId === slot.skuId).map((s) => s.binCode));
    const to = work.bins.filter((b) => !held.has(b.code)).at(-1)!.code;
    return { slot, to };
  }
  const moveOf = (device: TestDevice, slot: MoveSlot, to: string, qty: number) =>
    aStockMove(device, {
      fromBinCode: slot.binCode,
      toBinCode: to,
      skuId: slot.skuId,
      qty,
      ...(slot.lot ? { lot: slot.lot } : {}),
      ...(slot.expiry ? { expiry: slot.expiry } : {}),
    });

  it('a move is applied once: replayed after a lost reply, the stock moves no further', async () => {
    const { slot, to } = await aMovableSlot(3, false);
    const physicalBefore = await physical(slot.skuId);
    const event = moveOf(picker, slot, to, 2);
    const first = await push(fx.app, picker, [event]);
    const replay = await push(fx.app, picker, [event]);
    expect(first.body.results).toEqual([{ seq: event.seq, outcome: 'applied' }]);
    expect(replay.body).toEqual(first.body);
    expect(await slotQty(slot.binCode, slot.skuId, null)).toBe(slot.qty - 2);
    expect(await slotQty(to, slot.skuId, null)).toBe(2);
    // Between bins of the warehouse: the pool's physical stays.
    expect(await physical(slot.skuId)).toBe(physicalBefore);
    const { entries } = await get<{ entries: StockHistoryEntry[] }>(
      `/api/inventory/history/${slot.skuId}`,
    );
    const rows = entries.filter((e) => e.eventId === event.id);
    expect(rows.map((e) => `${e.binCode} ${e.delta} ${e.reason} ${e.userId}`).sort()).toEqual(
      [`${slot.binCode} -2 move u-gz-p1`, `${to} 2 move u-gz-p1`].sort(),
    );
    const check = await get<Reconciliation>('/api/inventory/reconciliation');
    expect([check.drifts, check.ledgerDrifts]).toEqual([[], []]);
    // The next download shows the units where they went.
    const after = await moveWork();
    expect(after.slots.find((s) => s.binCode === to && s.skuId === slot.skuId)?.qty).toBe(2);
  });

  it('a move of more than the bin has free is stored, answered move-refused, and moves nothing', async () => {
    const { slot, to } = await aMovableSlot(1, false);
    const event = moveOf(supervisor, slot, to, slot.free + 1);
    const res = await push(fx.app, supervisor, [event]);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{ seq: event.seq, outcome: 'move-refused' }]);
    expect(await slotQty(slot.binCode, slot.skuId, null)).toBe(slot.qty);
    expect(await slotQty(to, slot.skuId, null)).toBe(0);
    const stored = await queryRows<{ outcome: string }>(
      fx.database.db,
      sql`select outcome from scan_events where id = ${event.id}`,
    );
    expect(stored).toEqual([{ outcome: 'move-refused' }]);
    expect((await push(fx.app, supervisor, [event])).body.results[0]?.outcome).toBe('move-refused');
  });

  it('units planned for an open wave may not move: the move is refused', async () => {
    const work = await moveWork();
    const planned = work.slots.find((s) => s.free < s.qty)!;
    const event = moveOf(picker, planned, work.bins.at(-2)!.code, planned.free + 1);
    expect((await push(fx.app, picker, [event])).body.results[0]?.outcome).toBe('move-refused');
    expect(await slotQty(planned.binCode, planned.skuId, planned.lot)).toBe(planned.qty);
  });

  it('a lot correction moves the units to the lot the label really shows', async () => {
    const { slot, to } = await aMovableSlot(2, true);
    const event = aStockMove(picker, {
      fromBinCode: slot.binCode,
      toBinCode: to,
      skuId: slot.skuId,
      qty: 1,
      lot: slot.lot!,
      expiry: slot.expiry!,
      toLot: 'L2702B',
      toExpiry: '2027-02-28',
    });
    expect((await push(fx.app, picker, [event])).body.results[0]?.outcome).toBe('applied');
    expect(await slotQty(slot.binCode, slot.skuId, slot.lot)).toBe(slot.qty - 1);
    expect(await slotQty(to, slot.skuId, 'L2702B')).toBe(1);
    const rows = await queryRows<{ reason: string; lot: string; expiry: string }>(
      fx.database.db,
      sql`select reason, lot, to_char(expiry, 'YYYY-MM-DD') as expiry from stock_movements
          where event_id = ${event.id} order by delta`,
    );
    expect(rows).toEqual([
      { reason: 'lot-correction', lot: slot.lot, expiry: slot.expiry },
      { reason: 'lot-correction', lot: 'L2702B', expiry: '2027-02-28' },
    ]);
  });

  it('the move work is for floor staff: an admin is refused it', async () => {
    const admin = await aLoggedInDevice(fx.app, 'A-0001');
    const res = await fx.app.request('/api/moves/work', {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.status).toBe(403);
  });
});
