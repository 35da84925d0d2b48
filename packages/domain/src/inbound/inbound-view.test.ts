import type { InboundWork, ScanEvent } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { inboundView } from './inbound-view';

const NOTICE = '0b5a0f0e-8c1d-4b9e-9d55-6f1c2a000001';
const OIL_LINE = '0b5a0f0e-8c1d-4b9e-9d55-6f1c2a000002';
const LAMP_LINE = '0b5a0f0e-8c1d-4b9e-9d55-6f1c2a000003';
const line = (id: string, skuId: string, qcRequired: boolean, lotTracked: boolean) => ({
  id,
  lineNo: 1,
  skuId,
  skuName: skuId,
  skuNameZh: '配件',
  barcodes: [],
  expectedQty: 10,
  receivedQty: 0,
  damagedQty: 0,
  lotTracked,
  qcRequired,
  wrongItemQty: 0,
});
const WORK: InboundWork = {
  notices: [
    {
      id: NOTICE,
      code: 'ASN-2612-0777',
      warehouseId: 'GZ',
      kind: 'purchase',
      supplierId: null,
      orderId: null,
      expectedDate: '2026-12-08',
      status: 'open',
      needsReview: false,
      lines: [line(OIL_LINE, 'SKU-OIL', false, true), line(LAMP_LINE, 'SKU-LAMP', true, false)],
    },
  ],
  tasks: [],
  suppliers: [
    { id: 'SUP-FS-LIGHT', name: 'Foshan Lighting', nameZh: '佛山照明', qcRequired: true },
  ],
  skus: [
    {
      id: 'SKU-WIPER',
      name: 'Wiper blade',
      nameZh: '雨刮片',
      barcodes: ['06901234500017'],
      lotTracked: false,
      qcRequired: false,
    },
  ],
};
let seq = 0;
const event = (
  type: string,
  payload: object,
  id = `0b5a0f0e-8c1d-4b9e-9d55-6f1c2a1000${String(seq + 10)}`,
) =>
  ({
    id,
    seq: ++seq,
    type,
    deviceTime: '2026-12-06T08:00:00.000Z',
    userId: 'u-gz-p1',
    assignmentVersion: 0,
    payload,
  }) as ScanEvent;

describe('inboundView', () => {
  it('replays receipts, QC and put-away offline as the server will apply them', () => {
    const oil = event('inbound-received@1', {
      noticeId: NOTICE,
      lineId: OIL_LINE,
      skuId: 'SKU-OIL',
      qty: 6,
      lot: 'L1',
      damaged: false,
    });
    const lamp = event('inbound-received@1', {
      noticeId: NOTICE,
      skuId: 'SKU-LAMP',
      qty: 5,
      damaged: false,
    });
    const qc = event('qc-decided@1', { taskId: lamp.id, passedQty: 3, failedQty: 2 });
    const away = event('put-away@1', { taskId: oil.id, binCode: 'A-01-01', qty: 6 });
    const view = inboundView(WORK, [oil, lamp, qc, away]);
    expect(view.notices[0]!.lines.map((l) => l.receivedQty)).toEqual([6, 5]);
    expect(view.tasks.map((t) => [t.id, t.kind, t.skuId, t.qty, t.doneQty])).toEqual([
      [qc.id, 'put-away', 'SKU-LAMP', 3, 0],
    ]);
    expect(WORK.notices[0]!.lines[0]!.receivedQty).toBe(0);
  });

  it('a return graded offline: resellable waits for put-away, damaged counts apart, a wrong item counts on its own', () => {
    const RETURN = '0b5a0f0e-8c1d-4b9e-9d55-6f1c2a000009';
    const work: InboundWork = {
      ...WORK,
      notices: [
        {
          ...WORK.notices[0]!,
          id: RETURN,
          code: 'RT-SO-20261206-01',
          kind: 'return',
          lines: [{ ...line(LAMP_LINE, 'SKU-LAMP', false, false), expectedQty: 3 }],
        },
      ],
    };
    const grade = (grade: string, qty: number) =>
      event('return-graded@1', { noticeId: RETURN, lineId: LAMP_LINE, qty, grade });
    const resellable = grade('resellable', 1);
    const view = inboundView(work, [resellable, grade('damaged', 1), grade('wrong-item', 1)]);
    expect(view.notices[0]!.lines[0]).toMatchObject({
      receivedQty: 2,
      damagedQty: 1,
      wrongItemQty: 1,
    });
    expect(view.tasks.map((t) => [t.id, t.kind, t.skuId, t.qty])).toEqual([
      [resellable.id, 'put-away', 'SKU-LAMP', 1],
    ]);
  });

  it('a blind receipt opens its notice flagged for review; its scans make the lines', () => {
    const BLIND = '7d1e2f30-8c1d-4b9e-9d55-6f1c2a000010';
    const first = event('inbound-received@1', {
      noticeId: BLIND,
      skuId: 'SKU-WIPER',
      qty: 4,
      damaged: false,
      blind: { supplierId: 'SUP-FS-LIGHT' },
    });
    const again = event('inbound-received@1', {
      noticeId: BLIND,
      skuId: 'SKU-WIPER',
      qty: 2,
      damaged: false,
    });
    const unknown = event('inbound-received@1', {
      noticeId: BLIND,
      skuId: 'SKU-NOT-IN-CATALOGUE',
      qty: 1,
      damaged: false,
    });
    const view = inboundView(WORK, [first, again, unknown]);
    const blind = view.notices.find((n) => n.id === BLIND)!;
    expect(blind).toMatchObject({
      code: 'BL-7D1E2F30',
      kind: 'blind',
      supplierId: 'SUP-FS-LIGHT',
      needsReview: true,
    });
    expect(blind.lines.map((l) => [l.skuId, l.expectedQty, l.receivedQty, l.qcRequired])).toEqual([
      ['SKU-WIPER', 0, 6, true],
    ]);
    // The supplier's deliveries go to QC: two QC tasks, one per receipt.
    expect(view.tasks.map((t) => [t.id, t.kind, t.qty])).toEqual([
      [first.id, 'qc', 4],
      [again.id, 'qc', 2],
    ]);
  });
});
