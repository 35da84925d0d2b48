import type { RouteConditions, RoutingRule } from '@wms/protocol';
import { placeStem } from './region-table';
import type { OrderFacts } from './order-facts';

export interface RouteDecision {
  rule: RoutingRule;
  /** Every condition the rule checked, as it held for this order. */
  reason: string;
}

/**
 * The first enabled rule, in ascending priority, whose every condition holds; null sends the
 * order to the manual routing queue.
 *
 * @example
 * routeOrder(order, [{ priority: 10, conditions: { regions: ['central'] }, warehouseId: 'CD', … }])
 * // → { rule, reason: 'region central' }
 */
export function routeOrder(order: OrderFacts, rules: readonly RoutingRule[]): RouteDecision | null {
  const ordered = [...rules]
    .filter((r) => r.enabled)
    .sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : 1));
  for (const rule of ordered) {
    const reasons = matchConditions(order, rule.conditions);
    if (reasons) return { rule, reason: reasons.length ? reasons.join(' + ') : 'default rule' };
  }
  return null;
}

/** The reasons each condition holds, or null as soon as one does not. */
function matchConditions(order: OrderFacts, c: RouteConditions): string[] | null {
  const reasons: string[] = [];
  const check = (applies: boolean, holds: boolean, reason: string) => {
    if (!applies) return true;
    if (holds) reasons.push(reason);
    return holds;
  };
  const samePlace = (list: readonly string[] | undefined, place: string) =>
    (list ?? []).some((p) => placeStem(p) === placeStem(place));
  const maxPrice = Math.max(...order.lines.map((l) => l.unitPriceCents));
  const ok =
    check(
      c.regions !== undefined,
      c.regions?.includes(order.regionGroup ?? '') ?? false,
      `region ${order.regionGroup}`,
    ) &&
    check(
      c.provinces !== undefined,
      samePlace(c.provinces, order.province),
      `province ${order.province}`,
    ) &&
    check(c.cities !== undefined, samePlace(c.cities, order.city), `city ${order.city}`) &&
    check(
      c.districts !== undefined,
      samePlace(c.districts, order.district),
      `district ${order.district}`,
    ) &&
    check(
      c.channels !== undefined,
      c.channels?.includes(order.channel) ?? false,
      `channel ${order.channel}`,
    ) &&
    check(
      c.minAmountCents !== undefined,
      order.paidCents >= (c.minAmountCents ?? 0),
      `amount ≥ ${c.minAmountCents}`,
    ) &&
    check(
      c.maxAmountCents !== undefined,
      order.paidCents <= (c.maxAmountCents ?? 0),
      `amount ≤ ${c.maxAmountCents}`,
    ) &&
    check(
      c.minUnitPriceCents !== undefined,
      maxPrice > (c.minUnitPriceCents ?? 0),
      `unit price > ${c.minUnitPriceCents}`,
    ) &&
    check(
      c.skuIds !== undefined,
      order.lines.some((l) => c.skuIds?.includes(l.skuId)),
      `contains SKU ${c.skuIds?.join('/')}`,
    ) &&
    check(
      c.categories !== undefined,
      order.lines.some((l) => c.categories?.includes(l.category)),
      `contains ${c.categories?.join('/')}`,
    );
  return ok ? reasons : null;
}
