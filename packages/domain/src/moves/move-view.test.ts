import type { MoveWork } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { freeInBin, moveView } from './move-view';

const work: MoveWork = {
  bins: [
    { code: 'A-03-12', checkDigits: '47' },
    { code: 'B-01-01', checkDigits: '12' },
  ],
  skus: [{ id: 'SKU-1', name: 'Brake pads', nameZh: '刹车片', barcodes: [], lotTracked: true }],
  slots: [
    { binCode: 'A-03-12', skuId: 'SKU-1', lot: 'L1', expiry: '2027-01-31', qty: 5, free: 3 },
    { binCode: 'B-01-01', skuId: 'SKU-1', lot: 'L1', expiry: '2027-01-31', qty: 1, free: 1 },
  ],
};
const slotsOf = (view: MoveWork) =>
  view.slots.map((s) => `${s.binCode} ${s.lot ?? '-'} ${s.qty}/${s.free}`);

describe('the handheld’s view of movable stock', () => {
  it('two offline moves from one bin each take their units, and add to the target', () => {
    const move = { fromBinCode: 'A-03-12', toBinCode: 'B-01-01', skuId: 'SKU-1', lot: 'L1' };
    const view = moveView(work, [
      { ...move, qty: 2 },
      { ...move, qty: 1 },
    ]);
    expect(slotsOf(view)).toEqual(['A-03-12 L1 2/0', 'B-01-01 L1 4/4']);
    expect(freeInBin(view, 'A-03-12')).toBe(0);
  });

  it('a move of more than is free changes nothing (the server refuses it too)', () => {
    const view = moveView(work, [
      { fromBinCode: 'A-03-12', toBinCode: 'B-01-01', skuId: 'SKU-1', lot: 'L1', qty: 4 },
    ]);
    expect(slotsOf(view)).toEqual(slotsOf(work));
  });

  it('a lot correction lands in a slot of the corrected lot', () => {
    const view = moveView(work, [
      {
        fromBinCode: 'B-01-01',
        toBinCode: 'B-01-01',
        skuId: 'SKU-1',
        lot: 'L1',
        qty: 1,
        toLot: 'L2',
        toExpiry: '2027-03-31',
      },
    ]);
    expect(slotsOf(view)).toEqual(['A-03-12 L1 5/3', 'B-01-01 L2 1/1']);
  });
});
