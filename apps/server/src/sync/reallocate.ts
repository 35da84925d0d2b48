import { allocateLine } from '@wms/domain';
import type { Tx } from '../db/database';
import { allocationRules, lockAllocation, pickableSlots } from '../waves/allocate-orders';
import type { ShortedLine } from './apply-short';

export interface Reallocation {
  lines: { id: string; binId: string; lot: string | null; expiry: string | null; qty: number }[];
  /** Units no bin could cover. */
  unfilled: number;
}

/** Moves bins behind the picker to the end of the walk, keeping their order. */
const BEHIND = 1_000_000_000;

/**
 * Reallocates a short line's remainder by the wave build's rules (`allocateOrders`): pickable
 * stock of other bins less what open lines plan, FEFO for lot-tracked SKUs, never an expired lot,
 * under the same per-warehouse lock, so a short and a wave build never plan the same units. Bins
 * still ahead on the walk come first, then bins behind. New line ids derive from the shorted
 * line, so they are stable and traceable.
 */
export async function reallocate(
  tx: Tx,
  line: ShortedLine,
  qty: number,
  now: Date,
): Promise<Reallocation> {
  await lockAllocation(tx, line.warehouseId);
  const slots = (await pickableSlots(tx, line.warehouseId, [line.skuId])).get(line.skuId) ?? [];
  const elsewhere = slots
    .filter((s) => s.binId !== line.binId)
    .map((s) => ({ ...s, pathSeq: s.pathSeq < line.pathSeq ? s.pathSeq + BEHIND : s.pathSeq }));
  const ruleOf = await allocationRules(tx, [line.skuId]);
  const today = now.toISOString().slice(0, 10);
  const { picks, left } = allocateLine(
    { lineId: line.id, qty },
    elsewhere,
    ruleOf(line.skuId),
    today,
  );
  const lines = picks.map((p, i) => ({
    id: `${line.id}-R${i + 1}`,
    binId: p.slot.binId,
    lot: p.slot.lot,
    expiry: p.slot.expiry,
    qty: p.qty,
  }));
  return { lines, unfilled: left };
}
