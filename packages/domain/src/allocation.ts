/**
 * Pickable units of a SKU in one bin and lot: what the bin holds as `available` less what open
 * pick lines already plan from it. `expiry` is the lot's last usable day (`YYYY-MM-DD`), null
 * when the stock has none.
 */
export interface StockSlot {
  skuId: string;
  binId: string;
  binCode: string;
  zone: string;
  pathSeq: number;
  lot: string | null;
  expiry: string | null;
  free: number;
}

/** How a SKU is allocated: FEFO when lot-tracked, and how much shelf life a pick must leave. */
export interface SkuAllocationRule {
  lotTracked: boolean;
  /** Days a lot must still have before its expiry to be picked; null: any unexpired lot. */
  minRemainingShelfLifeDays: number | null;
}

export interface AllocatedPick {
  lineId: string;
  slot: StockSlot;
  qty: number;
}

export interface ShortSku {
  skuId: string;
  qty: number;
  /** Units that could have been allocated to this order (less than asked). */
  allocatable: number;
}

export type OrderAllocation =
  { kind: 'allocated'; picks: AllocatedPick[] } | { kind: 'short'; short: ShortSku[] };

const DAY_MS = 86_400_000;

/**
 * Whether a slot may be picked `today` (`YYYY-MM-DD`) under `rule`: never an expired lot (past
 * its expiry day), and with at least the SKU's minimum remaining shelf life left.
 *
 * @example isPickable({ expiry: '2026-12-01' }, { lotTracked: true, minRemainingShelfLifeDays: null }, '2026-12-02') // → false
 */
export function isPickable(
  slot: Pick<StockSlot, 'expiry'>,
  rule: SkuAllocationRule,
  today: string,
): boolean {
  if (slot.expiry === null) return true;
  const daysLeft = (Date.parse(slot.expiry) - Date.parse(today)) / DAY_MS;
  return daysLeft >= (rule.minRemainingShelfLifeDays ?? 0);
}

/**
 * The order in which a SKU's slots are taken: first expiry first (FEFO) for lot-tracked SKUs
 * (slots without an expiry last), then the pick path, so a line split over bins walks forward.
 */
export function allocationOrder(slots: readonly StockSlot[], rule: SkuAllocationRule): StockSlot[] {
  return [...slots].sort(
    (a, b) =>
      (rule.lotTracked ? compareExpiry(a.expiry, b.expiry) : 0) ||
      a.pathSeq - b.pathSeq ||
      compare(a.binCode, b.binCode) ||
      compare(a.lot ?? '', b.lot ?? ''),
  );
}

/**
 * Allocates every line of one order from `slots` (by SKU), all or nothing: when each line can be
 * covered, the slots' `free` is decreased and the picks come back (a line split over slots in
 * allocation order); otherwise nothing changes and the short SKUs come back. Called order after
 * order, oldest first, on the same slots, so no unit is planned twice.
 *
 * @example
 * const slots = new Map([['S', [{ skuId: 'S', binId: 'b', binCode: 'A-01-01', zone: 'A', pathSeq: 1, lot: null, expiry: null, free: 1 }]]]);
 * allocateOrder([{ lineId: 'l', skuId: 'S', qty: 2 }], slots, () => NO_LOTS, '2026-12-01').kind // → 'short'
 */
export function allocateOrder(
  lines: readonly { lineId: string; skuId: string; qty: number }[],
  slots: ReadonlyMap<string, StockSlot[]>,
  ruleOf: (skuId: string) => SkuAllocationRule,
  today: string,
): OrderAllocation {
  const taken = new Map<StockSlot, number>();
  const picks: AllocatedPick[] = [];
  const shortBySku = new Map<string, ShortSku>();
  for (const line of lines) {
    const got = allocateLine(line, slots.get(line.skuId) ?? [], ruleOf(line.skuId), today, taken);
    picks.push(...got.picks);
    if (got.left > 0) {
      const short = shortBySku.get(line.skuId) ?? { skuId: line.skuId, qty: 0, allocatable: 0 };
      short.qty += line.qty;
      short.allocatable += line.qty - got.left;
      shortBySku.set(line.skuId, short);
    }
  }
  if (shortBySku.size > 0) return { kind: 'short', short: [...shortBySku.values()] };
  for (const [slot, qty] of taken) slot.free -= qty;
  return { kind: 'allocated', picks };
}

/**
 * Covers as much of one line as `slots` allow, in allocation order, skipping slots that may not
 * be picked today; `taken` holds units already promised by earlier lines (updated here).
 * Returns the picks and the units left uncovered.
 */
export function allocateLine(
  line: { lineId: string; qty: number },
  slots: readonly StockSlot[],
  rule: SkuAllocationRule,
  today: string,
  taken: Map<StockSlot, number> = new Map(),
): { picks: AllocatedPick[]; left: number } {
  const picks: AllocatedPick[] = [];
  let left = line.qty;
  for (const slot of allocationOrder(slots, rule)) {
    if (left === 0) break;
    if (!isPickable(slot, rule, today)) continue;
    const qty = Math.min(left, slot.free - (taken.get(slot) ?? 0));
    if (qty <= 0) continue;
    taken.set(slot, (taken.get(slot) ?? 0) + qty);
    picks.push({ lineId: line.lineId, slot, qty });
    left -= qty;
  }
  return { picks, left };
}

/** The rule of a SKU without lots: the pick path, any slot. */
export const NO_LOTS: SkuAllocationRule = { lotTracked: false, minRemainingShelfLifeDays: null };

function compareExpiry(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compare(a, b);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
