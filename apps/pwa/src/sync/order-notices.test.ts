import type { PickLine, ScanEvent } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { noticesForPulledOrders } from './order-notices';
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
          { binCode: 'A-03-12', skuName: 'Teapot', skuNameZh: '茶壶', qty: 2 },
          { binCode: 'B-01-01', skuName: 'Teapot', skuNameZh: '茶壶', qty: 2 },
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
