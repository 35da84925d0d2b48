/**
 * The pack bench's rules (issue 22), shared by the handheld (refuse at once, offline too) and the
 * server (check the parcel it is told about). Pure: weights in grams, no clock.
 */

/** A carton or bag the packer can choose or scan, with its own weight (tare). */
export interface PackBox {
  code: string;
  name: string;
  nameZh: string;
  tareGrams: number;
}

/** The bench's boxes; the code is what the box's shelf label scans as. */
export const PACK_BOXES: readonly PackBox[] = [
  { code: 'BOX-BAG', name: 'Poly mailer', nameZh: '快递袋', tareGrams: 20 },
  { code: 'BOX-S', name: 'Small carton', nameZh: '小纸箱', tareGrams: 120 },
  { code: 'BOX-M', name: 'Medium carton', nameZh: '中纸箱', tareGrams: 220 },
  { code: 'BOX-L', name: 'Large carton', nameZh: '大纸箱', tareGrams: 380 },
];

export function findBox(code: string): PackBox | undefined {
  const wanted = code.trim().toUpperCase();
  return PACK_BOXES.find((box) => box.code === wanted);
}

/** One unit count of a SKU: an order line's, or what went into a parcel (with its lot). */
export interface PackUnits {
  skuId: string;
  qty: number;
  lot?: string | undefined;
}

/** Units of each SKU the order still needs in a parcel: ordered less packed (never below 0). */
export function unitsToPack(
  ordered: readonly PackUnits[],
  packed: readonly PackUnits[],
): Map<string, number> {
  const left = new Map<string, number>();
  for (const line of ordered) left.set(line.skuId, (left.get(line.skuId) ?? 0) + line.qty);
  for (const unit of packed) {
    const now = left.get(unit.skuId);
    if (now !== undefined) left.set(unit.skuId, Math.max(0, now - unit.qty));
  }
  return left;
}

export type PackScanVerdict = 'ok' | 'not-in-order' | 'extra';

/** Whether one more unit of `skuId` may go into the parcel. */
export function checkPackScan(
  ordered: readonly PackUnits[],
  packed: readonly PackUnits[],
  skuId: string,
): PackScanVerdict {
  const left = unitsToPack(ordered, packed).get(skuId);
  if (left === undefined) return 'not-in-order';
  return left > 0 ? 'ok' : 'extra';
}

/** What a parcel should weigh: its units by their SKUs' weights, plus the box. */
export function expectedParcelGrams(
  items: readonly PackUnits[],
  skuGrams: ReadonlyMap<string, number>,
  box: Pick<PackBox, 'tareGrams'>,
): number {
  return items.reduce((sum, i) => sum + i.qty * (skuGrams.get(i.skuId) ?? 0), box.tareGrams);
}

/** How far a weighed parcel may be from its expected weight: a share, and never less than a floor. */
export interface WeightTolerance {
  pct: number;
  minGrams: number;
}

export const DEFAULT_WEIGHT_TOLERANCE: WeightTolerance = { pct: 5, minGrams: 30 };

/** The allowed difference for a parcel of `expectedGrams`. */
export function allowedGrams(expectedGrams: number, tolerance: WeightTolerance): number {
  return Math.max(tolerance.minGrams, Math.round((expectedGrams * tolerance.pct) / 100));
}

export function weightMatches(
  expectedGrams: number,
  measuredGrams: number,
  tolerance: WeightTolerance,
): boolean {
  return Math.abs(measuredGrams - expectedGrams) <= allowedGrams(expectedGrams, tolerance);
}

/**
 * A keyboard-wedge scale types the weight and Enter: "1.235" (kg), "1235g", "1235 g" or "1.235kg".
 * A number with a decimal point or `kg` is kilograms, a bare integer or `g` grams. Null: not a weight.
 */
export function parseScaleReading(raw: string): number | null {
  const m = /^\s*(\d{1,6}(?:\.\d{1,3})?)\s*(kg|g)?\s*$/i.exec(raw);
  if (!m?.[1]) return null;
  const value = Number(m[1]);
  const unit = m[2]?.toLowerCase() ?? (m[1].includes('.') ? 'kg' : 'g');
  const grams = Math.round(unit === 'kg' ? value * 1000 : value);
  return grams > 0 && grams <= 100_000 ? grams : null;
}
