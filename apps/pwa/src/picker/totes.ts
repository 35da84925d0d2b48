import type { PickLine } from '@wms/protocol';

/** A tote label: `T-` and digits, e.g. `T-0042`. */
export const TOTE_CODE = /^T-\d{3,6}$/;

/** The wave's orders in the order their first line comes up on the walk (lines already walk-ordered). */
export function ordersOnWalk(lines: readonly Pick<PickLine, 'orderId'>[]): string[] {
  return [...new Set(lines.map((line) => line.orderId))];
}

export type ToteScan =
  | { ok: true; totes: Record<string, string> }
  | { ok: false; reason: 'not-a-tote' | 'tote-in-use' | 'all-assigned' };

/**
 * Assigns a scanned tote to the next order without one. A code that is not a tote, or a tote
 * already holding another order of the wave, is refused.
 *
 * @example
 * assignTote(['SO-1', 'SO-2'], { 'SO-1': 'T-001' }, 'T-002') // → { ok: true, totes: { 'SO-1': 'T-001', 'SO-2': 'T-002' } }
 */
export function assignTote(
  orders: readonly string[],
  totes: Readonly<Record<string, string>>,
  code: string,
): ToteScan {
  const next = orders.find((order) => totes[order] === undefined);
  if (next === undefined) return { ok: false, reason: 'all-assigned' };
  const tote = code.toUpperCase();
  if (!TOTE_CODE.test(tote)) return { ok: false, reason: 'not-a-tote' };
  if (Object.values(totes).includes(tote)) return { ok: false, reason: 'tote-in-use' };
  return { ok: true, totes: { ...totes, [next]: tote } };
}
