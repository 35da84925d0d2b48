import type { PickLineStatus } from '@wms/protocol';

/** The part of a pick line that a pick changes. */
export interface PickLineCount {
  qty: number;
  pickedQty: number;
  status: PickLineStatus;
}

export interface PickResult<L extends PickLineCount> {
  line: L;
  /** Units that counted towards the line. */
  appliedQty: number;
  /** Units taken beyond what the line asked for: they must go back to the bin. */
  overQty: number;
}

/**
 * Applies a pick of `qty` units to a line. A pick is a physical fact and is never refused: what
 * exceeds the line is reported as `overQty` so the caller can open an over-pick exception.
 * Used by the device (to show its own pending picks) and by the server (to apply pushes), so
 * both reach the same line once the outbox drains.
 *
 * @example
 * applyPick({ qty: 3, pickedQty: 2, status: 'open' }, 2)
 * // → { line: { qty: 3, pickedQty: 3, status: 'picked' }, appliedQty: 1, overQty: 1 }
 */
export function applyPick<L extends PickLineCount>(line: L, qty: number): PickResult<L> {
  const remaining = line.status === 'open' ? Math.max(0, line.qty - line.pickedQty) : 0;
  const appliedQty = Math.min(remaining, qty);
  const pickedQty = line.pickedQty + appliedQty;
  const status: PickLineStatus =
    line.status === 'open' && pickedQty >= line.qty ? 'picked' : line.status;
  return { line: { ...line, pickedQty, status }, appliedQty, overQty: qty - appliedQty };
}

/** Units still to pick on a line (0 once it is picked or shorted). */
export function remainingQty(line: PickLineCount): number {
  return line.status === 'open' ? Math.max(0, line.qty - line.pickedQty) : 0;
}

export function isLineOpen(line: PickLineCount): boolean {
  return remainingQty(line) > 0;
}
