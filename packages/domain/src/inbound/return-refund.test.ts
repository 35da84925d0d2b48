import { describe, expect, it } from 'vitest';
import { returnRefund } from './return-refund';

const line = (graded: [number, number, number], expectedQty = 2, unitPriceCents = 12_900) => ({
  expectedQty,
  resellableQty: graded[0],
  damagedQty: graded[1],
  wrongItemQty: graded[2],
  unitPriceCents,
});

describe('returnRefund (decision 021)', () => {
  it.each([
    ['nothing graded: all awaited', [line([0, 0, 0])], [0, 0, 25_800]],
    ['resellable and damaged are refunded in full', [line([1, 1, 0])], [25_800, 0, 0]],
    ['a wrong item is held, not refunded', [line([1, 0, 1])], [12_900, 12_900, 0]],
    ['more than claimed refunds nothing more', [line([3, 0, 0])], [25_800, 0, 0]],
    ['lines add up', [line([1, 0, 0]), line([0, 0, 0], 1, 5_000)], [12_900, 0, 17_900]],
    [
      'a wrong item refunded anyway by a supervisor',
      [{ ...line([1, 0, 1]), wrongItemRefundedQty: 1 }],
      [25_800, 0, 0],
    ],
    [
      'a wrong item refused by a supervisor: neither held nor awaited',
      [{ ...line([1, 0, 1]), wrongItemRefusedQty: 1 }],
      [12_900, 0, 0],
    ],
    [
      'one of two wrong items decided, the other still held',
      [{ ...line([0, 0, 2]), wrongItemRefusedQty: 1 }],
      [0, 12_900, 0],
    ],
  ])('%s', (_, lines, [refundableCents, heldCents, awaitingCents]) => {
    expect(returnRefund(lines)).toEqual({ refundableCents, heldCents, awaitingCents });
  });
});
