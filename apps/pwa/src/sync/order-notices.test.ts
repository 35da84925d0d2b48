import type { PickLine, ScanEvent } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { noticesForPulledOrders, putBackItems } from './order-notices';
import { aPickLine } from '../testing/a-pick-line';

const aLine = (id: string, orderId: string, over: Partial<PickLine> = {}): PickLine =>
  aPickLine({
    id,
    orderId,
    waveId: 'W1',
    skuId: 'SKU-1',
    skuName: 'Teapot',
    skuNameZh: '茶壶',
    barcodes: [],
    pathSeq: 10,
    ...over,
  });
const aPick = (seq: number, pickLineId: string, qty: number): ScanEvent => ({
  id: `e${seq}`,
  seq,
  type: 'pick@1',
  deviceTime: '2026-11-22T08:00:00.000Z',
  userId: 'u1',
  assignmentVersion: 1,
  payload: { pickLineId, waveId: 'W1', binCode: 'A-03-12', skuId: 'SKU-1', qty },
});
const codes = new Map([['W1', 'B26-07']]);
const teapot = { skuId: 'SKU-1', skuName: 'Teapot', skuNameZh: '茶壶' };

describe('noticesForPulledOrders', () => {
  it("lists, per pulled order, the server's picks and this device's unreflected ones", () => {
    const before = [
      aLine('L1', 'SO-1'),
      aLine('L2', 'SO-1', { binCode: 'B-01-01' }),
      aLine('L3', 'SO-2'),
    ];
    const after = [
      aLine('L1', 'SO-1', { status: 'cancelled', pickedQty: 1 }),
      aLine('L2', 'SO-1', { status: 'cancelled', binCode: 'B-01-01' }),
    ];
    const notices = noticesForPulledOrders(
      before,
      after,
      [aPick(7, 'L1', 1), aPick(8, 'L2', 2)],
      codes,
      'c9',
    );
    expect(notices).toEqual([
      {
        id: 'SO-1:pulled:c9',
        waveId: 'W1',
        waveCode: 'B26-07',
        reason: 'order-pulled',
        orderId: 'SO-1',
        assignedTo: null,
        putBack: [
          { ...teapot, pickLineId: 'L1', binCode: 'A-03-12', qty: 2 },
          { ...teapot, pickLineId: 'L2', binCode: 'B-01-01', qty: 2 },
        ],
      },
    ]);
  });

  it('tells of a pulled order with nothing picked yet (skip its lines), and not twice', () => {
    const cancelled = aLine('L3', 'SO-2', { status: 'cancelled' });
    expect(noticesForPulledOrders([aLine('L3', 'SO-2')], [cancelled], [], codes, 'c1')).toEqual([
      expect.objectContaining({ orderId: 'SO-2', putBack: [] }),
    ]);
    expect(noticesForPulledOrders([cancelled], [cancelled], [], codes, 'c2')).toEqual([]);
    expect(noticesForPulledOrders([undefined], [cancelled], [], codes, 'c3')).toEqual([]);
  });
});

describe('putBackItems', () => {
  it("splits a line's units by the lot this device read; the server's count goes without a lot", () => {
    const withLot = (seq: number, qty: number, lot: string): ScanEvent => {
      const pick = aPick(seq, 'L1', qty);
      return pick.type === 'pick@1' ? { ...pick, payload: { ...pick.payload, lot } } : pick;
    };
    const line = aLine('L1', 'SO-1', { status: 'cancelled', pickedQty: 1 });
    expect(
      putBackItems(line, [
        aPick(6, 'L1', 1),
        withLot(7, 2, 'L7'),
        withLot(8, 1, 'L7'),
        aPick(9, 'L2', 5),
      ]),
    ).toEqual([
      { ...teapot, pickLineId: 'L1', binCode: 'A-03-12', qty: 2 },
      { ...teapot, pickLineId: 'L1', binCode: 'A-03-12', qty: 3, lot: 'L7' },
    ]);
    expect(putBackItems(aLine('L1', 'SO-1', { status: 'cancelled' }), [])).toEqual([]);
  });
});
