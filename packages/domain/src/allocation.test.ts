import { describe, expect, it } from 'vitest';
import {
  NO_LOTS,
  type SkuAllocationRule,
  type StockSlot,
  allocateOrder,
  isPickable,
} from './allocation';

const FEFO: SkuAllocationRule = { lotTracked: true, minRemainingShelfLifeDays: null };

function aSlot(
  binCode: string,
  pathSeq: number,
  free: number,
  lot: string | null = null,
  expiry: string | null = null,
): StockSlot {
  return { skuId: 'S', binId: `GZ:${binCode}`, binCode, zone: 'A', pathSeq, lot, expiry, free };
}

const picked = (result: ReturnType<typeof allocateOrder>) =>
  result.kind === 'allocated'
    ? result.picks.map((p) => `${p.slot.binCode}${p.slot.lot ? `/${p.slot.lot}` : ''}×${p.qty}`)
    : result.short;

describe('allocation', () => {
  it('takes a SKU without lots along the pick path, splitting a line when a bin is short', () => {
    const slots = new Map([['S', [aSlot('A-01-02', 2, 5), aSlot('A-01-01', 1, 2)]]]);
    expect(
      picked(
        allocateOrder([{ lineId: 'l', skuId: 'S', qty: 4 }], slots, () => NO_LOTS, '2026-12-01'),
      ),
    ).toEqual(['A-01-01×2', 'A-01-02×2']);
    expect(slots.get('S')?.map((s) => s.free)).toEqual([3, 0]);
  });

  it('allocates an order whole or not at all', () => {
    const slots = new Map([
      ['S', [aSlot('A-01-01', 1, 3)]],
      ['T', [{ ...aSlot('A-01-02', 2, 1), skuId: 'T' }]],
    ]);
    const lines = [
      { lineId: 'a', skuId: 'S', qty: 2 },
      { lineId: 'b', skuId: 'T', qty: 2 },
    ];
    expect(picked(allocateOrder(lines, slots, () => NO_LOTS, '2026-12-01'))).toEqual([
      { skuId: 'T', qty: 2, allocatable: 1 },
    ]);
    expect(slots.get('S')?.[0]?.free).toBe(3);
  });

  it('takes the first expiry first for a lot-tracked SKU, never an expired lot', () => {
    const slots = new Map([
      [
        'S',
        [
          aSlot('A-01-01', 1, 5, 'OLD', '2026-11-30'),
          aSlot('A-01-02', 2, 5, 'LATE', '2027-03-01'),
          aSlot('A-01-03', 3, 2, 'SOON', '2026-12-10'),
        ],
      ],
    ]);
    expect(
      picked(allocateOrder([{ lineId: 'l', skuId: 'S', qty: 3 }], slots, () => FEFO, '2026-12-01')),
    ).toEqual(['A-01-03/SOON×2', 'A-01-02/LATE×1']);
  });

  it('keeps the minimum remaining shelf life; a lot on its expiry day is still pickable', () => {
    const rule = { lotTracked: true, minRemainingShelfLifeDays: 10 };
    expect(isPickable({ expiry: '2026-12-10' }, rule, '2026-12-01')).toBe(false);
    expect(isPickable({ expiry: '2026-12-11' }, rule, '2026-12-01')).toBe(true);
    expect(isPickable({ expiry: '2026-12-01' }, FEFO, '2026-12-01')).toBe(true);
    expect(isPickable({ expiry: '2026-11-30' }, FEFO, '2026-12-01')).toBe(false);
  });
});
