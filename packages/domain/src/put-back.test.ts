import { describe, expect, it } from 'vitest';
import { creditPutBack, returnableQty, type ReturnableLine } from './put-back';

const line = (over: Partial<ReturnableLine> = {}): ReturnableLine => ({
  id: 'L1',
  skuId: 'S1',
  pickedQty: 3,
  overQty: 0,
  putBackQty: 0,
  released: true,
  ...over,
});

describe('returnableQty', () => {
  it('is everything picked for a released line, plus over-picks, less what went back', () => {
    expect(returnableQty(line({ overQty: 2, putBackQty: 1 }))).toBe(4);
  });

  it('is only the over-picks of a line still going to its order', () => {
    expect(returnableQty(line({ released: false, overQty: 2 }))).toBe(2);
    expect(returnableQty(line({ released: false }))).toBe(0);
  });

  it('never goes below zero', () => {
    expect(returnableQty(line({ putBackQty: 5 }))).toBe(0);
  });
});

describe('creditPutBack', () => {
  it('credits each item up to what its line can still return, in report order', () => {
    expect(
      creditPutBack(
        [line(), line({ id: 'L2', skuId: 'S2', pickedQty: 1 })],
        [
          { pickLineId: 'L1', skuId: 'S1', qty: 2 },
          { pickLineId: 'L2', skuId: 'S2', qty: 1 },
          { pickLineId: 'L1', skuId: 'S1', qty: 2 },
        ],
      ),
    ).toEqual([2, 1, 1]);
  });

  it('credits the same units reported twice once', () => {
    const once = line({ pickedQty: 2 });
    const items = [{ pickLineId: 'L1', skuId: 'S1', qty: 2 }];
    expect(creditPutBack([once], [...items, ...items])).toEqual([2, 0]);
    expect(creditPutBack([{ ...once, putBackQty: 2 }], items)).toEqual([0]);
  });

  it('credits nothing for an unknown line or another SKU than the line', () => {
    expect(
      creditPutBack(
        [line()],
        [
          { pickLineId: 'L9', skuId: 'S1', qty: 1 },
          { pickLineId: 'L1', skuId: 'S2', qty: 1 },
        ],
      ),
    ).toEqual([0, 0]);
  });
});
