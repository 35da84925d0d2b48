import type { PickPayload, ScanEvent } from '@wms/protocol';
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

/**
 * Closes a line as short (the bin could not give the rest). Lines already closed stay as they are;
 * the server reallocates the remainder and sends the new lines by pull.
 */
export function applyShort<L extends PickLineCount>(line: L): L {
  return line.status === 'open' ? { ...line, status: 'short' } : line;
}

/**
 * Like `withPendingPicks`, for every kind of outbox event: picks count, shorts close their line,
 * other events (label reports, put-backs) change no line.
 */
export function withPendingEvents<L extends PickLineCount & { id: string }>(
  serverLines: readonly L[],
  pending: readonly ScanEvent[],
): L[] {
  const byId = new Map(serverLines.map((line) => [line.id, line]));
  for (const event of pending) {
    if (event.type !== 'pick@1' && event.type !== 'short@1') continue;
    const line = byId.get(event.payload.pickLineId);
    if (!line) continue;
    byId.set(
      line.id,
      event.type === 'pick@1' ? applyPick(line, event.payload.qty).line : applyShort(line),
    );
  }
  return serverLines.map((line) => byId.get(line.id) ?? line);
}
