/**
 * The order health index of M2.4, from counts the server gathers. Every part says how it was
 * computed (numerator, denominator, weight) so the console can show it beside the figure.
 *
 * - timeliness = on-time shipped / should-ship × 0.4 + signed within 48 h / shipped × 0.3
 *   + exceptions answered within 15 min / exceptions × 0.3
 * - data = field completeness × 0.5 + share of status syncs under 30 s × 0.5
 * - experience = customer status queries / orders × 100 (lower is better)
 *
 * The index (0–100) is 100 × the mean of timeliness, data and (1 − experience / 100, floored
 * at 0). A ratio whose denominator is 0, or whose facts are not recorded (`null`, e.g. carrier
 * sign-offs), has no value; the weights of the ratios that have one are scaled back to their sum,
 * so missing data neither rewards nor punishes.
 */
export interface HealthFacts {
  shouldShip: number;
  shippedOnTime: number;
  shipped: number;
  /** Shipped orders signed for within 48 h; null when sign-offs are not recorded. */
  signedWithin48h: number | null;
  exceptions: number;
  answeredWithin15m: number;
  /** Mandatory order fields filled, and how many there should be (orders × fields). */
  fieldsFilled: number;
  fieldsRequired: number;
  statusSyncs: number;
  statusSyncsUnder30s: number;
  /** Customer status queries; null when they are not recorded. */
  customerQueries: number | null;
  orders: number;
}

export interface HealthRatio {
  name: string;
  numerator: number | null;
  denominator: number;
  weight: number;
  /** numerator / denominator, or null when it cannot be computed. */
  value: number | null;
}

export interface HealthPart {
  /** 0..1 for timeliness and data; queries per 100 orders for experience. Null without data. */
  value: number | null;
  ratios: HealthRatio[];
}

export interface OrderHealth {
  timeliness: HealthPart;
  data: HealthPart;
  experience: HealthPart;
  /** 0–100, rounded to one decimal; null when no part has data. */
  index: number | null;
}

function ratio(
  name: string,
  numerator: number | null,
  denominator: number,
  weight: number,
): HealthRatio {
  const value = numerator === null || denominator <= 0 ? null : numerator / denominator;
  return { name, numerator, denominator, weight, value };
}

/** The weighted sum of the ratios that have a value, their weights scaled back to the full sum. */
function weighted(ratios: HealthRatio[]): number | null {
  const known = ratios.filter((r) => r.value !== null);
  const weight = known.reduce((sum, r) => sum + r.weight, 0);
  if (known.length === 0 || weight === 0) return null;
  const total = ratios.reduce((sum, r) => sum + r.weight, 0);
  return (known.reduce((sum, r) => sum + (r.value ?? 0) * r.weight, 0) / weight) * total;
}

/**
 * @example
 * orderHealth({ shouldShip: 100, shippedOnTime: 90, shipped: 95, signedWithin48h: null,
 *   exceptions: 10, answeredWithin15m: 8, fieldsFilled: 2700, fieldsRequired: 2800,
 *   statusSyncs: 1000, statusSyncsUnder30s: 990, customerQueries: null, orders: 100 }).index
 * // → 91.7  (timeliness 0.857, data 0.977, experience unknown)
 */
export function orderHealth(f: HealthFacts): OrderHealth {
  const timelinessRatios = [
    ratio('on-time shipped / should ship', f.shippedOnTime, f.shouldShip, 0.4),
    ratio('signed within 48 h / shipped', f.signedWithin48h, f.shipped, 0.3),
    ratio('exceptions answered within 15 min / exceptions', f.answeredWithin15m, f.exceptions, 0.3),
  ];
  const dataRatios = [
    ratio('mandatory fields filled / required', f.fieldsFilled, f.fieldsRequired, 0.5),
    ratio('status syncs under 30 s / status syncs', f.statusSyncsUnder30s, f.statusSyncs, 0.5),
  ];
  const queries = ratio('customer status queries / orders', f.customerQueries, f.orders, 100);
  const timeliness = weighted(timelinessRatios);
  const data = weighted(dataRatios);
  const experience = queries.value === null ? null : queries.value * 100;
  const scores = [timeliness, data, experience === null ? null : Math.max(0, 1 - experience / 100)];
  const known = scores.filter((s): s is number => s !== null);
  const index =
    known.length === 0
      ? null
      : Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 1000) / 10;
  return {
    timeliness: { value: timeliness, ratios: timelinessRatios },
    data: { value: data, ratios: dataRatios },
    experience: { value: experience, ratios: [queries] },
    index,
  };
}
