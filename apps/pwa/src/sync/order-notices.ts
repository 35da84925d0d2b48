import type { PickLine, ScanEvent } from '@wms/protocol';
import type { WaveNotice } from '../storage/database';

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
    const qty = line.pickedQty + unreflectedPicks(pending, line.id);
    if (qty > 0) {
      notice.putBack?.push({
        binCode: line.binCode,
        skuName: line.skuName,
        skuNameZh: line.skuNameZh,
        qty,
      });
    }
    byOrder.set(line.orderId, notice);
  }
  return [...byOrder.values()];
}

function unreflectedPicks(pending: readonly ScanEvent[], lineId: string): number {
  return pending.reduce(
    (sum, e) => sum + (e.type === 'pick@1' && e.payload.pickLineId === lineId ? e.payload.qty : 0),
    0,
  );
}
