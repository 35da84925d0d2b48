import type { HoldRule, HoldRuleKind } from '@wms/protocol';
import type { OrderFacts } from './order-facts';

/** Counts the server looks up before the rules run (the rules themselves do no I/O). */
export interface HoldContext {
  /** Orders with the same ID number today, this one included. */
  sameIdOrdersToday: number;
  /** Orders of the same customer to the identical address within each rule's window, this one included. */
  sameAddressOrdersInWindow: number;
  /** Whether intake is in peak protection (M4.8), decided by `isPeak`. */
  peak: boolean;
}

/**
 * Findings of cleaning that stop an order for a person, outside the rules: an address that fits
 * several places, a channel SKU code with no mapping, a value outside a closed list.
 */
export type ReviewKind =
  | 'address-review'
  | 'channel-sku-unmapped'
  | 'closed-list'
  // Issue 21: goods of a pre-sale SKU ship from its availability date.
  | 'presale';

/** What a rule found: `hold` stops the order for review, `flag` only marks it. */
export interface HoldHit {
  kind: HoldRuleKind | ReviewKind;
  action: 'hold' | 'flag';
  /** Why, in words a supervisor reads in the review queue. */
  evidence: string;
}

/**
 * Runs every hold rule against an order and returns what each one found. Pure: the counts come
 * in through `context`.
 *
 * @example
 * evaluateHolds(order, ctx, [{ kind: 'address-keywords', keywords: ['勿送'] }])
 * // → [{ kind: 'address-keywords', action: 'hold', evidence: 'address contains "勿送"' }]
 */
export function evaluateHolds(
  order: OrderFacts,
  context: HoldContext,
  rules: readonly HoldRule[],
): HoldHit[] {
  return rules.flatMap((rule) => {
    const hit = checkRule(order, context, rule);
    return hit ? [hit] : [];
  });
}

function checkRule(order: OrderFacts, context: HoldContext, rule: HoldRule): HoldHit | null {
  const hold = (evidence: string): HoldHit => ({ kind: rule.kind, action: 'hold', evidence });
  switch (rule.kind) {
    case 'id-daily-orders':
      return context.sameIdOrdersToday > rule.maxPerDay
        ? hold(
            `${context.sameIdOrdersToday} orders today with this ID number (more than ${rule.maxPerDay}): suspected order brushing`,
          )
        : null;
    case 'pickup-station-amount': {
      const word = rule.keywords.find((k) => order.addressText.includes(k));
      return word && order.paidCents > rule.minAmountCents
        ? hold(
            `address contains "${word}" and amount ${yuan(order.paidCents)} > ${yuan(rule.minAmountCents)}`,
          )
        : null;
    }
    case 'signature-unit-price': {
      const line = order.lines.find((l) => l.unitPriceCents > rule.minUnitPriceCents);
      return line
        ? {
            kind: rule.kind,
            action: 'flag',
            evidence: `${line.skuId} unit price ${yuan(line.unitPriceCents)} > ${yuan(rule.minUnitPriceCents)}: signature on delivery required`,
          }
        : null;
    }
    case 'promo-cost-deviation': {
      const line = order.lines.find(
        (l) => deviationPct(l.unitPriceCents, l.costCents) > rule.maxDeviationPct,
      );
      return line
        ? hold(
            `${line.skuId} sold at ${yuan(line.unitPriceCents)}, cost ${yuan(line.costCents ?? 0)}: deviates ${deviationPct(line.unitPriceCents, line.costCents).toFixed(1)}% (> ${rule.maxDeviationPct}%)`,
          )
        : null;
    }
    case 'repeat-same-address':
      return context.sameAddressOrdersInWindow >= rule.count
        ? hold(
            `${context.sameAddressOrdersInWindow} orders from this customer to the identical address within ${rule.windowMinutes} minutes`,
          )
        : null;
    case 'address-keywords': {
      const word = rule.keywords.find((k) => order.addressText.includes(k));
      return word ? hold(`address contains "${word}"`) : null;
    }
    case 'peak-protection':
      return context.peak && (order.vip || order.paidCents >= rule.highValueCents)
        ? hold(
            `peak protection: ${order.vip ? 'VIP customer' : `high-value order ${yuan(order.paidCents)}`} goes to manual review`,
          )
        : null;
  }
}

/**
 * How far a promotion price falls below cost, in percent of cost; 0 when at or above cost or the
 * cost is unknown. (A symmetric deviation would hold every order sold at a normal margin.)
 */
export function deviationPct(priceCents: number, costCents: number | null): number {
  if (costCents === null || costCents <= 0 || priceCents >= costCents) return 0;
  return ((costCents - priceCents) / costCents) * 100;
}

function yuan(cents: number): string {
  return `¥${(cents / 100).toFixed(2)}`;
}
