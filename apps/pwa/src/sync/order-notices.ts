import type { PickLine, ScanEvent } from '@wms/protocol';
import type { PutBackItem, WaveNotice } from '../storage/database';

/**
 * "Stop, put back" for orders the server pulled out of a wave while it was on this device (held
 * or cancelled after waving: their lines arrive as `cancelled`). One notice per order, with what
 * was picked for it — the server's count plus this device's picks the server has not reflected
 * yet — so the picker returns each item to its bin. Lines already cancelled before are ignored.
 *
 * @example
 * noticesForPulledOrders([{ ...line, status: 'open' }], [{ ...line, status: 'cancelled', pickedQty: 1 }], [], new Map([['W1', 'B26-07']]), 'c9')
 * // → [{ id: 'SO-1:pulled:c9', reason: 'order-pulled', orderId: 'SO-1', waveCode: 'B26-07', putBack: [{ qty: 1, … }], … }]
 */
export function noticesForPulledOrders(
  before: readonly (PickLine | undefined)[],
  after: readonly PickLine[],
  pending: readonly ScanEvent[],
  waveCodes: ReadonlyMap<string, string>,
  stamp: string,
): WaveNotice[] {
  const wasOpen = new Set(
    before.flatMap((line) => (line && line.status !== 'cancelled' ? [line.id] : [])),
  );
  const byOrder = new Map<string, WaveNotice>();
  for (const line of after) {
    if (line.status !== 'cancelled' || !wasOpen.has(line.id)) continue;
    const notice = byOrder.get(line.orderId) ?? {
      id: `${line.orderId}:pulled:${stamp}`,
      waveId: line.waveId,
      waveCode: waveCodes.get(line.waveId) ?? null,
      reason: 'order-pulled' as const,
      orderId: line.orderId,
      assignedTo: null,
      putBack: [],
    };
    notice.putBack?.push(...putBackItems(line, pending));
    byOrder.set(line.orderId, notice);
  }
  return [...byOrder.values()];
}

/**
 * What goes back to a line's bin: the server's picked count plus this device's picks it has not
 * reflected yet, one item per lot the device read (the server's count and picks without a lot
 * together). A line with nothing picked gives nothing.
 *
 * @example
 * putBackItems({ ...line, pickedQty: 1 }, [pick of 2 with lot 'L7'])
 * // → [{ qty: 1, … }, { qty: 2, lot: 'L7', … }]
 */
export function putBackItems(line: PickLine, pending: readonly ScanEvent[]): PutBackItem[] {
  const byLot = new Map<string | undefined, number>([[undefined, line.pickedQty]]);
  for (const e of pending) {
    if (e.type !== 'pick@1' || e.payload.pickLineId !== line.id) continue;
    byLot.set(e.payload.lot, (byLot.get(e.payload.lot) ?? 0) + e.payload.qty);
  }
  return [...byLot].flatMap(([lot, qty]) =>
    qty > 0
      ? [
          {
            pickLineId: line.id,
            binCode: line.binCode,
            skuId: line.skuId,
            skuName: line.skuName,
            skuNameZh: line.skuNameZh,
            qty,
            ...(lot ? { lot } : {}),
          },
        ]
      : [],
  );
}
