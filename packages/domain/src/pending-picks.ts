import type { PickPayload } from '@wms/protocol';
import { applyPick, type PickLineCount } from './pick-line';

/**
 * The device's view of its lines: the server's copy with the picks still in the outbox replayed
 * on top, in seq order, through the same `applyPick` the server uses.
 *
 * @example
 * withPendingPicks([{ id: 'L1', qty: 3, pickedQty: 0, status: 'open' }], [{ pickLineId: 'L1', qty: 2 }])
 * // → [{ id: 'L1', qty: 3, pickedQty: 2, status: 'open' }]
 */
export function withPendingPicks<L extends PickLineCount & { id: string }>(
  serverLines: readonly L[],
  pendingPicks: readonly Pick<PickPayload, 'pickLineId' | 'qty'>[],
): L[] {
  const byId = new Map(serverLines.map((line) => [line.id, line]));
  for (const pick of pendingPicks) {
    const line = byId.get(pick.pickLineId);
    if (line) byId.set(line.id, applyPick(line, pick.qty).line);
  }
  return serverLines.map((line) => byId.get(line.id) ?? line);
}
