import { availableQty } from '@wms/domain';
import type { InboundWork } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aReturnGrade, poolOf, slotsOf } from '../testing/inbound-fixtures';
import {
  type TestDevice,
  aLoggedInDevice,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

interface Trace {
  order: { status: string };
  timeline: { kind: string; detail: Record<string, unknown> }[];
  afterSales: Record<string, unknown> | null;
}

/**
 * Returns graded on the handheld (issue 23): each unit resellable (put away), damaged
 * (quarantine) or wrong item (an exception), exactly once, with the refund rule of decision 021
 * in the sale's after-sales.
 */
describe.each(testDatabases())('returns graded on the handheld on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const SKU = 'SKU-00250';
  const PRICE = 12_900;
  let supervisor = '';
  let picker: TestDevice;
  let saleId = '';
  let returnId = '';
  const pool = async () => {
    const row = await poolOf(fx.database.db, 'GZ', SKU);
    return { ...row, available: availableQty({ ...row, inboundCoefficientBp: 8000 }) };
  };
  const trace = async (orderId: string) =>
    bodyOf<Trace>(
      await fx.app.request(`/api/orders/${orderId}/trace`, {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
  const returnNotice = async (device: TestDevice) => {
    const work = await bodyOf<InboundWork>(
      await fx.app.request('/api/inbound/work', {
        headers: { authorization: `Bearer ${device.token}` },
      }),
    );
    return work.notices.find((n) => n.orderId === returnId);
  };

  beforeAll(async () => {
    const key = await anIntegrationKey(fx.database.db);
    supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    picker = await aLoggedInDevice(fx.app, 'P-0001');
    const buyer = {
      customerId: 'jd-buyer-0311',
      consignee: { name: '黄丽娟', phone: '13822220311' },
      address: {
        province: '广东省',
        city: '广州市',
        district: '天河区',
        detail: '体育西路 103 号',
      },
    };
    const send = async (order: ReturnType<typeof anOrder>) =>
      bodyOf<{ orderId: string; warehouseId: string }>(
        await postJson(fx.app, '/api/orders', order, key),
      );
    const sale = await send(
      anOrder({
        ...buyer,
        paidCents: 3 * PRICE,
        lines: [{ skuId: SKU, qty: 3, unitPriceCents: PRICE }],
      }),
    );
    expect(sale.warehouseId).toBe('GZ');
    saleId = sale.orderId;
    returnId = (
      await send(
        anOrder({
          ...buyer,
          orderType: 'return',
          originalOrderId: saleId,
          paidCents: 0,
          lines: [{ skuId: SKU, qty: 3, unitPriceCents: PRICE }],
        }),
      )
    ).orderId;
  });

  it('nothing is refunded before the goods are graded', async () => {
    expect((await trace(returnId)).order.status).toBe('awaiting-return');
    expect((await trace(saleId)).afterSales).toMatchObject({
      returnedCents: 3 * PRICE,
      refundableCents: 0,
      refundHeldCents: 0,
      refundAwaitingCents: 3 * PRICE,
      refundDueCents: 0,
    });
  });

  it('one unit of each grade: put-away, quarantine, an exception; a replay changes nothing', async () => {
    const notice = (await returnNotice(picker))!;
    expect(notice).toMatchObject({ kind: 'return', code: `RT-${returnId.toUpperCase()}` });
    const line = notice.lines[0]!;
    const before = await pool();
    const events = [
      aReturnGrade(picker, { noticeId: notice.id, lineId: line.id, qty: 1, grade: 'resellable' }),
      aReturnGrade(picker, { noticeId: notice.id, lineId: line.id, qty: 1, grade: 'damaged' }),
      aReturnGrade(picker, {
        noticeId: notice.id,
        lineId: line.id,
        qty: 1,
        grade: 'wrong-item',
        scannedCode: '06970000000001',
      }),
    ];
    const pushed = await push(fx.app, picker, events);
    expect(pushed.body.results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
    // The reply was lost: the same events again change nothing and get the same answer.
    expect((await push(fx.app, picker, events)).body).toEqual(pushed.body);

    const graded = (await returnNotice(picker))!.lines[0]!;
    expect([graded.receivedQty, graded.damagedQty, graded.wrongItemQty]).toEqual([2, 1, 1]);
    expect(await slotsOf(fx.database.db, 'GZ', SKU)).toEqual(
      expect.arrayContaining([
        { binCode: 'RV-00-01', lot: null, status: 'quarantined', qty: 1 },
        { binCode: 'RV-00-01', lot: null, status: 'received-not-put-away', qty: 1 },
      ]),
    );
    // Two of the three came as graded: out of inbound; the resellable one is physical, the
    // damaged one is not; the wrong item's right unit is still expected.
    expect(await pool()).toEqual({
      physical: before.physical + 1,
      reserved: before.reserved,
      inbound: before.inbound - 2,
      available: availableQty({
        physical: before.physical + 1,
        reserved: before.reserved,
        inbound: before.inbound - 2,
        inboundCoefficientBp: 8000,
      }),
    });
    const work = await bodyOf<InboundWork>(
      await fx.app.request('/api/inbound/work', {
        headers: { authorization: `Bearer ${picker.token}` },
      }),
    );
    expect(
      work.tasks.filter((t) => t.noticeId === notice.id).map((t) => [t.id, t.kind, t.qty]),
    ).toEqual([[events[0]!.id, 'put-away', 1]]);
    const exceptions = await queryRows<{ kind: string; qty: number; message: string }>(
      fx.database.db,
      sql`select kind, qty, message from exceptions where event_id = ${events[2]!.id}::uuid`,
    );
    expect(exceptions).toEqual([
      {
        kind: 'return-wrong-item',
        qty: 1,
        message: `Return ${notice.code} (order ${returnId}): 1 × ${SKU} expected, came 06970000000001: decide the refund and where it goes (退货错货)`,
      },
    ]);
  });

  it("the return's trace shows each grade; the sale's after-sales credits resellable and damaged, holds the wrong item", async () => {
    const steps = (await trace(returnId)).timeline.filter((s) => s.kind === 'return-graded');
    expect(steps.map((s) => [s.detail.grade, s.detail.qty, s.detail.creditedCents])).toEqual([
      ['resellable', 1, PRICE],
      ['damaged', 1, PRICE],
      ['wrong-item', 1, 0],
    ]);
    // Every unit came in and was graded: the return is no longer awaited.
    const returned = await trace(returnId);
    expect(returned.order.status).toBe('returned');
    expect(returned.timeline.filter((s) => s.kind === 'returned').map((s) => s.detail)).toEqual([
      { noticeCode: `RT-${returnId.toUpperCase()}` },
    ]);
    expect((await trace(saleId)).afterSales).toMatchObject({
      returnedCents: 3 * PRICE,
      refundableCents: 2 * PRICE,
      refundHeldCents: PRICE,
      refundAwaitingCents: 0,
      refundDueCents: 2 * PRICE,
    });
  });

  it("the wrong item's exception is resolved with its refund decided; the held refund is settled", async () => {
    const [wrong] = await queryRows<{ id: string }>(
      fx.database.db,
      sql`select id from exceptions where kind = 'return-wrong-item' and status = 'open'
          and message like ${`%order ${returnId}%`}`,
    );
    const queue = await bodyOf<{ items: { id: string; actions: string[] }[] }>(
      await fx.app.request('/api/exceptions/queue', {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
    expect(queue.items.find((i) => i.id === wrong!.id)?.actions).toEqual([
      'refund',
      'no-refund',
      'assign',
    ]);
    // No decision, no resolution: the refund must be decided.
    const undecided = await postJson(
      fx.app,
      `/api/exceptions/${wrong!.id}/resolve`,
      { note: '客户寄错货' },
      supervisor,
    );
    expect(undecided.status).toBe(400);
    expect(await undecided.json()).toMatchObject({
      error: { fields: [{ path: 'refund', message: expect.stringContaining('required') }] },
    });
    expect((await trace(saleId)).afterSales).toMatchObject({ refundHeldCents: PRICE });

    const decided = await postJson(
      fx.app,
      `/api/exceptions/${wrong!.id}/resolve`,
      { note: '客户寄错货,不退款', refund: false },
      supervisor,
    );
    expect(decided.status).toBe(200);
    expect((await trace(saleId)).afterSales).toMatchObject({
      returnedCents: 3 * PRICE,
      refundableCents: 2 * PRICE,
      refundHeldCents: 0,
      refundAwaitingCents: 0,
      refundDueCents: 2 * PRICE,
    });
    const steps = (await trace(returnId)).timeline.filter(
      (t) => t.kind === 'return-refund-decided',
    );
    expect(steps.map((t) => [t.detail.qty, t.detail.refund, t.detail.creditedCents])).toEqual([
      [1, false, 0],
    ]);
    // Resolved once: deciding again finds no open exception.
    const again = await postJson(
      fx.app,
      `/api/exceptions/${wrong!.id}/resolve`,
      { refund: true },
      supervisor,
    );
    expect(again.status).toBe(404);
    expect((await trace(saleId)).afterSales).toMatchObject({ refundableCents: 2 * PRICE });
  });

  it("another warehouse's device grading this return moves nothing", async () => {
    const notice = (await returnNotice(picker))!;
    const chengdu = await aLoggedInDevice(fx.app, 'P-0003');
    const before = await pool();
    const res = await push(fx.app, chengdu, [
      aReturnGrade(chengdu, {
        noticeId: notice.id,
        lineId: notice.lines[0]!.id,
        qty: 1,
        grade: 'resellable',
      }),
    ]);
    expect(res.body.results).toEqual([{ seq: 1, outcome: 'unknown-line' }]);
    expect(await pool()).toEqual(before);
    expect((await returnNotice(picker))!.lines[0]!.receivedQty).toBe(2);
  });
});
