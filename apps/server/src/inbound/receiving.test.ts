import { randomUUID } from 'node:crypto';
import { availableQty } from '@wms/domain';
import type { InboundNotice, InboundWork, Reconciliation } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import {
  aPutAway,
  aQcDecision,
  aReceipt,
  anInboundSku,
  poolOf,
  slotsOf,
} from '../testing/inbound-fixtures';
import {
  type TestDevice,
  aLoggedInDevice,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/**
 * Receiving, QC and put-away as handheld events (issue 23): two devices on one notice, the pool's
 * inbound, physical and available at each step, exactly once.
 */
describe.each(testDatabases())('receiving on the handheld on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let supervisor = '';
  let first: TestDevice;
  let second: TestDevice;
  let notice: InboundNotice;
  const OIL = 'SKU-RC-OIL';
  const LAMP = 'SKU-RC-LAMP';
  const pool = async (skuId: string) => {
    const row = await poolOf(fx.database.db, 'GZ', skuId);
    return { ...row, available: availableQty({ ...row, inboundCoefficientBp: 8000 }) };
  };
  const work = async (device: TestDevice) =>
    bodyOf<InboundWork>(
      await fx.app.request('/api/inbound/work', {
        headers: { authorization: `Bearer ${device.token}` },
      }),
    );

  beforeAll(async () => {
    const db = fx.database.db;
    supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    first = await aLoggedInDevice(fx.app, 'P-0001');
    second = await aLoggedInDevice(fx.app, 'P-0002');
    await anInboundSku(db, OIL, { lotTracked: true, nameZh: '全合成机油 4L' });
    await anInboundSku(db, LAMP, { qcRequired: true, nameZh: '汽车大灯总成' });
    const res = await postJson(
      fx.app,
      '/api/inbound/notices',
      {
        code: 'ASN-2612-0777',
        expectedDate: '2026-12-08',
        lines: [
          { skuId: OIL, expectedQty: 10 },
          { skuId: LAMP, expectedQty: 6 },
        ],
      },
      supervisor,
    );
    notice = await bodyOf<InboundNotice>(res);
  });

  it('two devices receiving one notice add up; the over-receipt shows; a replay changes nothing', async () => {
    const [oil, lamp] = notice.lines;
    expect(await pool(OIL)).toEqual({ physical: 0, reserved: 0, inbound: 10, available: 8 });
    const a = aReceipt(first, {
      noticeId: notice.id,
      lineId: oil!.id,
      skuId: OIL,
      qty: 6,
      lot: 'L2612A',
      expiry: '2027-12-31',
    });
    const b = aReceipt(second, {
      noticeId: notice.id,
      lineId: oil!.id,
      skuId: OIL,
      qty: 6,
      lot: 'L2612A',
      expiry: '2027-12-31',
      reason: 'supplier-sent-more',
    });
    const c = aReceipt(second, { noticeId: notice.id, lineId: lamp!.id, skuId: LAMP, qty: 5 });
    expect((await push(fx.app, first, [a])).body.results).toEqual([{ seq: 1, outcome: 'applied' }]);
    const pushed = await push(fx.app, second, [b, c]);
    expect(pushed.body.results).toEqual([
      { seq: 1, outcome: 'over-receipt' },
      { seq: 2, outcome: 'applied' },
    ]);
    // The reply was lost: the device sends the same events again.
    expect((await push(fx.app, second, [b, c])).body).toEqual(pushed.body);
    const after = await work(first);
    const lines = after.notices.find((n) => n.id === notice.id)!.lines;
    expect(lines.map((l) => [l.skuId, l.expectedQty, l.receivedQty])).toEqual([
      [OIL, 10, 12],
      [LAMP, 6, 5],
    ]);
    // 12 oil received: physical (not pickable), nothing more expected.
    expect(await pool(OIL)).toEqual({ physical: 12, reserved: 0, inbound: 0, available: 12 });
    expect(await slotsOf(fx.database.db, 'GZ', OIL)).toEqual([
      { binCode: 'RV-00-01', lot: 'L2612A', status: 'received-not-put-away', qty: 12 },
    ]);
    // 5 lamps received for QC; 1 still expected.
    expect(await pool(LAMP)).toEqual({ physical: 5, reserved: 0, inbound: 1, available: 5 });
    expect(await slotsOf(fx.database.db, 'GZ', LAMP)).toEqual([
      { binCode: 'RV-00-01', lot: null, status: 'awaiting-qc', qty: 5 },
    ]);
    expect(after.tasks.map((t) => [t.id, t.kind, t.skuId, t.qty, t.lot]).sort()).toEqual(
      [
        [a.id, 'put-away', OIL, 6, 'L2612A'],
        [b.id, 'put-away', OIL, 6, 'L2612A'],
        [c.id, 'qc', LAMP, 5, null],
      ].sort(),
    );
    const [stored] = await queryRows<{ n: number }>(
      fx.database.db,
      sql`select count(*)::int as n from scan_events where type = 'inbound-received@1'`,
    );
    expect(stored!.n).toBe(3);
  });

  it('QC passes part and fails part: only the passed units wait for put-away, the rest in quarantine', async () => {
    const qcTask = (await work(first)).tasks.find((t) => t.kind === 'qc')!;
    const decision = aQcDecision(first, qcTask.id, 3, 2, '灯罩划伤');
    expect((await push(fx.app, first, [decision])).body.results).toEqual([
      { seq: decision.seq, outcome: 'applied' },
    ]);
    expect(await slotsOf(fx.database.db, 'GZ', LAMP)).toEqual([
      { binCode: 'RV-00-01', lot: null, status: 'quarantined', qty: 2 },
      { binCode: 'RV-00-01', lot: null, status: 'received-not-put-away', qty: 3 },
    ]);
    // The failed units left physical; one lamp is still expected.
    expect(await pool(LAMP)).toEqual({ physical: 3, reserved: 0, inbound: 1, available: 3 });
    const tasks = (await work(first)).tasks.filter((t) => t.skuId === LAMP);
    expect(tasks.map((t) => [t.id, t.kind, t.qty])).toEqual([[decision.id, 'put-away', 3]]);
  });

  it('put-away moves exactly the units into the scanned bin, available only now', async () => {
    const tasks = (await work(first)).tasks.filter((t) => t.kind === 'put-away');
    const lampTask = tasks.find((t) => t.skuId === LAMP)!;
    const oilTasks = tasks.filter((t) => t.skuId === OIL);
    expect(lampTask.suggestedBinCode).toMatch(/^[A-C]-\d{2}-\d{2}$/);
    const events = [
      aPutAway(second, lampTask.id, lampTask.suggestedBinCode!, 3),
      aPutAway(second, oilTasks[0]!.id, 'C-06-12', 6, 'bin-full'),
      aPutAway(second, oilTasks[1]!.id, 'C-06-12', 6, 'bin-full'),
    ];
    const res = await push(fx.app, second, events);
    expect(res.body.results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
    expect(await slotsOf(fx.database.db, 'GZ', LAMP)).toEqual([
      { binCode: lampTask.suggestedBinCode!, lot: null, status: 'available', qty: 3 },
      { binCode: 'RV-00-01', lot: null, status: 'quarantined', qty: 2 },
    ]);
    expect(await slotsOf(fx.database.db, 'GZ', OIL)).toEqual([
      { binCode: 'C-06-12', lot: 'L2612A', status: 'available', qty: 12 },
    ]);
    // Put-away moves units between statuses of the building: the pool stays as it was.
    expect(await pool(OIL)).toEqual({ physical: 12, reserved: 0, inbound: 0, available: 12 });
    expect(await pool(LAMP)).toEqual({ physical: 3, reserved: 0, inbound: 1, available: 3 });
    expect((await work(first)).tasks).toEqual([]);
    const check = await bodyOf<Reconciliation>(
      await fx.app.request('/api/inventory/reconciliation', {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
    expect(check.drifts.filter((d) => [OIL, LAMP].includes(d.skuId))).toEqual([]);
    expect(check.ledgerDrifts).toEqual([]);
  });

  it('closing the notice short takes what is not coming out of the pool and flags it for review', async () => {
    const closed = await bodyOf<InboundNotice>(
      await postJson(
        fx.app,
        `/api/inbound/notices/${notice.id}/close`,
        { reason: 'supplier-sent-less' },
        supervisor,
      ),
    );
    expect(closed).toMatchObject({ status: 'closed', needsReview: true });
    expect(await pool(LAMP)).toEqual({ physical: 3, reserved: 0, inbound: 0, available: 3 });
  });

  it('a blind receipt opens a blind notice flagged for review, its lines made by the scans', async () => {
    const noticeId = randomUUID();
    const events = [
      aReceipt(first, {
        noticeId,
        skuId: LAMP,
        qty: 2,
        blind: { supplierId: 'SUP-NONE' },
        reason: 'not-on-notice',
      }),
      aReceipt(first, { noticeId, skuId: LAMP, qty: 1, damaged: true }),
    ];
    const res = await push(fx.app, first, events);
    expect(res.body.results.map((r) => r.outcome)).toEqual(['over-receipt', 'over-receipt']);
    const blind = await bodyOf<InboundNotice>(
      await fx.app.request(`/api/inbound/notices/${noticeId}`, {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
    expect(blind).toMatchObject({ kind: 'blind', needsReview: true, supplierId: null });
    expect(blind.lines.map((l) => [l.skuId, l.expectedQty, l.receivedQty, l.damagedQty])).toEqual([
      [LAMP, 0, 3, 1],
    ]);
    // The damaged unit is set apart: not physical, no task.
    expect(await pool(LAMP)).toEqual({ physical: 5, reserved: 0, inbound: 0, available: 5 });
  });

  it('another warehouse cannot receive against this notice', async () => {
    const chengdu = await aLoggedInDevice(fx.app, 'P-0003');
    const res = await push(fx.app, chengdu, [
      aReceipt(chengdu, { noticeId: notice.id, skuId: OIL, qty: 1, lot: 'X1' }),
    ]);
    expect(res.body.results).toEqual([{ seq: 1, outcome: 'unknown-line' }]);
    expect(await pool(OIL)).toEqual({ physical: 12, reserved: 0, inbound: 0, available: 12 });
  });
});
