/** The stock of one SKU in one warehouse, as the pool keeps it. */
export interface StockLevel {
  physical: number;
  /**
   * Units of expired lots still in the bins (issue 16): counted in `physical` until someone
   * writes them off or quarantines them, never promised. Absent: none.
   */
  expired?: number;
  reserved: number;
  inbound: number;
  /** Expected share of inbound that arrives in time, in basis points (8000 = 0.8). */
  inboundCoefficientBp: number;
}

/**
 * Units that can still be promised (M3.6): physical − reserved + inbound × coefficient, the
 * inbound part rounded down; units of expired lots are physical but never available.
 *
 * @example availableQty({ physical: 100, reserved: 30, inbound: 20, inboundCoefficientBp: 8000 }) // → 86
 * @example availableQty({ physical: 100, expired: 2, reserved: 30, inbound: 20, inboundCoefficientBp: 8000 }) // → 84
 */
export function availableQty(s: StockLevel): number {
  return (
    s.physical -
    (s.expired ?? 0) -
    s.reserved +
    Math.floor((s.inbound * s.inboundCoefficientBp) / 10_000)
  );
}

/**
 * Whether a SKU is below its safety level (M3.7): available < factor × average daily sales.
 *
 * @example isBelowSafetyLevel(14, 70, 7, 1.5) // → true (14 < 1.5 × 10)
 */
export function isBelowSafetyLevel(
  available: number,
  soldInWindow: number,
  windowDays: number,
  factor: number,
): boolean {
  if (soldInWindow <= 0) return false;
  return available < factor * (soldInWindow / windowDays);
}

/**
 * Whether two orders are suspected duplicates (M3.3): same phone, a SKU in common, placed within
 * the window of each other.
 */
export function isSuspectedDuplicate(
  a: { phone: string; skuIds: readonly string[]; placedAt: Date },
  b: { phone: string; skuIds: readonly string[]; placedAt: Date },
  windowMs: number,
): boolean {
  return (
    a.phone === b.phone &&
    a.skuIds.some((s) => b.skuIds.includes(s)) &&
    Math.abs(a.placedAt.getTime() - b.placedAt.getTime()) <= windowMs
  );
}

/**
 * Peak protection (M4.8): on when every intake sample of the last `sustainMs` lagged more than
 * `lagMs`, and there were samples covering that span.
 */
export function isPeak(
  samples: readonly { at: Date; lagMs: number }[],
  now: Date,
  lagMs: number,
  sustainMs: number,
): boolean {
  const recent = samples.filter((s) => now.getTime() - s.at.getTime() <= sustainMs);
  if (recent.length === 0) return false;
  const oldest = Math.min(...recent.map((s) => s.at.getTime()));
  return now.getTime() - oldest >= sustainMs * 0.8 && recent.every((s) => s.lagMs > lagMs);
}

/** One SKU of a warehouse with bins: the pool's count and what the floor accounts for. */
export interface PoolBalance {
  physical: number;
  /** Units in the warehouse's bins. */
  inBins: number;
  /** Units taken from bins for orders not shipped yet and not put back (in totes, at packing). */
  inHand: number;
}

/**
 * How far the pool's `physical` is from the floor (decision 002): in a warehouse with bins,
 * physical = units in bins + units in hand. Picks move units from bins to hand, put-backs move
 * them back, shipping takes them out of hand and the pool, cycle counts change bins and pool alike,
 * so the drift stays 0; anything else (a bin edited by hand, a receipt not put away) shows here.
 *
 * @example poolDrift({ physical: 100, inBins: 90, inHand: 8 }) // → 2 (the pool promises 2 units nobody has)
 */
export function poolDrift(b: PoolBalance): number {
  return b.physical - (b.inBins + b.inHand);
}
