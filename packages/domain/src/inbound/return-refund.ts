/** One line of a return as graded at the dock, with the price the customer paid per unit. */
export interface GradedReturnLine {
  /** Units the customer is to send back (the return order's line). */
  expectedQty: number;
  resellableQty: number;
  damagedQty: number;
  wrongItemQty: number;
  /** Of the wrong items, those a supervisor decided to refund anyway, and to not refund. */
  wrongItemRefundedQty?: number;
  wrongItemRefusedQty?: number;
  unitPriceCents: number;
}

export interface ReturnRefund {
  /** Owed to the customer now: units graded resellable or damaged, never more than claimed. */
  refundableCents: number;
  /** Held until a supervisor resolves it: units graded wrong item. */
  heldCents: number;
  /** Not graded yet (not arrived). */
  awaitingCents: number;
}

/**
 * The refund rule of decision 021: a returned unit is refunded in full once graded resellable or
 * damaged (damage is taken as in transit: the carrier's claim is ours, not the customer's); a
 * wrong item is held, not refunded, until a supervisor resolves its exception, deciding to refund
 * it anyway (it counts as refundable) or not (it is owed nothing, nor awaited); what has not
 * arrived is awaited. Units beyond what the return claims refund nothing more.
 *
 * @example
 * returnRefund([{ expectedQty: 2, resellableQty: 1, damagedQty: 0, wrongItemQty: 1, unitPriceCents: 12_900 }])
 * // → { refundableCents: 12_900, heldCents: 12_900, awaitingCents: 0 }
 */
export function returnRefund(lines: readonly GradedReturnLine[]): ReturnRefund {
  let refundableCents = 0;
  let heldCents = 0;
  let awaitingCents = 0;
  for (const line of lines) {
    const decidedRefund = line.wrongItemRefundedQty ?? 0;
    const decidedNone = line.wrongItemRefusedQty ?? 0;
    const refunded = Math.min(
      line.resellableQty + line.damagedQty + decidedRefund,
      line.expectedQty,
    );
    const refused = Math.min(decidedNone, line.expectedQty - refunded);
    const held = Math.min(
      Math.max(0, line.wrongItemQty - decidedRefund - decidedNone),
      line.expectedQty - refunded - refused,
    );
    refundableCents += refunded * line.unitPriceCents;
    heldCents += held * line.unitPriceCents;
    awaitingCents += (line.expectedQty - refunded - refused - held) * line.unitPriceCents;
  }
  return { refundableCents, heldCents, awaitingCents };
}
