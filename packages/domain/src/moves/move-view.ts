import type { MoveSlot, MoveWork, StockMovedPayload } from '@wms/protocol';

/**
 * The handheld's view of the stock it may move: the work the server sent, with this device's own
 * moves not yet reflected in it replayed on top by the server's rule (sync contract rule 6): a
 * move takes its units from the source slot's free units (bin × SKU × lot) and adds them to the
 * target slot (the corrected lot, when it names one). A move the view cannot cover (the server
 * will refuse it too) changes nothing. Emptied slots leave.
 *
 * @example
 * moveView({ bins, skus, slots: [{ binCode: 'A-03-12', skuId: 'SKU-1', lot: null, expiry: null, qty: 5, free: 5 }] },
 *          [{ fromBinCode: 'A-03-12', toBinCode: 'B-01-01', skuId: 'SKU-1', qty: 2 }]).slots
 * // → A-03-12 with qty 3 (free 3), B-01-01 with qty 2 (free 2)
 */
export function moveView(work: MoveWork, pending: readonly StockMovedPayload[]): MoveWork {
  const slots = work.slots.map((s) => ({ ...s }));
  for (const move of pending) {
    const source = findSlot(slots, move.fromBinCode, move.skuId, move.lot ?? null, move.expiry);
    if (!source || source.free < move.qty) continue;
    source.qty -= move.qty;
    source.free -= move.qty;
    const lot = move.toLot ?? source.lot;
    const expiry = move.toExpiry ?? source.expiry;
    const target = findSlot(slots, move.toBinCode, move.skuId, lot, expiry ?? undefined);
    if (target && target.expiry === expiry) {
      target.qty += move.qty;
      target.free += move.qty;
    } else {
      slots.push({
        binCode: move.toBinCode,
        skuId: move.skuId,
        lot,
        expiry,
        qty: move.qty,
        free: move.qty,
      });
    }
  }
  return { ...work, slots: slots.filter((s) => s.qty > 0) };
}

/** The slot of a bin, SKU and lot (of that expiry, when given). */
export function findSlot(
  slots: readonly MoveSlot[],
  binCode: string,
  skuId: string,
  lot: string | null,
  expiry?: string,
): MoveSlot | undefined {
  return slots.find(
    (s) =>
      s.binCode === binCode &&
      s.skuId === skuId &&
      s.lot === lot &&
      (expiry === undefined || s.expiry === expiry),
  );
}

/** Free units of a bin, all SKUs together: a bin with none has nothing to move. */
export function freeInBin(work: MoveWork, binCode: string): number {
  return work.slots.filter((s) => s.binCode === binCode).reduce((sum, s) => sum + s.free, 0);
}
