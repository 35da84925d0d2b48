/** What the server knows of a pick line when units picked for it come back to a bin. */
export interface ReturnableLine {
  id: string;
  skuId: string;
  pickedQty: number;
  /** Units picked beyond the line (over-picks): they never belonged to the order. */
  overQty: number;
  /** Units already put back for the line. */
  putBackQty: number;
  /** The line or its wave was cancelled: what was picked for it goes back. */
  released: boolean;
}

export interface PutBackRequest {
  pickLineId: string;
  skuId: string;
  qty: number;
}

/**
 * Units of a line that may still go back to a bin: everything picked for it when the line (or its
 * wave) was cancelled, plus over-picks, less what was already put back.
 *
 * @example
 * returnableQty({ id: 'L1', skuId: 'S1', pickedQty: 2, overQty: 1, putBackQty: 1, released: true })
 * // → 2
 */
export function returnableQty(line: ReturnableLine): number {
  return Math.max(0, (line.released ? line.pickedQty : 0) + line.overQty - line.putBackQty);
}

/**
 * How many units of each reported item the bins are credited with, in report order: never more
 * per line than is returnable, so the same units reported twice (two notices naming one line, a
 * device replaying its notice) are credited once. An item naming an unknown line or another SKU
 * than its line's is credited 0.
 *
 * @example
 * creditPutBack([{ id: 'L1', skuId: 'S1', pickedQty: 2, overQty: 0, putBackQty: 0, released: true }],
 *   [{ pickLineId: 'L1', skuId: 'S1', qty: 2 }, { pickLineId: 'L1', skuId: 'S1', qty: 2 }])
 * // → [2, 0]
 */
export function creditPutBack(
  lines: readonly ReturnableLine[],
  items: readonly PutBackRequest[],
): number[] {
  const left = new Map(lines.map((line) => [line.id, { line, qty: returnableQty(line) }]));
  return items.map((item) => {
    const entry = left.get(item.pickLineId);
    if (!entry || entry.line.skuId !== item.skuId) return 0;
    const credited = Math.min(item.qty, entry.qty);
    entry.qty -= credited;
    return credited;
  });
}
